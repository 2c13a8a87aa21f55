// Shapes of the repair module's JSON (docs/repairs-api.md, MT-1 … MT-5.0): the request and its
// flow sheet (客戶請修流程單), arrivals, materials, charges, the versioned price list
// (特約服務收費指導標準), public work orders (派工單), the repair policy and the KPIs.
import type { CallerInput, Ref, Stamped, TimelineEvent } from './types'

export const REPAIR_CHANNELS = ['phone', 'visit', 'web'] as const
export type RepairChannel = (typeof REPAIR_CHANNELS)[number]

export const REPAIR_MODES = ['immediate', 'appointment'] as const
export type RepairMode = (typeof REPAIR_MODES)[number]

/** In lifecycle order. */
export const REPAIR_STATUSES = [
  'recorded',
  'assigned',
  'on_site',
  'rebook',
  'proposed',
  'consented',
  'in_progress',
  'completed',
  'return_visited',
  'closed',
] as const
export type RepairStatus = (typeof REPAIR_STATUSES)[number]

/** The steps a caller may be offered (RepairDetail.actions); the buttons' order is repairActions' REPAIR_BUTTON_ORDER. */
export const REPAIR_ACTIONS = [
  'assign',
  'check_in',
  'no_one_home',
  'rebook',
  'propose',
  'consent',
  'start',
  'material',
  'complete',
  'close',
  'note',
] as const
export type RepairAction = (typeof REPAIR_ACTIONS)[number]

export const REPAIR_EVENT_KINDS = [
  'recorded',
  'assigned',
  'reassigned',
  'checked_in',
  'no_one_home',
  'rebooked',
  'proposed',
  'consented',
  'declined',
  'started',
  'material',
  'completed',
  'receipt',
  'closed',
  'note',
  'return_visit',
  'reopened',
  'arrival_missed',
  'notified',
] as const

export const PUNCTUALITIES = ['on_time', 'early', 'late'] as const
export type Punctuality = (typeof PUNCTUALITIES)[number]

export const MATERIAL_SOURCES = ['resident', 'bought'] as const
export type MaterialSource = (typeof MATERIAL_SOURCES)[number]

export const FILE_KINDS = ['signature', 'receipt', 'photo', 'document'] as const
export type FileKind = (typeof FILE_KINDS)[number]

/** Notifications the repair module sends. */
export const REPAIR_NOTIFICATION_KINDS = [
  'repair_new',
  'repair_assigned',
  'repair_no_one_home',
  'repair_reopened',
  'repair_arrival_missed',
  'work_order_issued',
  'work_order_reported',
  'work_order_returned',
] as const

export interface Slot {
  start: string
  end: string
}

export interface Proposal {
  solution: string
  materials: string
  minutes: number | null
  price_cents: number | null
  proposed_at: string
}

export interface Repair extends Stamped {
  number: string
  site_id: number
  case_id: number | null
  case_number: string
  channel: RepairChannel
  unit_id: number | null
  unit_label: string
  caller_name: string
  caller_phone: string
  location: string
  description: string
  mode: RepairMode
  simple: boolean
  requested_at: string
  slot: Slot | null
  due_at: string
  overdue: boolean
  /** MT-3.1: when an immediate job not reached by due_at was flagged (engineering and the desk told). */
  arrival_missed_at: string | null
  status: RepairStatus
  technician: Ref | null
  assigned_at: string | null
  arrived_at: string | null
  first_arrived_at: string | null
  first_on_time: boolean | null
  proposal: Proposal | null
  consent_at: string | null
  consent_note: string
  started_at: string | null
  completed_at: string | null
  work_done: string
  restored: boolean
  cleaned: boolean
  opinion: string
  signature_file_id: number | null
  signed_by: string
  /** The price-list lines. */
  charge_cents: number
  /** MT-3.3: the bought materials put on the receipt. */
  materials_cents: number
  adjustment_cents: number
  adjustment_reason: string
  /** charge_cents + materials_cents + adjustment_cents. */
  total_cents: number
  /** MT-3.2/3.4: the price the resident agreed to (null: no priced proposal agreed). */
  quote_cents: number | null
  /** MT-3.4: why the total differs from the consented quote and the charged materials. */
  charge_reason: string
  receipt_no: string | null
  visit_count: number
  no_one_home_count: number
  reopen_count: number
  first_time_fix: boolean | null
  return_visit_due_at: string | null
  return_visit_outcome: 'satisfied' | 'not_satisfied' | null
  return_visited_at: string | null
  close_reason: string
  closed_at: string | null
  created_by: Ref | null
}

export type RepairEvent = TimelineEvent

export interface Arrival {
  id: number
  technician: Ref
  mode: RepairMode
  expected_at: string
  arrived_at: string
  punctuality: Punctuality
  outcome: 'no_one_home' | null
  waited_minutes: number | null
  left_at: string | null
}

export interface Material {
  id: number
  source: MaterialSource
  name: string
  quantity: string
  quality_ok: boolean | null
  quality_note: string
  resident_decision: string
  place: string
  amount_cents: number | null
  receipt_file_id: number | null
  /** A bought one put on the resident's receipt at its amount. */
  charged: boolean
  recorded_by: Ref | null
  recorded_at: string
}

export interface Charge {
  id: number
  price_item_id: number
  code: string
  name: string
  unit: string
  unit_price_cents: number
  quantity: number
  amount_cents: number
}

export interface RepairDetail extends Repair {
  events: RepairEvent[]
  arrivals: Arrival[]
  materials: Material[]
  charges: Charge[]
  /** MT-3.2: the current proposal's price-list lines (its price is their total). */
  quote_lines: Charge[]
  actions: RepairAction[]
  policy: { min_wait_minutes: number }
}

/** A booked slot as typed: the site's date and wall-clock times. */
export interface SlotInput {
  date: string
  start: string
  end: string
}

/** What raising a desk repair case into its request adds to the case (FD-B, MT-3.1). */
export interface RepairRaise {
  location?: string
  simple?: boolean
  description?: string
  mode: RepairMode
  slot?: SlotInput
}

/** A call taken directly at the desk: its case is recorded with it. */
export interface RepairCreate extends CallerInput, RepairRaise {
  channel: RepairChannel
  description: string
  read_back_confirmed: boolean
}

export interface RepairList {
  items: Repair[]
  next: string | null
}

export interface PriceItem {
  id: number
  site_id?: number
  item_key: number
  version: number
  code: string
  name: string
  unit: string
  price_cents: number
  active: boolean
  /** The version in force (older versions are kept for the jobs charged at their price). */
  current?: boolean
  superseded_at?: string | null
  created_at: string
  created_by: Ref | null
}

export interface PriceItemInput {
  code: string
  name: string
  unit: string
  price_cents: number
}

export const WORK_ORDER_STATUSES = ['issued', 'reported', 'returned', 'accepted', 'archived'] as const
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number]

export const WORK_ORDER_ACTIONS = ['report', 'send_back', 'accept', 'archive'] as const
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number]

export const WORK_ORDER_EVENT_KINDS = ['issued', 'reported', 'returned', 'sent_back', 'accepted', 'archived', 'notified'] as const

export interface WorkOrder extends Stamped {
  number: string
  site_id: number
  title: string
  location: string
  instructions: string
  issued_by: Ref | null
  issued_at: string
  technician: Ref | null
  due_at: string | null
  status: WorkOrderStatus
  report: string
  reported_at: string | null
  return_reason: string
  returned_count: number
  inspection_note: string
  accepted_by: Ref | null
  accepted_at: string | null
  signature_file_id: number | null
  archived_at: string | null
}

export interface WorkOrderDetail extends WorkOrder {
  events: RepairEvent[]
  actions: WorkOrderAction[]
}

export interface WorkOrderCreate {
  title: string
  location?: string
  instructions: string
  technician_id: number
  due_at?: string
}

export interface RepairPolicy {
  site_id?: number
  return_visit_hours: number
  return_visit_percent: number
  min_wait_minutes: number
  /** 0 while the site still uses the defaults. */
  version: number
  updated_at?: string | null
}

export interface RepairRate {
  numerator: number
  denominator: number
  percent: number | null
  /** The server's verdict against the manual's target (100 %, or the policy's return-visit rate). */
  meets_target?: boolean
}

export interface RepairKpiCounts {
  requests: number
  arrivals_immediate: RepairRate
  arrivals_appointment: RepairRate
  response_avg_minutes: number | null
  completed: number
  first_time_fix: RepairRate
  satisfaction: RepairRate
  return_visits: RepairRate
  return_visit_target_percent: number
  late_arrivals: number
  /** Completed jobs picked for a return visit. */
  sampled?: number
}

export interface RepairKpi {
  from: string
  to: string
  totals: RepairKpiCounts
  /** technician null: jobs not yet assigned. */
  technicians: (RepairKpiCounts & { technician: Ref | null })[]
  days: (RepairKpiCounts & { date: string })[]
}

/** Who can be given a job or a work order, with their load (MT-3.1: the engineering head assigns). */
export interface Worker extends Ref {
  role: 'technician' | 'eng_lead'
  login: string
  /** Open jobs due by the end of today (and any still open from before). */
  open_jobs_today: number
  /** When none of their jobs keeps them busy any more: now when free. */
  next_free_at: string
}

export interface UploadedFile {
  id: number
  kind: FileKind
  content_type: string
  byte_size: number
  sha256: string
  created_at: string
}
