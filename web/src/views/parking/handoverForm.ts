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

/** The parts of a handover the steps look at. */
type Signatures = { handed_by: { id: number }; taken_by: { id: number } | null; supervisor: { id: number } | null }

/**
 * PK-11 (issue 13): who may take the shift over now — an attendant of the site, not the one who
 * handed it over nor its supervisor, while nobody has. The server decides; this only shows the button.
 */
export function mayTake(h: Signatures, me: number | undefined, attendant: boolean): boolean {
  return !!me && attendant && !h.taken_by && h.handed_by.id !== me && h.supervisor?.id !== me
}

/** The team lead signs without taking the shift over, before or after the next attendant does; never one of the two attendants. */
export function maySign(h: Signatures, me: number | undefined, teamLead: boolean): boolean {
  return !!me && teamLead && !h.supervisor && h.handed_by.id !== me && h.taken_by?.id !== me
}

/**
 * The status as the lists and tags say it (handover.statuses.*): a handover the team lead signed
 * before the next attendant took over is "signed, waiting to be taken over".
 */
export function handoverStatusKey(h: { status: string; taken_by: unknown }): string {
  return h.status === 'signed' && !h.taken_by ? 'signed_untaken' : h.status
}
export const handoverStatusType = (key: string) => (key === 'signed' ? 'success' : key === 'taken' || key === 'signed_untaken' ? 'primary' : 'warning')
