// Shapes of the car park's JSON (docs/parking-api.md, PK-1 … PK-11): lots, lanes, cameras and
// tariffs; parking cards and vehicle files; the register's stays (車輛出入登記表), camera events,
// held vehicles, incidents, posts and the shift handover (停車場值班交接班登記表 FM-RW528).
import type { Ref } from './types'

export const VISIT_STATUSES = ['inside', 'exiting', 'held', 'exited', 'refused'] as const
export type VisitStatus = (typeof VISIT_STATUSES)[number]

export const VISIT_CATEGORIES = ['card', 'visitor', 'military_police'] as const
export type VisitCategory = (typeof VISIT_CATEGORIES)[number]

export const ENTRY_METHODS = ['camera', 'card', 'manual', 'none'] as const
export const EXIT_METHODS = ['camera', 'manual', 'offline'] as const
/** What an attendant records by hand at an entry lane. */
export const MANUAL_ENTRY_METHODS = ['manual', 'card'] as const
export type ManualEntryMethod = (typeof MANUAL_ENTRY_METHODS)[number]

export const GOODS_FLAGS = ['flammable', 'explosive', 'toxic'] as const
export type GoodsFlag = (typeof GOODS_FLAGS)[number]

export const PAYMENT_METHODS = ['cash', 'electronic'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]
/** The payment QRs a car park may show the driver (an electronic payment records which). */
export const PAY_SCHEMES = ['fps', 'wechat', 'alipay'] as const
export type PayScheme = (typeof PAY_SCHEMES)[number]

/** Every free category a stay may carry; staff choose only the STAFF_FREE_CATEGORIES (PK-6). */
export const FREE_CATEGORIES = ['card', 'policy', 'approved', 'free_period'] as const
export type FreeCategory = (typeof FREE_CATEGORIES)[number]
export const STAFF_FREE_CATEGORIES = ['policy', 'approved'] as const
export type StaffFreeCategory = (typeof STAFF_FREE_CATEGORIES)[number]

export const VISITOR_REASONS = ['no_card', 'card_expired', 'card_suspended', 'card_mismatch'] as const

export const HOLD_REASONS = ['mismatch', 'no_entry', 'no_card', 'suspicious'] as const
export type HoldReason = (typeof HOLD_REASONS)[number]
/** An attendant holds a car for these; 'no_entry' is the system's. */
export const STAFF_HOLD_REASONS = ['mismatch', 'no_card', 'suspicious'] as const
export type StaffHoldReason = (typeof STAFF_HOLD_REASONS)[number]
export const HOLD_STATUSES = ['held', 'released'] as const

export const ESCALATION_TARGETS = ['manager', 'police'] as const
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number]

export const INCIDENT_KINDS = ['gate_crash', 'abandoned', 'military_police', 'barrier_override'] as const
export type IncidentKind = (typeof INCIDENT_KINDS)[number]
/** What staff record by hand; a barrier_override is the server's record of the team lead's open (PK-8). */
export const STAFF_INCIDENT_KINDS = ['gate_crash', 'abandoned', 'military_police'] as const
export type StaffIncidentKind = (typeof STAFF_INCIDENT_KINDS)[number]
/** PK-9: these close only once the authority is recorded as told. */
export const AUTHORITY_INCIDENT_KINDS: readonly IncidentKind[] = STAFF_INCIDENT_KINDS
export const INCIDENT_STATUSES = ['open', 'closed'] as const

export const SHIFTS = ['morning', 'afternoon', 'night'] as const
export type Shift = (typeof SHIFTS)[number]
export const HANDOVER_STATUSES = ['handed', 'taken', 'signed'] as const

export const DIRECTIONS = ['entry', 'exit'] as const
export type Direction = (typeof DIRECTIONS)[number]

export const CARD_KINDS = ['monthly', 'owner'] as const
export type CardKind = (typeof CARD_KINDS)[number]
export const CARD_STATUSES = ['active', 'suspended'] as const

/** PK-6: the site's policy-free register, a class in the vehicle file ('' not on it). */
export const POLICY_CLASSES = ['ambulance', 'fire', 'police', 'military', 'government', 'utility'] as const
export type PolicyClass = (typeof POLICY_CLASSES)[number]

/** A free exit asked for at the booth, waiting for a manager (approved) or the team lead (policy), or decided (PK-6). */
export const FREE_REQUEST_STATUSES = ['pending', 'approved', 'refused', 'cancelled'] as const
export type FreeRequestStatus = (typeof FREE_REQUEST_STATUSES)[number]

/** Why a release charges what it does (the hold's `charge.reason`, PK-8). */
export const CHARGE_REASONS = ['card', 'policy', 'free_period', 'fee_due', 'no_entry'] as const
export type ChargeReason = (typeof CHARGE_REASONS)[number]

/** The car park's notifications (each links to its page); the bell names them in the user's language. */
export const PARKING_NOTIFICATION_KINDS = [
  'parking_free_request',
  'parking_free_request_policy',
  'parking_free_approved',
  'parking_free_refused',
  'parking_override',
  'parking_deployed',
  'parking_understaffed',
  'parking_hold',
  'parking_escalation',
  'parking_incident',
] as const

export const GATE_DECISIONS = ['open', 'hold', 'refuse', 'reconciled', 'rejected'] as const
/** Reasons the server gives with a decision (events and entry/exit answers); others show as sent. */
export const GATE_REASONS = [
  'card',
  'visitor',
  'card_expired',
  'card_suspended',
  'card_mismatch',
  'military_police',
  'policy',
  'free_period',
  'fee_due',
  'paid',
  'no_entry',
  'held',
  'no_plate',
  'already_inside',
  'dangerous_goods',
  'unknown_camera',
  'offline_not_opened',
] as const

export interface Visit {
  id: number
  lot_id: number
  plate: string
  status: VisitStatus
  category: VisitCategory
  card_id: number | null
  card_no: string
  pass_no: string | null
  pass_returned: boolean
  /** PK-5: a pass not handed back, recorded as lost. */
  pass_lost_note: string
  entry_lane_id: number | null
  entry_lane_name: string
  entry_at: string | null
  entry_method: (typeof ENTRY_METHODS)[number]
  entry_by: Ref | null
  damage_note: string
  goods_checked: boolean
  goods_flag: '' | GoodsFlag
  refusal_reason: string
  exit_lane_id: number | null
  exit_lane_name: string
  exit_at: string | null
  exit_method: '' | (typeof EXIT_METHODS)[number]
  exit_by: Ref | null
  charged_as: '' | 'card' | 'visitor'
  visitor_reason: '' | (typeof VISITOR_REASONS)[number]
  fee_cents: number
  paid_cents: number
  payment_method: PaymentMethod | null
  payment_ref: string
  /** The QR scanned for an electronic payment, '' for cash or not said. */
  payment_scheme: '' | PayScheme
  /** PK-5: cash handed over (the fee for an electronic payment) and the change given back. */
  received_cents: number
  change_cents: number
  paid_at: string | null
  paid_by: Ref | null
  receipt_no: string | null
  free_category: FreeCategory | null
  approved_by: Ref | null
  remarks: string
  version: number
  created_at: string
}

export interface GateEvent {
  id: number
  lane_id: number | null
  camera_id: number | null
  serialno: string
  plate: string
  plateid: number
  camera_time: string
  is_offline: boolean
  opened_offline: boolean
  received_at: string
  decision: (typeof GATE_DECISIONS)[number]
  reason: string
  fee_cents: number
  visit_id: number | null
  /** The camera's picture, at /parking/snapshots/{id} (docs/parking-api.md). */
  snapshot_id?: number | null
  /** An earlier draft of the contract named it as a stored file. */
  snapshot_file_id?: number | null
  led_text: string
}

export interface Hold {
  id: number
  visit_id: number
  plate: string
  lane_id: number | null
  lane_name: string
  reason: HoldReason
  note: string
  held_at: string
  held_by: Ref | null
  status: (typeof HOLD_STATUSES)[number]
  verified_by: Ref | null
  verification_note: string
  licence_file_id: number | null
  id_file_id: number | null
  statement_file_id: number | null
  released_at: string | null
  version: number
}

export interface Escalation {
  id: number
  escalated_to: EscalationTarget
  note: string
  at: string
  by: Ref
}

export interface FeeQuote {
  cents: number
  free_period: boolean
  minutes: number
  days: { date: string; cents: number; capped: boolean }[]
}

export interface Lot {
  id: number
  name: string
  capacity: number
  /** PK-8: a held car with no entry record pays this many days at the daily cap. */
  no_entry_days: number
  /** PK-10: passes in an hour at which a lane needs peak_min_staff on post; 0 no alert. */
  peak_per_hour: number
  peak_min_staff: number
  /** The payment QR images (file ids, kind photo) the booths show the driver, by scheme. */
  pay_qr: Record<PayScheme, number | null>
  version: number
}
export type LotInput = Pick<Lot, 'name' | 'capacity' | 'no_entry_days' | 'peak_per_hour' | 'peak_min_staff'> & { pay_qr?: Partial<Record<PayScheme, number | null>> }

export interface Lane {
  id: number
  lot_id: number
  name: string
  direction: Direction
  booth: string
  version: number
}

export interface Camera {
  id: number
  lane_id: number
  name: string
  serialno: string
  active: boolean
  last_seen_at: string | null
  online: boolean
  version: number
}

export interface Tariff {
  id: number
  effective_from: string
  free_minutes: number
  first_minutes: number
  first_cents: number
  unit_minutes: number
  unit_cents: number
  night_unit_cents: number
  night_start_minute: number
  night_end_minute: number
  daily_cap_cents: number
}
export type TariffInput = Omit<Tariff, 'id' | 'effective_from'> & { effective_from?: string }

export interface Vehicle {
  id: number
  plate: string
  owner_name: string
  phone: string
  unit_id: number | null
  photo_file_id: number | null
  notes: string
  /** On the site's policy-free register when not empty (PK-6). */
  policy_class: '' | PolicyClass
  version: number
}
export type VehicleInput = Omit<Vehicle, 'id' | 'version'>

export interface Card {
  id: number
  lot_id: number
  card_no: string
  kind: CardKind
  holder_name: string
  unit_id: number | null
  valid_from: string
  valid_to: string
  status: (typeof CARD_STATUSES)[number]
  suspended_reason: string
  plates: string[]
  valid_now: boolean
  version: number
}
export type CardInput = Pick<Card, 'lot_id' | 'card_no' | 'kind' | 'holder_name' | 'unit_id' | 'valid_from' | 'valid_to' | 'plates'>

export interface Incident {
  id: number
  kind: IncidentKind
  plate: string
  lane_id: number | null
  lane_name: string
  visit_id: number | null
  occurred_at: string
  description: string
  authority: string
  authority_notified_at: string | null
  outcome: string
  status: (typeof INCIDENT_STATUSES)[number]
  /** A picture staff uploaded… */
  snapshot_file_id: number | null
  /** …or the camera's, from the event the incident was recorded from. */
  event_id?: number | null
  snapshot_id?: number | null
  recorded_by: Ref | null
  closed_at: string | null
  version: number
}

export interface Handover {
  id: number
  shift_date: string
  shift: Shift
  post: string
  period_start: string
  period_end: string
  handed_by: Ref
  taken_by: Ref | null
  duty_notes: string
  radios: number
  keys: number
  batons: number
  torches: number
  tickets: number
  cash_cents: number
  system_cash_cents: number
  difference_cents: number
  difference_note: string
  remarks: string
  status: (typeof HANDOVER_STATUSES)[number]
  handed_at: string
  taken_at: string | null
  supervisor: Ref | null
  signed_at: string | null
  version: number
}
export type HandoverInput = Pick<
  Handover,
  'shift_date' | 'shift' | 'post' | 'duty_notes' | 'radios' | 'keys' | 'batons' | 'torches' | 'tickets' | 'cash_cents' | 'difference_note' | 'remarks'
>

export interface HandoverDetail extends Handover {
  holds: Hold[]
  cash_visits: Visit[]
}

export interface HandoverPreview {
  shift_date: string
  shift: Shift
  /** ?post=, else the caller's post on duty, else the only post; empty when none. */
  post: string
  /** The car park's posts: each lane's booth, or its name (PK-11). */
  posts: string[]
  period_start: string
  period_end: string
  system_cash_cents: number
  holds: Hold[]
  /** PK-11: this shift and post was already handed over (a second is refused). */
  handover: Handover | null
}

export interface Post {
  id: number
  lane_id: number
  lane_name: string
  user: Ref
  started_at: string
}

export interface LaneWithCameras extends Lane {
  cameras: Camera[]
}
export interface LotSetup extends Lot {
  inside: number
  tariff: Tariff | null
  lanes: LaneWithCameras[]
}
export interface ParkingSetup {
  lots: LotSetup[]
  /** The site's managers, who may approve a free exit (PK-6). */
  managers: Ref[]
  /** The site's attendants and security team leads, for the register's filter (PK-3). */
  attendants: Ref[]
}

export interface CameraCreated {
  camera: Camera
  token: string
  plate_url: string
  heartbeat_url: string
}

export interface BoothLane extends Lane {
  lot_name: string
  cameras: Camera[]
  /** The latest ten events, newest first. */
  events: GateEvent[]
  /** Stays waiting at this lane: exiting (fee due) and held, each with the free exit it waits on. */
  waiting: WaitingVisit[]
  /** What became of the last car that waited here (paid, released, freed…). */
  last_change: LaneChange | null
}
export const LANE_CHANGE_KINDS = ['paid', 'released', 'freed', 'free_refused', 'held'] as const
export type LaneChangeKind = (typeof LANE_CHANGE_KINDS)[number]
/** A waiting car's fate, sent live to every booth page (`lane_change`) as it happens. */
export interface LaneChange {
  id: number
  lane_id: number | null
  visit_id: number
  plate: string
  kind: LaneChangeKind
  by: Ref | null
  at: string
}
export interface WaitingVisit extends Visit {
  free_request: FreeRequest | null
}
export interface Booth {
  lanes: BoothLane[]
  posts: Post[]
  me: Post | null
}

export interface VisitDetail extends Visit {
  /** A free exit waiting for its decision (PK-6). */
  free_request: FreeRequest | null
  fee_now: FeeQuote | null
  vehicle: Vehicle | null
  card: Card | null
  hold: Hold | null
  events: GateEvent[]
}

export interface HoldDetail extends Hold {
  visit: Visit
  /** While held: what the release charges now by the exit's rules (PK-8). */
  charge?: HoldCharge
  escalations: Escalation[]
  vehicle: Vehicle | null
}

export interface HoldCharge {
  fee_cents: number
  reason: ChargeReason
  charged_as: '' | 'card' | 'visitor'
  visitor_reason: '' | (typeof VISITOR_REASONS)[number]
}

export interface FreeRequest {
  id: number
  visit_id: number
  plate: string
  lane_id: number | null
  lane_name: string
  category: StaffFreeCategory
  reason: string
  /** The fee the stay owes, which the approval waives. */
  fee_cents: number
  requested_by: Ref
  requested_at: string
  status: FreeRequestStatus
  decided_by: Ref | null
  decided_at: string | null
  /** A refusal's reason; an approval's optional note. */
  decision_note: string
  version: number
}
export interface FreeRequestDetail extends FreeRequest {
  visit: Visit
  vehicle: Vehicle | null
}

/** The answer to a free exit: the stay gone free at once, or a request it now waits on. */
export type FreeExitAnswer = Visit | { visit: Visit; free_request: FreeRequest }

/** The answer to opening a barrier; a team lead's open past a waiting car is an incident. */
export interface LaneOpened {
  command_id: number
  lane_id: number
  reason: string
  incident_id?: number
}

/** The answer to an entry or an exit recorded at the booth. */
export interface GateAnswer {
  decision: 'open' | 'hold' | 'refuse'
  reason: string
  visit: Visit
  hold?: Hold | null
}

export interface Peak {
  date: string
  lanes: { lane_id: number; name: string; direction: Direction; hours: number[] }[]
  lots: { lot_id: number; name: string; capacity: number; inside: number }[]
  posts: Post[]
}
