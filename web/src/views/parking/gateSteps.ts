// The attendant's steps (PK-1, PK-3 … PK-8): on a stay — take the fee, let it go free, hold it,
// record the entry check — and at a lane — open the barrier, record an entry or an exit by
// hand. Which steps a stay offers, the blank forms, what is missing before sending, and the
// bodies as the server takes them.
import type { EntryInput } from '@/api/parking'
import type { GateAnswer, GoodsFlag, Hold, Lane, ManualEntryMethod, PaymentMethod, StaffFreeCategory, StaffHoldReason, Visit } from '@/api/parkingTypes'
import { normalisePlate } from './parkingDisplay'

/** A flag only when goods were found: the server takes "no flag" as the field left out. */
const goodsFlag = (flag: GoodsFlag | ''): { goods_flag?: GoodsFlag } => (flag ? { goods_flag: flag } : {})

export const VISIT_STEPS = ['pay', 'free', 'hold', 'entry_check'] as const
export type VisitStep = (typeof VISIT_STEPS)[number]
export const LANE_STEPS = ['open', 'entry', 'exit'] as const
export type LaneStep = (typeof LANE_STEPS)[number]

/** A step on a stay as it came back: the stay, and the hold record when the car was held. */
export interface VisitStepDone {
  action: VisitStep
  visit: Visit
  hold?: Hold | null
}

/** A step at a lane as it came back: the server's answer to an entry or an exit (none for the barrier). */
export interface LaneStepDone {
  action: LaneStep
  lane: Lane
  answer: GateAnswer | null
}

/** What may be done with a stay now: a fee is taken only at the exit; a held car is the team lead's. */
export function visitSteps(v: Pick<Visit, 'status' | 'fee_cents' | 'paid_cents'>): VisitStep[] {
  if (v.status === 'exiting') return v.fee_cents > v.paid_cents ? ['pay', 'free', 'hold'] : ['free', 'hold']
  if (v.status === 'inside') return ['free', 'hold', 'entry_check']
  return []
}

export interface VisitStepForm {
  method: PaymentMethod
  amount_cents: number | undefined
  reference: string
  pass_returned: boolean
  category: StaffFreeCategory
  approved_by: number | undefined
  reason: string
  hold_reason: StaffHoldReason
  note: string
  damage_note: string
  goods_checked: boolean
  goods_flag: GoodsFlag | ''
}

/** The form as it opens on a stay: the fee due prefilled, the pass expected back when one was issued. */
export function blankVisitForm(v: Pick<Visit, 'fee_cents' | 'paid_cents' | 'pass_no' | 'damage_note' | 'goods_checked' | 'goods_flag'> | null): VisitStepForm {
  return {
    method: 'cash',
    amount_cents: v ? Math.max(0, v.fee_cents - v.paid_cents) : undefined,
    reference: '',
    pass_returned: !!v?.pass_no,
    category: 'policy',
    approved_by: undefined,
    reason: '',
    hold_reason: 'mismatch',
    note: '',
    damage_note: v?.damage_note ?? '',
    goods_checked: v?.goods_checked ?? false,
    goods_flag: v?.goods_flag ?? '',
  }
}

/** The first field the server would refuse, checked here so the attendant is told at once. */
export function visitStepMissing(step: VisitStep, f: VisitStepForm): string | null {
  switch (step) {
    case 'pay':
      return f.amount_cents === undefined ? 'amount_cents' : null
    case 'free':
      if (f.category === 'approved' && !f.approved_by) return 'approved_by'
      return f.reason.trim() ? null : 'reason'
    case 'hold':
      return f.hold_reason === 'mismatch' || f.hold_reason === 'suspicious' ? (f.note.trim() ? null : 'note') : null
    case 'entry_check':
      return f.goods_checked ? null : 'goods_checked'
  }
}

export function visitStepBody(step: VisitStep, f: VisitStepForm): Record<string, unknown> {
  switch (step) {
    case 'pay':
      return { method: f.method, amount_cents: f.amount_cents ?? 0, ...(f.reference.trim() ? { reference: f.reference.trim() } : {}), pass_returned: f.pass_returned }
    case 'free':
      return { category: f.category, ...(f.category === 'approved' ? { approved_by: f.approved_by } : {}), reason: f.reason.trim(), pass_returned: f.pass_returned }
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
