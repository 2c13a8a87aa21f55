// How the car park shows: the colour of a stay's status and a camera's decision, how long a car
// stayed, the register's remarks (PK-6: why a car went free, why a card holder paid as a
// visitor), a tariff's night window as HH:MM, the shift a moment falls in and the handover's
// cash difference (PK-11).
import type { GateEvent, Shift, Visit } from '@/api/parkingTypes'
import { siteDate } from '@/format/siteTime'
import type { TagStyle, TagType } from '@/views/desk/caseDisplay'
import { labelOf } from '@/views/desk/caseDisplay'

type T = (key: string, named?: Record<string, unknown>) => string
type Te = (key: string) => boolean

/** Inside is blue, waiting at the exit amber, held red, gone grey-green, refused grey. */
export function visitStatusTag(status: string): TagStyle {
  switch (status) {
    case 'inside':
      return { type: 'primary', effect: 'light' }
    case 'exiting':
      return { type: 'warning', effect: 'dark' }
    case 'held':
      return { type: 'danger', effect: 'dark' }
    case 'exited':
      return { type: 'success', effect: 'light' }
    default:
      return { type: 'info', effect: 'plain' }
  }
}

/** A camera's decision: opened green, held amber, refused or rejected red, reconciled grey. */
export function decisionTag(decision: GateEvent['decision'] | string): TagType {
  if (decision === 'open') return 'success'
  if (decision === 'hold') return 'warning'
  if (decision === 'refuse' || decision === 'rejected') return 'danger'
  return 'info'
}

/**
 * Why a camera or the booth decided what it did, in the user's language. An offline record the
 * server reconciles carries what it would have decided ("open:visitor"): both parts are named.
 */
export function reasonText(reason: string, t: T, te: Te): string {
  if (!reason) return ''
  const m = /^(\w+):(\w+)$/.exec(reason)
  if (m) return `${labelOf('parking.decisions', m[1]!, t, te)}：${labelOf('parking.reasons', m[2]!, t, te)}`
  return labelOf('parking.reasons', reason, t, te)
}

/** Whole minutes from `from` to `to` (or to `now` for a car still inside); null without an entry. */
export function stayMinutes(from: string | null, to: string | null, now: number): number | null {
  if (!from) return null
  const start = Date.parse(from)
  const end = to ? Date.parse(to) : now
  if (Number.isNaN(start) || Number.isNaN(end)) return null
  return Math.max(0, Math.floor((end - start) / 60_000))
}

/** 125 → "2 小時 5 分" in the user's language; under an hour only the minutes. */
export function durationText(minutes: number | null, t: T): string {
  if (minutes === null) return ''
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return h ? t('parking.hoursMinutes', { h, m }) : t('parking.minutesN', { n: m })
}

/**
 * The register's 備註 (PK-6): a free exit's category with its approver and reason, or why a card
 * holder was charged as a visitor; then the stay's own remarks, a refusal's reason and a pass
 * recorded lost (PK-5). A staff
 * free exit's remark is written by the server with its category and approver already
 * (領導批准免費（批准人：陳經理）：…), so it is not said twice.
 */
export function visitRemarks(
  v: Pick<Visit, 'free_category' | 'approved_by' | 'visitor_reason' | 'remarks' | 'refusal_reason' | 'category'> & Partial<Pick<Visit, 'pass_lost_note'>>,
  t: T,
  te: Te,
): string {
  const parts: string[] = []
  const remarkSaysIt = (v.free_category === 'approved' || v.free_category === 'policy') && v.remarks.trim() !== ''
  if (v.free_category && v.free_category !== 'card' && !remarkSaysIt) {
    const free = labelOf('parking.freeCategories', v.free_category, t, te)
    parts.push(v.approved_by ? `${free}（${v.approved_by.name}）` : free)
  }
  if (v.visitor_reason && v.visitor_reason !== 'no_card') parts.push(labelOf('parking.visitorReasons', v.visitor_reason, t, te))
  if (v.category === 'military_police') parts.push(labelOf('parking.categories', v.category, t, te))
  if (v.refusal_reason) parts.push(labelOf('parking.reasons', v.refusal_reason, t, te))
  if (v.remarks) parts.push(v.remarks)
  // PK-5: a pass not handed back is on the register's line.
  if (v.pass_lost_note) parts.push(t('parking.passLostRemark', { note: v.pass_lost_note }))
  return parts.join('；')
}

/** 1380 → "23:00"; minutes past midnight, wrapped into one day. */
export function minuteToHhmm(minute: number): string {
  const m = ((Math.round(minute) % 1440) + 1440) % 1440
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

/** "07:30" → 450; undefined for text that is not a time of day. */
export function hhmmToMinute(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!m) return undefined
  const h = Number(m[1])
  const mi = Number(m[2])
  if (h > 23 || mi > 59) return undefined
  return h * 60 + mi
}

/** The shift a site's minute of day falls in: morning 07–15, afternoon 15–23, night 23–07. */
export function shiftAt(minuteOfDay: number): Shift {
  if (minuteOfDay >= 7 * 60 && minuteOfDay < 15 * 60) return 'morning'
  if (minuteOfDay >= 15 * 60 && minuteOfDay < 23 * 60) return 'afternoon'
  return 'night'
}

/** The shift on duty at `now` in the site's zone, and the date it began (a night shift after midnight began the day before). */
export function shiftNow(now: number, timeZone: string): { shift_date: string; shift: Shift } {
  const hm = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now)
  const minute = hhmmToMinute(hm) ?? 0
  const shift = shiftAt(minute)
  const began = shift === 'night' && minute < 7 * 60 ? now - 86_400_000 : now
  return { shift_date: siteDate(began, timeZone), shift }
}

/** Counted cash less what the system recorded; positive is over, negative short. */
export const cashDifference = (countedCents: number | undefined, systemCents: number | null | undefined): number | null =>
  countedCents === undefined || systemCents === null || systemCents === undefined ? null : countedCents - systemCents

/** PK-11: a difference must be explained before the handover is accepted. */
export const differenceNeedsNote = (difference: number | null, note: string): boolean => difference !== null && difference !== 0 && note.trim() === ''

/** The car's latest camera event at a lane (events come newest first, but a live one may be newer). */
export function latestEvent(events: GateEvent[]): GateEvent | null {
  let best: GateEvent | null = null
  for (const e of events) if (!best || Date.parse(e.received_at) > Date.parse(best.received_at) || (e.received_at === best.received_at && e.id > best.id)) best = e
  return best
}

/** A plate as typed by hand: no spaces, Latin letters upper case (粵b 12345 → 粵B12345). */
export const normalisePlate = (text: string): string => text.replace(/[\s·・.-]+/g, '').toUpperCase()

/** The staff who worked the stays shown (entry, exit, payment), once each, by name: the register's attendant filter. */
export function attendantsOf(list: Pick<Visit, 'entry_by' | 'exit_by' | 'paid_by'>[]): { id: number; name: string }[] {
  const seen = new Map<number, string>()
  for (const v of list) for (const p of [v.entry_by, v.exit_by, v.paid_by]) if (p && !seen.has(p.id)) seen.set(p.id, p.name)
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name))
}
