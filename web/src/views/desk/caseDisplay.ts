// How a case shows: the colour of its status, category and return-visit tags, and the timeline's
// notes in the user's language (the server writes some notes as codes: a channel, an outcome,
// "unreachable #2: …", "case_dispatched ×3").
import type { Case, CaseCategory, CaseEvent, CaseRound, CaseStatus, ReturnVisit, VisitOutcome, VisitStatus } from '@/api/deskTypes'

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'
export interface TagStyle {
  type: TagType
  effect: 'light' | 'dark' | 'plain'
}

/** Open steps are warm, the department's work is blue, the desk's closing steps are green, archived is grey. */
export function statusTag(status: CaseStatus | string): TagStyle {
  switch (status) {
    case 'recorded':
      return { type: 'warning', effect: 'light' }
    case 'dispatched':
      return { type: 'primary', effect: 'light' }
    case 'in_progress':
      return { type: 'primary', effect: 'dark' }
    case 'completed':
      return { type: 'success', effect: 'light' }
    case 'return_visited':
    case 'replied':
      return { type: 'success', effect: 'dark' }
    default:
      return { type: 'info', effect: 'plain' }
  }
}

/** Complaints stand out (FD-D: the supervisor hears of them at once); repairs less so. */
export function categoryTag(category: CaseCategory | string): TagType {
  if (category === 'complaint') return 'danger'
  if (category === 'repair') return 'warning'
  return 'info'
}

export function outcomeTag(outcome: VisitOutcome | string | null): TagType {
  if (outcome === 'satisfied') return 'success'
  if (outcome === 'not_satisfied') return 'danger'
  if (outcome === 'unreachable') return 'warning'
  return 'info'
}

export function visitStatusTag(status: VisitStatus | string): TagType {
  if (status === 'pending') return 'warning'
  if (status === 'escalated') return 'danger'
  if (status === 'done') return 'success'
  return 'info'
}

type T = (key: string, named?: Record<string, unknown>) => string
type Te = (key: string) => boolean

/** A label from a family of keys (desk.channels.phone), or the code itself when unknown. */
export function labelOf(family: string, code: string, t: T, te: Te): string {
  const key = `${family}.${code}`
  return te(key) ? t(key) : code
}

const RETURN_VISIT_NOTE = /^(satisfied|not_satisfied|unreachable)(?: #(\d+))?(?:: ([\s\S]*))?$/
const NOTIFIED_NOTE = /^(\w+) ×(\d+)$/

/** The note of a timeline entry as the user reads it. */
export function eventNote(e: Pick<CaseEvent, 'kind' | 'note'>, t: T, te: Te): string {
  if (!e.note) return ''
  switch (e.kind) {
    case 'recorded':
      return labelOf('desk.channels', e.note, t, te)
    case 'responsibility':
      return labelOf('desk.responsibility', e.note, t, te)
    case 'archived':
      // A repair job the policy did not pick for a return visit closes its case (MT-4.0).
      return e.note === 'not sampled for a return visit' ? t('caseDetail.notSampled') : e.note
    case 'return_visit':
    case 'butler_outcome': {
      const m = RETURN_VISIT_NOTE.exec(e.note)
      if (!m) return e.note
      const outcome = labelOf('desk.outcomes', m[1]!, t, te)
      const attempt = m[2] ? ' ' + t('caseDetail.attempt', { n: Number(m[2]) }) : ''
      return outcome + attempt + (m[3] ? ': ' + m[3] : '')
    }
    case 'notified': {
      const m = NOTIFIED_NOTE.exec(e.note)
      if (!m) return e.note
      const what = te(`desk.notified.${m[1]}`) ? t(`desk.notified.${m[1]}`) : m[1]!
      return t('caseDetail.notifiedTo', { what, n: Number(m[2]) })
    }
    default:
      return e.note
  }
}

/** Still with the desk or the department: nothing handled yet in the round now on. */
export function isOpen(status: CaseStatus | string): boolean {
  return status === 'recorded' || status === 'dispatched' || status === 'in_progress'
}

/**
 * FD-C: reopened by an unsatisfied resident and being worked again: the department works from
 * the reason, and the earlier handling is history (previous rounds), not the case's state.
 */
export function reopenedNow(c: Pick<Case, 'status' | 'reopen_count'>): boolean {
  return c.reopen_count > 0 && isOpen(c.status)
}

/** Whether the case's handling (when, on time) is its current state: not while it is open again. */
export function showsHandled(c: Pick<Case, 'status' | 'handled_at'>): boolean {
  return !!c.handled_at && !isOpen(c.status)
}

type DateTime = (iso: string) => string

/** A return visit's result as one line: outcome, calls made, who and when, and the note. */
export function visitResult(v: ReturnVisit, t: T, dateTime: DateTime): string {
  if (!v.outcome) return ''
  const tries = v.attempts ? ` (${t('returnVisits.attemptsN', { n: v.attempts })})` : ''
  const who = v.done_by ? ` ${v.done_by.name}` : ''
  const when = v.done_at ? ` ${dateTime(v.done_at)}` : ''
  return `${t(`desk.outcomes.${v.outcome}`)}${tries}${who}${when}${v.note ? ': ' + v.note : ''}`
}

/**
 * The reply the resident was given: the desk's own (a reply or a complaint's explanation), else
 * the result of the last return visit that reached them (satisfied or not). '' when neither.
 */
export function replyGiven(c: Pick<Case, 'reply'> & { return_visits: ReturnVisit[] }, t: T, dateTime: DateTime): string {
  if (c.reply) return c.reply
  const reached = c.return_visits.filter((v) => v.outcome === 'satisfied' || v.outcome === 'not_satisfied')
  const last = reached[reached.length - 1]
  return last ? t('casePrint.visitReply', { result: visitResult(last, t, dateTime) }) : ''
}

/**
 * The department's feedback as the paper record keeps it: each earlier round's, with why the
 * resident was not satisfied, then the round now on's (numbered when there were earlier ones).
 */
export function feedbackHistory(c: Pick<Case, 'feedback'> & { previous_rounds: CaseRound[] }, t: T): string {
  const lines = c.previous_rounds.map(
    (r) =>
      `${t('caseDetail.round', { n: r.number })}：${r.feedback || t('caseDetail.roundNoCompletion')}` +
      `（${t('caseDetail.roundReason')}：${r.reason}）`,
  )
  if (c.feedback)
    lines.push(lines.length ? `${t('caseDetail.round', { n: lines.length + 1 })}：${c.feedback}` : c.feedback)
  return lines.join('\n')
}
