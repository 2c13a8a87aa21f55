// Shapes of the service desk's JSON (docs/openapi.yaml, tag `desk`): cases, their timeline and
// return visits, the site's desk policy and the KPIs (FD-A…D, I, N).
import type { CallerInput, Ref, Stamped, TimelineEvent } from './types'

export const CASE_CHANNELS = ['visit', 'phone', 'web'] as const
export type CaseChannel = (typeof CASE_CHANNELS)[number]
/** What the desk takes most: a new case starts on it. */
export const DEFAULT_CHANNEL: CaseChannel = 'phone'

/**
 * The server's limits on what the desk types, in characters (docs/openapi.yaml: CaseCreate and
 * the steps' bodies; deskLimits.test.ts holds them to it): the forms show them as counters.
 */
export const DESK_TEXT_LIMITS = {
  content: 2000,
  caller_name: 100,
  caller_phone: 40,
  note: 2000,
  feedback: 2000,
  reply: 2000,
} as const

export const CASE_CATEGORIES = ['inquiry', 'repair', 'complaint', 'suggestion', 'praise', 'other'] as const
export type CaseCategory = (typeof CASE_CATEGORIES)[number]

/** In lifecycle order: recorded → dispatched → in_progress → completed → return_visited → archived, or recorded → replied → archived. */
export const CASE_STATUSES = [
  'recorded',
  'dispatched',
  'in_progress',
  'completed',
  'return_visited',
  'replied',
  'archived',
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** The steps a caller may be offered (CaseDetail.actions), in the order the buttons show. */
export const CASE_ACTIONS = [
  'dispatch',
  'raise_repair',
  'accept',
  'progress',
  'complete',
  'return_visit',
  'butler_outcome',
  'reply',
  'archive',
  'reassign',
  'follow_up',
  'responsibility',
] as const
export type CaseAction = (typeof CASE_ACTIONS)[number]

export const RESPONSIBILITIES = ['ours', 'not_ours'] as const
export type Responsibility = (typeof RESPONSIBILITIES)[number]

export const VISIT_OUTCOMES = ['satisfied', 'not_satisfied', 'unreachable'] as const
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number]

export const VISIT_STATUSES = ['pending', 'escalated', 'done', 'cancelled'] as const
export type VisitStatus = (typeof VISIT_STATUSES)[number]

/** Timeline entries (CaseEvent.kind). */
export const CASE_EVENT_KINDS = [
  'recorded',
  'dispatched',
  'reassigned',
  'accepted',
  'progress',
  'completed',
  'return_visit',
  'return_visit_escalated',
  'return_visit_overdue',
  'butler_outcome',
  'reopened',
  'replied',
  'archived',
  'follow_up',
  'responsibility',
  'overdue',
  'escalated',
  'notified',
] as const

/** Notifications the desk sends; each links to its case ("/cases/<id>"). */
export const DESK_NOTIFICATION_KINDS = [
  'case_new_complaint',
  'case_dispatched',
  'case_completed',
  'case_overdue',
  'complaint_escalated',
  'return_visit_unsatisfied',
  'return_visit_escalated',
  'return_visit_overdue',
  'complaint_visit_result',
  'butler_outcome',
  'case_accepted',
  'case_progress',
  'case_follow_up',
] as const

export interface Case extends Stamped {
  number: string
  site_id: number
  channel: CaseChannel
  category: CaseCategory
  unit_id: number | null
  unit_label: string
  resident_id: number | null
  caller_name: string
  caller_phone: string
  content: string
  status: CaseStatus
  department: Ref | null
  due_at: string
  overdue: boolean
  /** FD-I: the deadline the case is judged by, fixed at its first dispatch. */
  target_due_at: string
  overdue_at: string | null
  escalated_at: string | null
  responsibility: Responsibility | null
  reply: string
  feedback: string
  repair_request_id: number | null
  reopen_count: number
  /** FD-C: why the resident was not satisfied at the last return visit that reopened the case ('' when none did). */
  reopen_reason: string
  recorded_by: Ref | null
  read_back_at: string
  dispatched_at: string | null
  accepted_at: string | null
  completed_at: string | null
  return_visited_at: string | null
  replied_at: string | null
  archived_at: string | null
  handled_at: string | null
  handled_on_time: boolean | null
}

export interface CaseEvent extends TimelineEvent {
  department: Ref | null
}

export interface ReturnVisit extends Stamped {
  case_id: number
  case_number: string
  site_id: number
  status: VisitStatus
  due_at: string
  attempts: number
  outcome: VisitOutcome | null
  note: string
  done_by: Ref | null
  done_at: string | null
  escalated_at: string | null
  /** Still waiting for its answer past due_at (FD-C). */
  overdue: boolean
  overdue_at: string | null
  case_category: CaseCategory
  caller_name: string
  /** The number to call back, digits as saved. */
  caller_phone: string
  unit_label: string
}

/** FD-C: a round of the department's work that a return visit turned down: history, not the case's state. */
export interface CaseRound {
  number: number
  department: Ref | null
  completed_at: string | null
  completed_by: Ref | null
  feedback: string
  /** That completion within the case's target (FD-I); null when the round had none. */
  on_time: boolean | null
  reason: string
  reopened_by: Ref | null
  reopened_at: string
}

/** A row of a case list: the case and the steps the reader may take on it (a department accepts from its queue). */
export interface CaseRow extends Case {
  actions: CaseAction[]
}

export interface CaseDetail extends Case {
  events: CaseEvent[]
  return_visits: ReturnVisit[]
  /** FD-C: the rounds that ended in a reopen, oldest first. */
  previous_rounds: CaseRound[]
  actions: CaseAction[]
}

export interface CaseCreate extends CallerInput {
  channel: CaseChannel
  category: CaseCategory
  content: string
  read_back_confirmed: boolean
  responsibility?: Responsibility
}

export type DeadlineHours = Record<CaseCategory, number>

export interface DeskPolicy {
  site_id: number
  return_visit_hours: number
  max_unreachable: number
  deadline_hours: DeadlineHours
  /** 0 while the site still uses the defaults. */
  version: number
  updated_at: string | null
}

export interface KpiRate {
  done: number
  due: number
  /** null when nothing was due: shown as "—", and it breaks no target. */
  percent: number | null
  meets_target: boolean
}

export const KPI_STEPS = ['dispatch', 'accept', 'complete', 'return_visit', 'reply', 'archive'] as const
export type KpiStep = (typeof KPI_STEPS)[number]

export interface KpiCounts {
  cases: number
  complaints: number
  complaints_on_time: KpiRate
  return_visits: KpiRate
  average_minutes: Record<KpiStep, number | null>
}

export const BREACH_KINDS = ['complaint_late', 'complaint_overdue', 'return_visit_missed'] as const
export type BreachKind = (typeof BREACH_KINDS)[number]

export interface KpiBreach {
  kind: BreachKind
  case_id: number
  number: string
  category: CaseCategory
  caller_name: string
  department_name: string
  recorded_by_name: string
  due_at: string
  handled_at: string | null
}

export interface DeskKpi {
  from: string
  to: string
  targets: { complaints_on_time: number; return_visits: number }
  totals: KpiCounts
  /** id null: cases not dispatched to any department. */
  departments: (KpiCounts & { id: number | null; name: string })[]
  staff: (KpiCounts & { id: number; name: string })[]
  days: (KpiCounts & { date: string })[]
  breaches: KpiBreach[]
}
