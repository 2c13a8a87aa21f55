// Releasing a held car (PK-8): the team lead's verification, copies of the driving licence and
// the ID card and the driver's signed statement, and the fee where one is due. The release
// button waits until all of it is there; the server refuses a release without it too.
import type { ReleaseInput } from '@/api/parking'
import type { PaymentMethod } from '@/api/parkingTypes'

export interface ReleaseForm {
  verification_note: string
  licence_file_id: number | undefined
  id_file_id: number | undefined
  statement_file_id: number | undefined
  /** Whether a fee is taken with the release (always when one is due). */
  charge: boolean
  method: PaymentMethod
  amount_cents: number | undefined
  reference: string
}

export const blankReleaseForm = (feeCents: number): ReleaseForm => ({
  verification_note: '',
  licence_file_id: undefined,
  id_file_id: undefined,
  statement_file_id: undefined,
  charge: feeCents > 0,
  method: 'cash',
  amount_cents: feeCents > 0 ? feeCents : undefined,
  reference: '',
})

/** The evidence in the order the server checks it; the first one missing, or null when complete. */
export function releaseMissing(f: ReleaseForm, feeDue: boolean): keyof ReleaseForm | 'payment' | null {
  if (!f.verification_note.trim()) return 'verification_note'
  if (!f.licence_file_id) return 'licence_file_id'
  if (!f.id_file_id) return 'id_file_id'
  if (!f.statement_file_id) return 'statement_file_id'
  if ((feeDue || f.charge) && f.amount_cents === undefined) return 'payment'
  return null
}

export function releaseBody(f: ReleaseForm, feeDue: boolean): ReleaseInput {
  const pay = feeDue || f.charge
  return {
    verification_note: f.verification_note.trim(),
    licence_file_id: f.licence_file_id,
    id_file_id: f.id_file_id,
    statement_file_id: f.statement_file_id,
    payment: pay
      ? { method: f.method, amount_cents: f.amount_cents ?? 0, ...(f.reference.trim() ? { reference: f.reference.trim() } : {}) }
      : null,
  }
}
