// The attendant's steps (PK-1, PK-3 … PK-8): on a stay — take the fee, ask for a free exit,
// hold it, record the entry check — and at a lane — open the barrier, record an entry or an exit
// by hand. Which steps a stay offers, the blank forms, what is missing before sending, and the
// bodies as the server takes them.
import type { EntryInput, PassInput } from '@/api/parking'
import type {
  FreeExitAnswer,
  FreeRequest,
  GateAnswer,
  GoodsFlag,
  Hold,
  Lane,
  ManualEntryMethod,
  StaffFreeCategory,
  StaffHoldReason,
  Visit,
} from '@/api/parkingTypes'
import { normalisePlate } from './parkingDisplay'
import { blankPayment, paymentBody, paymentMissing, type PaymentForm } from './payment'

/** A flag only when goods were found: the server takes "no flag" as the field left out. */
const goodsFlag = (flag: GoodsFlag | ''): { goods_flag?: GoodsFlag } => (flag ? { goods_flag: flag } : {})

export const VISIT_STEPS = ['pay', 'free', 'hold', 'entry_check'] as const
export type VisitStep = (typeof VISIT_STEPS)[number]
export const LANE_STEPS = ['open', 'entry', 'exit'] as const
export type LaneStep = (typeof LANE_STEPS)[number]

/**
 * A step on a stay as it came back: the stay, the hold record when the car was held, and the
 * free-exit request it now waits on when the exit needs someone else's decision (PK-6).
 */
export interface VisitStepDone {
  action: VisitStep
  visit: Visit
  hold?: Hold | null
  freeRequest?: FreeRequest | null
}

/** A free exit's answer: the stay gone free at once, or a request the car now waits on at the barrier. */
export function freeExitDone(a: FreeExitAnswer): VisitStepDone {
  return 'free_request' in a && 'visit' in a ? { action: 'free', visit: a.visit, freeRequest: a.free_request } : { action: 'free', visit: a as Visit }
}

/** A step at a lane as it came back: the server's answer to an entry or an exit (none for the barrier, which may be an incident). */
export interface LaneStepDone {
  action: LaneStep
  lane: Lane
  answer: GateAnswer | null
  incidentId?: number
}

/**
 * What may be done with a stay now: a fee is taken only at the exit; a held car is the team
 * lead's; a car whose free exit waits for its decision is not asked for again (it may still pay).
 */
export function visitSteps(v: Pick<Visit, 'status' | 'fee_cents' | 'paid_cents'> & { free_request?: Pick<FreeRequest, 'status'> | null }): VisitStep[] {
  const steps: VisitStep[] =
    v.status === 'exiting' ? (v.fee_cents > v.paid_cents ? ['pay', 'free', 'hold'] : ['free', 'hold']) : v.status === 'inside' ? ['free', 'hold', 'entry_check'] : []
  // PK-6: one decision per stay; a refused free exit is final (the fee is due).
  const decided = v.free_request?.status === 'pending' || v.free_request?.status === 'refused'
  return decided ? steps.filter((s) => s !== 'free') : steps
}

/** PK-5: whenever a visitor leaves, the pass is taken back (ticked) or recorded lost with a note. */
export interface PassForm {
  pass_returned: boolean
  pass_lost_note: string
}
export const passMissing = (hasPass: boolean, f: PassForm): 'pass_returned' | null =>
  hasPass && !f.pass_returned && !f.pass_lost_note.trim() ? 'pass_returned' : null
export const passBody = (f: PassForm): PassInput =>
  f.pass_returned ? { pass_returned: true } : { pass_returned: false, ...(f.pass_lost_note.trim() ? { pass_lost_note: f.pass_lost_note.trim() } : {}) }

export interface VisitStepForm extends PassForm, PaymentForm {
  amount_cents: number | undefined
  category: StaffFreeCategory
  reason: string
  /** The exit lane whose barrier opens, for a stay that has none yet (a car still inside). */
  lane_id: number | undefined
  hold_reason: StaffHoldReason
  note: string
  damage_note: string
  goods_checked: boolean
  goods_flag: GoodsFlag | ''
}

/**
 * The form as it opens on a stay: the fee due prefilled; the pass is not assumed back — the
 * attendant ticks it or says it was lost (PK-5).
 */
export function blankVisitForm(v: Pick<Visit, 'fee_cents' | 'paid_cents' | 'pass_no' | 'damage_note' | 'goods_checked' | 'goods_flag'> | null): VisitStepForm {
  return {
    ...blankPayment(),
    amount_cents: v ? Math.max(0, v.fee_cents - v.paid_cents) : undefined,
    pass_returned: false,
    pass_lost_note: '',
    category: 'policy',
    reason: '',
    lane_id: undefined,
    hold_reason: 'mismatch',
    note: '',
    damage_note: v?.damage_note ?? '',
    goods_checked: v?.goods_checked ?? false,
    goods_flag: v?.goods_flag ?? '',
  }
}

/** The first field the server would refuse, checked here so the attendant is told at once. */
export function visitStepMissing(step: VisitStep, f: VisitStepForm, hasPass = false): string | null {
  switch (step) {
    case 'pay':
      return f.amount_cents === undefined ? 'amount_cents' : (paymentMissing(f, f.amount_cents) ?? passMissing(hasPass, f))
    case 'free':
      return f.reason.trim() ? passMissing(hasPass, f) : 'reason'
    case 'hold':
      return f.hold_reason === 'mismatch' || f.hold_reason === 'suspicious' ? (f.note.trim() ? null : 'note') : null
    case 'entry_check':
      return f.goods_checked ? null : 'goods_checked'
  }
}

export function visitStepBody(step: VisitStep, f: VisitStepForm): Record<string, unknown> {
  switch (step) {
    case 'pay':
      return { ...paymentBody(f, f.amount_cents ?? 0), ...passBody(f) }
    case 'free':
      return { category: f.category, reason: f.reason.trim(), ...(f.lane_id ? { lane_id: f.lane_id } : {}), ...passBody(f) }
    case 'hold':
      return { reason: f.hold_reason, note: f.note.trim() }
    case 'entry_check':
      return { damage_note: f.damage_note.trim(), goods_checked: f.goods_checked, ...goodsFlag(f.goods_flag) }
  }
}

export interface LaneStepForm {
  lane_id: number | undefined
  plate: string
  method: ManualEntryMethod
  card_no: string
  damage_note: string
  goods_checked: boolean
  goods_flag: GoodsFlag | ''
  reason: string
}

export const blankLaneForm = (laneId?: number): LaneStepForm => ({
  lane_id: laneId,
  plate: '',
  method: 'manual',
  card_no: '',
  damage_note: '',
  goods_checked: false,
  goods_flag: '',
  reason: '',
})

export function laneStepMissing(step: LaneStep, f: LaneStepForm): string | null {
  if (!f.lane_id) return 'lane_id'
  if (step === 'open') return f.reason.trim() ? null : 'reason'
  if (!normalisePlate(f.plate)) return 'plate'
  if (step === 'entry') {
    if (f.method === 'card' && !f.card_no.trim()) return 'card_no'
    // PK-1: every car is checked for flammable, explosive or toxic goods before it goes in.
    if (!f.goods_checked) return 'goods_checked'
  }
  return null
}

export function entryBody(f: LaneStepForm): EntryInput {
  return {
    lane_id: f.lane_id!,
    plate: normalisePlate(f.plate),
    method: f.method,
    ...(f.method === 'card' ? { card_no: f.card_no.trim() } : {}),
    damage_note: f.damage_note.trim(),
    goods_checked: f.goods_checked,
    ...goodsFlag(f.goods_flag),
  }
}
