// How a repair shows: the colour of its status and punctuality tags, the no-one-home wait
// (MT-3.4: the technician leaves a door nobody opens only after the site's minimum wait), a job's
// lateness on the technician's list, and the timeline's notes in the user's language.
import type { Punctuality, Repair, RepairRate, RepairStatus } from '@/api/repairTypes'
import type { TagStyle, TagType } from '@/views/desk/caseDisplay'
import { labelOf } from '@/views/desk/caseDisplay'

/** Waiting steps are warm, the technician's work blue, done green, a rebooking red, closed grey. */
export function repairStatusTag(status: RepairStatus | string): TagStyle {
  switch (status) {
    case 'recorded':
      return { type: 'warning', effect: 'light' }
    case 'assigned':
      return { type: 'primary', effect: 'light' }
    case 'on_site':
    case 'in_progress':
      return { type: 'primary', effect: 'dark' }
    case 'proposed':
    case 'consented':
      return { type: 'warning', effect: 'dark' }
    case 'rebook':
      return { type: 'danger', effect: 'light' }
    case 'completed':
      return { type: 'success', effect: 'light' }
    case 'return_visited':
      return { type: 'success', effect: 'dark' }
    default:
      return { type: 'info', effect: 'plain' }
  }
}

export function punctualityTag(p: Punctuality | string): TagType {
  if (p === 'on_time') return 'success'
  if (p === 'late') return 'danger'
  return 'warning'
}

/** Milliseconds left before "no one home" may be recorded (0 when it may be now). */
export function waitRemainingMs(arrivedAt: string | null | undefined, minWaitMinutes: number, now: number): number {
  if (!arrivedAt) return 0
  const arrived = Date.parse(arrivedAt)
  if (Number.isNaN(arrived)) return 0
  return Math.max(0, arrived + Math.max(0, minWaitMinutes) * 60_000 - now)
}

/** 245000 → "4:05"; a part-second counts as a whole one, so "0:00" means it may be done now. */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

export type Urgency = 'overdue' | 'soon' | 'normal'

/** A job on the technician's list: past due (red), due within 10 minutes (amber), or not yet. */
export function jobUrgency(r: Pick<Repair, 'overdue' | 'due_at' | 'arrived_at' | 'status'>, now: number): Urgency {
  if (r.overdue) return 'overdue'
  if (r.arrived_at && r.status !== 'assigned' && r.status !== 'rebook') return 'normal'
  const due = Date.parse(r.due_at)
  if (Number.isNaN(due)) return 'normal'
  if (due < now) return 'overdue'
  return due - now <= 10 * 60_000 ? 'soon' : 'normal'
}

type T = (key: string, named?: Record<string, unknown>) => string
type Te = (key: string) => boolean

const NOTIFIED_NOTE = /^(\w+) ×(\d+)$/

/** The note of a repair timeline entry as the user reads it (some notes are codes). */
export function repairEventNote(e: { kind: string; note: string }, t: T, te: Te): string {
  if (!e.note) return ''
  switch (e.kind) {
    case 'recorded':
      return te(`repairs.modes.${e.note}`) ? t(`repairs.modes.${e.note}`) : labelOf('repairs.channels', e.note, t, te)
    case 'no_one_home': {
      const m = /^(\d+) min(?:: ([\s\S]*))?$/.exec(e.note)
      return m ? t('repair.waited', { n: Number(m[1]) }) + (m[2] ? ': ' + m[2] : '') : e.note
    }
    case 'material':
      return e.note.replace(/^(resident|bought): /, (_, source: string) => labelOf('material.sources', source, t, te) + ': ')
    case 'checked_in':
      return labelOf('repairs.punctuality', e.note, t, te)
    case 'return_visit':
      return e.note.replace(/^(satisfied|not_satisfied|unreachable)/, (code) => labelOf('desk.outcomes', code, t, te))
    case 'notified': {
      const m = NOTIFIED_NOTE.exec(e.note)
      if (!m) return e.note
      const kind = `notifications.kinds.${m[1]}`
      const what = te(kind) ? t(kind, { number: '' }).trim() : m[1]!
      return t('caseDetail.notifiedTo', { what, n: Number(m[2]) })
    }
    default:
      return e.note
  }
}

/** A work order: issued and returned wait on the technician, reported on the issuer. */
export function workOrderStatusTag(status: string): TagStyle {
  switch (status) {
    case 'issued':
      return { type: 'primary', effect: 'light' }
    case 'reported':
      return { type: 'warning', effect: 'light' }
    case 'returned':
      return { type: 'danger', effect: 'light' }
    case 'accepted':
      return { type: 'success', effect: 'light' }
    default:
      return { type: 'info', effect: 'plain' }
  }
}

/**
 * A repair KPI rate against its target: met or missed (the server's verdict where it gives one,
 * else the percentage against `target`), nothing due, or no target at all.
 */
export function repairRateState(r: RepairRate, target?: number | null): 'met' | 'missed' | 'none' | 'plain' {
  if (r.percent === null) return 'none'
  if (r.meets_target !== undefined) return r.meets_target ? 'met' : 'missed'
  if (target === undefined || target === null) return 'plain'
  return r.percent >= target ? 'met' : 'missed'
}

/** A rate for a chart: the percentage to one decimal, or null (no bar) when nothing was due. */
export function repairChartValue(r: RepairRate): number | null {
  return r.percent === null ? null : Math.round(r.percent * 10) / 10
}

/**
 * When a technician is next free, as the picker says it (the server works the time out): now,
 * at a time today, or on a later day. A minute's grace so "now" does not flicker to a time.
 */
export function freeWhen(nextFreeAt: string, now: number, sameDay: (a: number, b: number) => boolean): 'now' | 'today' | 'later' {
  const at = Date.parse(nextFreeAt)
  if (Number.isNaN(at) || at <= now + 60_000) return 'now'
  return sameDay(at, now) ? 'today' : 'later'
}
