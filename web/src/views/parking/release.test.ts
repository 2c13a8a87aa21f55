import { describe, expect, it } from 'vitest'
import { blankReleaseForm, releaseBody, releaseMissing } from './release'

describe('releasing a held car (PK-8)', () => {
  it('waits for the verification, the three copies and the fee, in that order', () => {
    const f = blankReleaseForm(4000)
    expect(releaseMissing(f, true)).toBe('verification_note')
    f.verification_note = '核對行車證及身份證，確認為車主'
    expect(releaseMissing(f, true)).toBe('licence_file_id')
    f.licence_file_id = 11
    expect(releaseMissing(f, true)).toBe('id_file_id')
    f.id_file_id = 12
    expect(releaseMissing(f, true)).toBe('statement_file_id')
    f.statement_file_id = 13
    expect(releaseMissing(f, true)).toBeNull()
    f.amount_cents = undefined
    expect(releaseMissing(f, true)).toBe('payment')
  })

  it('sends the fee due with the release, and no payment when none is due or taken', () => {
    const f = { ...blankReleaseForm(4000), verification_note: ' ok ', licence_file_id: 1, id_file_id: 2, statement_file_id: 3 }
    expect(releaseBody(f, true)).toEqual({
      verification_note: 'ok',
      licence_file_id: 1,
      id_file_id: 2,
      statement_file_id: 3,
      payment: { method: 'cash', amount_cents: 4000 },
    })
    const none = { ...blankReleaseForm(0), verification_note: 'ok', licence_file_id: 1, id_file_id: 2, statement_file_id: 3 }
    expect(none.charge).toBe(false)
    expect(releaseMissing(none, false)).toBeNull()
    expect(releaseBody(none, false).payment).toBeNull()
    // A car with no entry record: the team lead may still charge (a lost pass).
    expect(releaseMissing({ ...none, charge: true }, false)).toBe('payment')
    expect(releaseBody({ ...none, charge: true, amount_cents: 2000, method: 'electronic', reference: 'X1' }, false).payment).toEqual({
      method: 'electronic',
      amount_cents: 2000,
      reference: 'X1',
    })
  })
})
