// The car park's routes (docs/parking-api.md), all under /sites/{id}/parking: set-up, cards and
// vehicle files, the booth's gate work, the register, held vehicles, incidents, posts, the peak
// view and the shift handover. A step on an existing record is sent with its version (If-Match).
import type { PageRequest } from '@/composables/useCursorList'
import { api, buildUrl, get, patch, post } from './client'
import { list } from './org'
import type {
  Booth,
  Camera,
  CameraCreated,
  Card,
  CardInput,
  Escalation,
  EscalationTarget,
  FeeQuote,
  FreeExitAnswer,
  FreeRequest,
  FreeRequestDetail,
  FreeRequestStatus,
  GateAnswer,
  GateEvent,
  GoodsFlag,
  Handover,
  HandoverDetail,
  HandoverInput,
  HandoverPreview,
  Hold,
  HoldDetail,
  Incident,
  IncidentKind,
  Lane,
  LaneOpened,
  Lot,
  LotInput,
  ManualEntryMethod,
  ParkingSetup,
  PaymentMethod,
  PayScheme,
  Peak,
  Post,
  Shift,
  Tariff,
  TariffInput,
  Vehicle,
  VehicleInput,
  Visit,
  VisitDetail,
} from './parkingTypes'
import type { Page } from './types'

const base = (siteId: number) => `/sites/${siteId}/parking`

/** A step on a record the user is looking at: POST with its version. */
const step = <T>(path: string, version: number, body: unknown = {}) => api<T>('POST', path, { body, ifMatch: version })

export const parkingSetup = {
  get: (siteId: number) => get<ParkingSetup>(`${base(siteId)}/setup`),
  createLot: (siteId: number, body: LotInput) => post<Lot>(`${base(siteId)}/lots`, body),
  updateLot: (siteId: number, l: Lot, body: Partial<LotInput>) =>
    patch<Lot>(`${base(siteId)}/lots/${l.id}`, body, l.version),
  createLane: (siteId: number, body: Pick<Lane, 'lot_id' | 'name' | 'direction' | 'booth'>) => post<Lane>(`${base(siteId)}/lanes`, body),
  updateLane: (siteId: number, l: Lane, body: Partial<Pick<Lane, 'name' | 'booth'>>) =>
    patch<Lane>(`${base(siteId)}/lanes/${l.id}`, body, l.version),
  createCamera: (siteId: number, body: { lane_id: number; name?: string; serialno: string; token?: string }) =>
    post<CameraCreated>(`${base(siteId)}/cameras`, body),
  updateCamera: (siteId: number, c: Camera, body: Partial<Pick<Camera, 'name' | 'lane_id' | 'active'>>) =>
    patch<Camera>(`${base(siteId)}/cameras/${c.id}`, body, c.version),
  newToken: (siteId: number, c: Camera) => step<CameraCreated>(`${base(siteId)}/cameras/${c.id}/token`, c.version),
  tariffs: (siteId: number, lotId: number) => get<{ items: Tariff[] }>(`${base(siteId)}/lots/${lotId}/tariffs`),
  createTariff: (siteId: number, lotId: number, body: TariffInput) => post<Tariff>(`${base(siteId)}/lots/${lotId}/tariffs`, body),
  quote: (siteId: number, lotId: number, entryAt: string, exitAt: string) =>
    get<FeeQuote>(`${base(siteId)}/lots/${lotId}/quote`, { query: { entry_at: entryAt, exit_at: exitAt } }),
}

export const vehicles = {
  list: (siteId: number, req: Partial<PageRequest>) => list<Vehicle>(`${base(siteId)}/vehicles`, req),
  get: (siteId: number, id: number) => get<Vehicle>(`${base(siteId)}/vehicles/${id}`),
  create: (siteId: number, body: VehicleInput) => post<Vehicle>(`${base(siteId)}/vehicles`, body),
  update: (siteId: number, v: Vehicle, body: Partial<VehicleInput>) => patch<Vehicle>(`${base(siteId)}/vehicles/${v.id}`, body, v.version),
}

export const cards = {
  list: (siteId: number, req: Partial<PageRequest>, status = '') => list<Card>(`${base(siteId)}/cards`, req, { status }),
  get: (siteId: number, id: number) => get<Card>(`${base(siteId)}/cards/${id}`),
  create: (siteId: number, body: CardInput) => post<Card>(`${base(siteId)}/cards`, body),
  update: (siteId: number, c: Card, body: Partial<CardInput>) => patch<Card>(`${base(siteId)}/cards/${c.id}`, body, c.version),
  suspend: (siteId: number, c: Card, reason: string) => step<Card>(`${base(siteId)}/cards/${c.id}/suspend`, c.version, { reason }),
  resume: (siteId: number, c: Card) => step<Card>(`${base(siteId)}/cards/${c.id}/resume`, c.version),
}

/** The register's filters, as the server names them (empty values are left out of the query). */
export interface VisitFilters {
  plate?: string
  from?: string
  to?: string
  lane_id?: number
  card_no?: string
  category?: string
  status?: string
  attendant_id?: number
}

export interface EntryInput {
  lane_id: number
  plate: string
  method: ManualEntryMethod
  card_no?: string
  damage_note?: string
  goods_checked: boolean
  goods_flag?: GoodsFlag | ''
}

export type VisitStepName = 'pay' | 'free' | 'hold' | 'entry_check'

export interface PaymentInput {
  method: PaymentMethod
  amount_cents: number
  /** An electronic payment's reference (required for one). */
  reference?: string
  /** Cash handed over, at least the fee (absent: exactly the fee); the change is recorded. */
  received_cents?: number
  /** The QR the driver scanned for an electronic payment. */
  scheme?: PayScheme
}

/** PK-5: a visitor's pass is taken back, or recorded lost with a note. */
export interface PassInput {
  pass_returned: boolean
  pass_lost_note?: string
}

/** What each step on a stay answers: a hold {visit, hold}; a free exit the stay, or {visit, free_request}. */
type VisitStepAnswer<A extends VisitStepName> = A extends 'hold' ? { visit: Visit; hold: Hold } : A extends 'free' ? FreeExitAnswer : Visit

export const visits = {
  list: (siteId: number, req: Partial<PageRequest>, filters: VisitFilters = {}) =>
    get<Page<Visit>>(`${base(siteId)}/visits`, { query: { limit: req.limit ?? 50, cursor: req.cursor, ...filters } }),
  /** The same register as a workbook (車輛出入登記表); a plain link, downloaded with the session cookie. */
  xlsxUrl: (siteId: number, filters: VisitFilters = {}) => buildUrl(`${base(siteId)}/visits.xlsx`, { ...filters }),
  get: (siteId: number, id: number) => get<VisitDetail>(`${base(siteId)}/visits/${id}`),
  entry: (siteId: number, body: EntryInput) => post<GateAnswer>(`${base(siteId)}/entries`, body),
  exit: (siteId: number, body: { lane_id: number; plate: string }) => post<GateAnswer>(`${base(siteId)}/exits`, body),
  /**
   * A step on a stay, based on the version on screen: pay {method, amount_cents, reference?,
   * received_cents?, scheme?, pass_returned, pass_lost_note?}, free {category, reason, pass_returned, pass_lost_note?} → the
   * stay or {visit, free_request}, hold {reason, note} → {visit, hold}, entry_check {damage_note,
   * goods_checked, goods_flag}.
   */
  act: <A extends VisitStepName>(siteId: number, v: Visit, action: A, body: Record<string, unknown>) =>
    step<VisitStepAnswer<A>>(`${base(siteId)}/visits/${v.id}/${action.replace(/_/g, '-')}`, v.version, body),
}

export const booth = {
  get: (siteId: number) => get<Booth>(`${base(siteId)}/booth`),
  /**
   * The override: the lane's camera opens on its next heartbeat. Refused to an attendant while a
   * held or unpaid car waits there (409 vehicle_held / vehicle_waiting); the team lead's open is
   * then recorded as an incident (`incident_id`, PK-8).
   */
  openLane: (siteId: number, lane: Lane, body: { reason: string; visit_id?: number }) =>
    post<LaneOpened>(`${base(siteId)}/lanes/${lane.id}/open`, body),
  events: (siteId: number, laneId: number | undefined, cursor?: string) =>
    get<Page<GateEvent>>(`${base(siteId)}/events`, { query: { lane_id: laneId, cursor } }),
  takePost: (siteId: number, laneId: number) => post<Post>(`${base(siteId)}/posts`, { lane_id: laneId }),
  leavePost: (siteId: number) => post<void>(`${base(siteId)}/posts/leave`, {}),
  /** The team lead puts an attendant or team lead on post at a lane (PK-10). */
  deploy: (siteId: number, userId: number, laneId: number) => post<Post>(`${base(siteId)}/posts/deploy`, { user_id: userId, lane_id: laneId }),
  /** The team lead takes someone off post. */
  endPost: (siteId: number, p: Post) => post<void>(`${base(siteId)}/posts/${p.id}/end`, {}),
}

/** PK-6: free exits waiting for a manager (approved) or the team lead (policy); never decided by the one who asked. */
export const freeRequests = {
  list: (siteId: number, req: Partial<PageRequest>, status: FreeRequestStatus | '' = '') =>
    get<Page<FreeRequest>>(`${base(siteId)}/free-requests`, { query: { limit: req.limit ?? 50, cursor: req.cursor, status } }),
  get: (siteId: number, id: number) => get<FreeRequestDetail>(`${base(siteId)}/free-requests/${id}`),
  approve: (siteId: number, r: FreeRequest) => step<FreeRequestDetail>(`${base(siteId)}/free-requests/${r.id}/approve`, r.version, {}),
  refuse: (siteId: number, r: FreeRequest, reason: string) => step<FreeRequestDetail>(`${base(siteId)}/free-requests/${r.id}/refuse`, r.version, { reason }),
  /** Withdrawn at the booth (the driver pays after all). */
  cancel: (siteId: number, r: FreeRequest) => step<FreeRequestDetail>(`${base(siteId)}/free-requests/${r.id}/cancel`, r.version),
}

export interface ReleaseInput extends Partial<PassInput> {
  verification_note: string
  licence_file_id: number | undefined
  id_file_id: number | undefined
  statement_file_id: number | undefined
  /** The hold's charge, exactly; null when none is due. */
  payment: PaymentInput | null
  /** The exit lane, for a stay that has none. */
  lane_id?: number
}

export const holds = {
  list: (siteId: number, req: Partial<PageRequest>, status = '') =>
    get<Page<Hold>>(`${base(siteId)}/holds`, { query: { limit: req.limit ?? 50, cursor: req.cursor, status } }),
  get: (siteId: number, id: number) => get<HoldDetail>(`${base(siteId)}/holds/${id}`),
  release: (siteId: number, h: Hold, body: ReleaseInput) => step<HoldDetail>(`${base(siteId)}/holds/${h.id}/release`, h.version, body),
  escalate: (siteId: number, h: Hold, body: { escalated_to: EscalationTarget; note: string }) =>
    post<Escalation>(`${base(siteId)}/holds/${h.id}/escalations`, body),
}

export interface IncidentInput {
  kind: IncidentKind
  plate: string
  lane_id?: number
  visit_id?: number
  occurred_at?: string
  description: string
  authority?: string
  event_id?: number
}

export interface IncidentUpdate {
  authority?: string
  authority_notified?: boolean
  outcome?: string
  close?: boolean
}

export const incidents = {
  list: (siteId: number, req: Partial<PageRequest>, filters: { kind?: string; status?: string } = {}) =>
    get<Page<Incident>>(`${base(siteId)}/incidents`, { query: { limit: req.limit ?? 50, cursor: req.cursor, ...filters } }),
  get: (siteId: number, id: number) => get<Incident>(`${base(siteId)}/incidents/${id}`),
  create: (siteId: number, body: IncidentInput) => post<Incident>(`${base(siteId)}/incidents`, body),
  update: (siteId: number, i: Incident, body: IncidentUpdate) => step<Incident>(`${base(siteId)}/incidents/${i.id}/update`, i.version, body),
}

export const handovers = {
  list: (siteId: number, req: Partial<PageRequest>) =>
    get<Page<Handover>>(`${base(siteId)}/handovers`, { query: { limit: req.limit ?? 50, cursor: req.cursor } }),
  /** The form before it is filled in: the post's cash in the shift (the caller's post when none is named), and the posts to choose from. */
  preview: (siteId: number, shiftDate: string, shift: Shift, post = '') =>
    get<HandoverPreview>(`${base(siteId)}/handovers/preview`, { query: { shift_date: shiftDate, shift, post } }),
  create: (siteId: number, body: HandoverInput) => post<HandoverDetail>(`${base(siteId)}/handovers`, body),
  get: (siteId: number, id: number) => get<HandoverDetail>(`${base(siteId)}/handovers/${id}`),
  take: (siteId: number, h: Handover) => step<HandoverDetail>(`${base(siteId)}/handovers/${h.id}/take`, h.version),
  sign: (siteId: number, h: Handover, differenceNote?: string) =>
    step<HandoverDetail>(`${base(siteId)}/handovers/${h.id}/sign`, h.version, differenceNote ? { difference_note: differenceNote } : {}),
}

/**
 * Where a picture of a camera event or an incident is shown from (an <img>, with the session
 * cookie): the camera's snapshot, else a file staff uploaded; null without either.
 */
export function snapshotUrl(siteId: number, e: { snapshot_id?: number | null; snapshot_file_id?: number | null }): string | null {
  if (e.snapshot_id) return buildUrl(`${base(siteId)}/snapshots/${e.snapshot_id}`)
  if (e.snapshot_file_id) return buildUrl(`/files/${e.snapshot_file_id}`)
  return null
}

export const peak = {
  get: (siteId: number, date: string) => get<Peak>(`${base(siteId)}/peak`, { query: { date } }),
}
