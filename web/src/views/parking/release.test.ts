import { describe, expect, it } from 'vitest'
import { blankReleaseForm, releaseBody, releaseMissing, sameFile } from './release'

const due = { feeCents: 15000, needsLane: false, hasPass: false }

describe('releasing a held car (PK-8)', () => {
  it('waits for the verification and the three copies, in that order', () => {
    const f = blankReleaseForm()
    expect(releaseMissing(f, due)).toBe('verification_note')
    f.verification_note = '　' // blank in any script
    expect(releaseMissing(f, due)).toBe('verification_note')
    f.verification_note = '核對行車證及身份證，確認為車主'
    expect(releaseMissing(f, due)).toBe('licence_file_id')
    f.licence_file_id = 11
    expect(releaseMissing(f, due)).toBe('id_file_id')
    f.id_file_id = 12
    expect(releaseMissing(f, due)).toBe('statement_file_id')
    f.statement_file_id = 13
    expect(releaseMissing(f, due)).toBeNull()
  })

  it('wants the exit lane for a stay with none, and the pass back or noted lost (PK-5)', () => {
    const f = { ...blankReleaseForm(), verification_note: 'ok', licence_file_id: 1, id_file_id: 2, statement_file_id: 3 }
    expect(releaseMissing(f, { ...due, needsLane: true })).toBe('lane_id')
    f.lane_id = 4
    expect(releaseMissing(f, { ...due, needsLane: true, hasPass: true })).toBe('pass_returned')
    f.pass_lost_note = '司機稱出入證遺失'
    expect(releaseMissing(f, { ...due, needsLane: true, hasPass: true })).toBeNull()
    expect(releaseBody(f, { ...due, needsLane: true, hasPass: true })).toMatchObject({ lane_id: 4, pass_returned: false, pass_lost_note: '司機稱出入證遺失' })
  })

  it('takes three different files', () => {
    const f = { ...blankReleaseForm(), licence_file_id: 1, id_file_id: 1, statement_file_id: 3 }
    expect(sameFile(f)).toEqual({ field: 'id_file_id', purpose: 'licence' })
    expect(sameFile({ ...f, id_file_id: 2, statement_file_id: 2 })).toEqual({ field: 'statement_file_id', purpose: 'id_card' })
    expect(sameFile({ ...f, id_file_id: 2, statement_file_id: 1 })).toEqual({ field: 'statement_file_id', purpose: 'licence' })
    expect(sameFile({ ...f, id_file_id: 2 })).toBeNull()
    expect(sameFile(blankReleaseForm())).toBeNull()
  })

  it('pays the charge the rules set, never a typed figure, and nothing when none is due', () => {
    const f = { ...blankReleaseForm(), verification_note: ' ok ', licence_file_id: 1, id_file_id: 2, statement_file_id: 3 }
    expect(releaseBody(f, due)).toEqual({
      verification_note: 'ok',
      licence_file_id: 1,
      id_file_id: 2,
      statement_file_id: 3,
      payment: { method: 'cash', amount_cents: 15000 },
    })
    expect(releaseBody({ ...f, method: 'electronic', reference: ' WX9 ' }, due).payment).toEqual({ method: 'electronic', amount_cents: 15000, reference: 'WX9' })
    expect(releaseBody(f, { ...due, feeCents: 0 }).payment).toBeNull()
  })
})
