// 停車場值班交接班登記表 (FM-RW528, PK-11) as the attendant fills it in: the shift and post, the
// duty notes, what is handed over (radios, keys, batons, torches, tickets), the cash counted
// against what the system recorded — a difference must be explained — and remarks.
import type { HandoverInput, Shift } from '@/api/parkingTypes'
import { cashDifference, differenceNeedsNote } from './parkingDisplay'

export const HANDOVER_ITEMS = ['radios', 'keys', 'batons', 'torches', 'tickets'] as const
export type HandoverItem = (typeof HANDOVER_ITEMS)[number]

export interface HandoverForm extends Omit<HandoverInput, 'cash_cents'> {
  cash_cents: number | undefined
}

export const blankHandover = (shift: { shift_date: string; shift: Shift }, post = ''): HandoverForm => ({
  shift_date: shift.shift_date,
  shift: shift.shift,
  post,
  duty_notes: '',
  radios: 0,
  keys: 0,
  batons: 0,
  torches: 0,
  tickets: 0,
  cash_cents: undefined,
  difference_note: '',
  remarks: '',
})

/** The first field to fill in before the form can be handed over, or null. */
export function handoverMissing(f: HandoverForm, systemCashCents: number | null): keyof HandoverForm | null {
  if (!f.shift_date) return 'shift_date'
  if (!f.post.trim()) return 'post'
  if (f.cash_cents === undefined) return 'cash_cents'
  if (differenceNeedsNote(cashDifference(f.cash_cents, systemCashCents), f.difference_note)) return 'difference_note'
  return null
}

export function handoverBody(f: HandoverForm): HandoverInput {
  return {
    ...f,
    post: f.post.trim(),
    duty_notes: f.duty_notes.trim(),
    cash_cents: f.cash_cents ?? 0,
    difference_note: f.difference_note.trim(),
    remarks: f.remarks.trim(),
  }
}
