// Errors the server ties to a code and a field are shown in the user's language where the UI
// has a translation; otherwise the server's own message is kept.
import { describe, expect, it } from 'vitest'
import { ApiError } from './client'
import { describeError, fieldMessage, messageParams, setErrorMoneyFormat, translatedApiMessage } from './messages'

const messages: Record<string, string> = {
  'apiErrors.validation_failed.read_back_confirmed': '請先復述',
  'apiErrors.validation_failed.deadline_hours_repair': '須為 1 至 720 小時。',
  'apiErrors.illegal_state.any': '狀態不允許',
  'errors.stale': '已被他人修改',
  'errors.forbidden': '沒有權限',
  'apiErrors.validation_failed.licence_file_id': '請上載行車證副本。',
  'apiErrors.vehicle_waiting.any': '{plate} 仍在閘前未繳費',
  'apiErrors.wrong_amount.any': '金額須等於應收 {due}。',
  'apiErrors.same_file.any': '此檔案已用作{purpose}。',
  'apiErrors.values.purpose.licence': '行車證副本',
  'apiErrors.already_decided.any': '此申請{status}。',
  'apiErrors.values.status.approved': '已批准',
  'apiErrors.not_approver.any': '須由經理批准',
  'apiErrors.required.fallback': '請填寫此項。',
  'apiErrors.no_such_record.charges': '請選擇現行收費標準內的項目。',
}
const te = (k: string) => k in messages
const t = (k: string, named?: Record<string, unknown>) =>
  (messages[k] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => String(named?.[n] ?? `{${n}}`))
const err = (status: number, code: string, message: string, field?: string, params?: Record<string, string | number>) =>
  new ApiError(status, { code, message, field, params })

describe('translated API errors', () => {
  it('translate a field error by code and field', () => {
    const e = err(422, 'validation_failed', 'read the record back…', 'read_back_confirmed')
    expect(translatedApiMessage(e, t, te)).toBe('請先復述')
    expect(fieldMessage(e, t, te)).toBe('請先復述')
    expect(describeError(e, t, te)).toBe('請先復述')
  })

  it('read a nested field as one key', () => {
    const e = err(422, 'validation_failed', 'must be 1 to 720 hours', 'deadline_hours.repair')
    expect(fieldMessage(e, t, te)).toBe('須為 1 至 720 小時。')
  })

  it('read a field inside a list by its list when it has no text of its own', () => {
    const e = err(422, 'no_such_record', 'not an item of the current price list', 'charges[1].price_item_id')
    expect(fieldMessage(e, t, te)).toBe('請選擇現行收費標準內的項目。')
  })

  it('translate a code without a field by its general text', () => {
    expect(describeError(err(409, 'illegal_state', 'cannot archive a case that is recorded'), t, te)).toBe('狀態不允許')
  })

  it('never show the server\u2019s English: without a translation, what the status means (issue 13)', () => {
    const e = err(409, 'mystery_rule', 'code already exists', 'code')
    expect(translatedApiMessage(e, t, te)).toBeUndefined()
    expect(describeError(e, t, te)).toBe('errors.conflict')
    expect(fieldMessage(err(422, 'mystery_rule', 'name must not be empty', 'name'), t, te)).toBe('errors.invalid')
    expect(describeError(err(400, 'mystery_rule', 'bad'), t, te)).toBe('errors.badRequest')
    expect(describeError(err(418, 'teapot', 'short and stout'), t, te)).toBe('errors.badRequest')
  })

  it('leave statuses with their own sentence alone', () => {
    expect(describeError(err(412, 'version_mismatch', 'changed'), t, te)).toBe('已被他人修改')
  })

  it('fill the refusal\u2019s parameters into the message (a plate, an amount as money, a named value)', () => {
    expect(describeError(err(409, 'vehicle_waiting', 'x waits', undefined, { plate: '粵B88888', visit_id: 4 }), t, te)).toBe('粵B88888 仍在閘前未繳費')
    setErrorMoneyFormat((c) => `HK$${(c / 100).toFixed(2)}`)
    expect(fieldMessage(err(422, 'wrong_amount', 'the fee due is 150.00', 'payment', { due_cents: 15000 }), t, te)).toBe('金額須等於應收 HK$150.00。')
    setErrorMoneyFormat((c) => (c / 100).toFixed(2))
    expect(fieldMessage(err(422, 'same_file', 'one file twice', 'id_file_id', { purpose: 'licence' }), t, te)).toBe('此檔案已用作行車證副本。')
    expect(describeError(err(409, 'already_decided', 'already approved', undefined, { status: 'approved' }), t, te)).toBe('此申請已批准。')
    // A value the UI cannot name is shown as sent.
    expect(messageParams(err(409, 'already_decided', 'x', undefined, { status: 'weird' }), t, te)).toEqual({ status: 'weird' })
  })

  it('fall back, for a 422, to the field\u2019s own text before a general code\u2019s last word', () => {
    expect(fieldMessage(err(422, 'required', 'attach the licence', 'licence_file_id'), t, te)).toBe('請上載行車證副本。')
    expect(fieldMessage(err(422, 'required', 'say why', 'mystery'), t, te)).toBe('請填寫此項。')
    // A code the UI has no word for at all says what a 422 means, never the server's sentence.
    expect(fieldMessage(err(422, 'new_rule', 'something new', 'mystery'), t, te)).toBe('errors.invalid')
    // A 409 on a field is not a value to correct: no validation_failed text for it.
    expect(fieldMessage(err(409, 'new_rule', 'dup', 'licence_file_id'), t, te)).toBe('errors.conflict')
  })

  it('say which decision a role may not take (403 with a code), else the plain "not allowed"', () => {
    expect(describeError(err(403, 'not_approver', 'only a manager'), t, te)).toBe('須由經理批准')
    expect(describeError(err(403, 'forbidden', 'no'), t, te)).toBe('沒有權限')
  })

  it('read params from the server\u2019s error body', () => {
    expect(new ApiError(409, { code: 'vehicle_held', message: 'm' }).params).toEqual({})
    expect(new ApiError(409, { code: 'vehicle_held', message: 'm', params: { plate: 'A1' } }).params).toEqual({ plate: 'A1' })
  })
})
