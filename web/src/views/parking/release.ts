// Releasing a held car (PK-8): the team lead's verification, copies of the driving licence and
// the ID card and the driver's signed statement — three different files — the exit lane for a
// stay that has none, the pass taken back or noted lost (PK-5), and the fee the rules charge
// (the hold's `charge`, never a figure typed here). The release button waits until all of it is
// there; the server refuses a release without it too.
import type { ReleaseInput } from '@/api/parking'
import { passBody, passMissing, type PassForm } from './gateSteps'
import { blankPayment, paymentBody, paymentMissing, type PaymentForm } from './payment'

export interface ReleaseForm extends PassForm, PaymentForm {
  verification_note: string
  licence_file_id: number | undefined
  id_file_id: number | undefined
  statement_file_id: number | undefined
  lane_id: number | undefined
}

/** What the stay asks of the release besides the evidence. */
export interface ReleaseNeeds {
  /** The charge the server computed (charge.fee_cents); 0 when none is due. */
  feeCents: number
  /** The stay has no exit lane: the team lead names the one the car leaves by. */
  needsLane: boolean
  /** A visitor's pass was issued (PK-5). */
  hasPass: boolean
}

export const blankReleaseForm = (laneId?: number): ReleaseForm => ({
  verification_note: '',
  licence_file_id: undefined,
  id_file_id: undefined,
  statement_file_id: undefined,
  ...blankPayment(),
  lane_id: laneId,
  pass_returned: false,
  pass_lost_note: '',
})

export type ReleaseField = 'verification_note' | 'licence_file_id' | 'id_file_id' | 'statement_file_id' | 'lane_id' | 'pass_returned' | 'reference' | 'received_cents'

/** The first piece missing, in the order the server checks it, or null when complete. */
export function releaseMissing(f: ReleaseForm, n: ReleaseNeeds): ReleaseField | null {
  if (!f.verification_note.trim()) return 'verification_note'
  if (!f.licence_file_id) return 'licence_file_id'
  if (!f.id_file_id) return 'id_file_id'
  if (!f.statement_file_id) return 'statement_file_id'
  if (n.needsLane && !f.lane_id) return 'lane_id'
  return passMissing(n.hasPass, f) ?? (n.feeCents > 0 ? paymentMissing(f, n.feeCents) : null)
}

/** The copy that is the same file as an earlier one (the three must differ), with the one it repeats. */
export function sameFile(f: ReleaseForm): { field: 'id_file_id' | 'statement_file_id'; purpose: 'licence' | 'id_card' } | null {
  if (f.id_file_id && f.id_file_id === f.licence_file_id) return { field: 'id_file_id', purpose: 'licence' }
  if (f.statement_file_id && f.statement_file_id === f.licence_file_id) return { field: 'statement_file_id', purpose: 'licence' }
  if (f.statement_file_id && f.statement_file_id === f.id_file_id) return { field: 'statement_file_id', purpose: 'id_card' }
  return null
}

export function releaseBody(f: ReleaseForm, n: ReleaseNeeds): ReleaseInput {
  return {
    verification_note: f.verification_note.trim(),
    licence_file_id: f.licence_file_id,
    id_file_id: f.id_file_id,
    statement_file_id: f.statement_file_id,
    payment: n.feeCents > 0 ? paymentBody(f, n.feeCents) : null,
    ...(n.needsLane && f.lane_id ? { lane_id: f.lane_id } : {}),
    ...(n.hasPass ? passBody(f) : {}),
  }
}
