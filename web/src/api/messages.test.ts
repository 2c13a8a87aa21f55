// Errors the server ties to a code and a field are shown in the user's language where the UI
// has a translation; otherwise the server's own message is kept.
import { describe, expect, it } from 'vitest'
import { ApiError } from './client'
import { describeError, fieldMessage, translatedApiMessage } from './messages'

const messages: Record<string, string> = {
  'apiErrors.validation_failed.read_back_confirmed': '請先復述',
  'apiErrors.validation_failed.deadline_hours_repair': '須為 1 至 720 小時。',
  'apiErrors.illegal_state.any': '狀態不允許',
  'errors.stale': '已被他人修改',
}
const te = (k: string) => k in messages
const t = (k: string) => messages[k] ?? k
const err = (status: number, code: string, message: string, field?: string) =>
  new ApiError(status, { code, message, field })

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

  it('translate a code without a field by its general text', () => {
    expect(describeError(err(409, 'illegal_state', 'cannot archive a case that is recorded'), t, te)).toBe('狀態不允許')
  })

  it('keep the server message where there is no translation', () => {
    const e = err(409, 'conflict', 'code already exists', 'code')
    expect(translatedApiMessage(e, t, te)).toBeUndefined()
    expect(describeError(e, t, te)).toBe('code already exists')
    expect(fieldMessage(err(422, 'validation_failed', 'name must not be empty', 'name'), t, te)).toBe('name must not be empty')
  })

  it('keep the server message when no lookup is given (callers that predate translations)', () => {
    expect(describeError(err(422, 'validation_failed', 'read the record back…', 'read_back_confirmed'), t)).toBe(
      'read the record back…',
    )
  })

  it('leave statuses with their own sentence alone', () => {
    expect(describeError(err(412, 'version_mismatch', 'changed'), t, te)).toBe('已被他人修改')
  })
})
