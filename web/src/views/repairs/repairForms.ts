// The two steps with forms of their own: a material used on the job (MT-3.3/3.4: the resident's
// own, quality-checked; or bought, with place, amount and receipt) and the completion (work done,
// the place restored and cleaned, the resident's opinion, the charge — starting from the quote the
// resident agreed to and the materials bought for them — with an agreed adjustment, the reason
// when it differs from the quote, and the signature). There is no tip: the manual forbids taking one.
import type { Charge, MaterialSource, PriceItem, RepairDetail } from '@/api/repairTypes'

export interface MaterialForm {
  source: MaterialSource
  name: string
  quantity: string
  quality_ok: boolean | undefined
  quality_note: string
  resident_decision: string
  place: string
  amount_cents: number | undefined
  receipt_file_id: number | undefined
}

export function blankMaterialForm(): MaterialForm {
  return {
    source: 'resident',
    name: '',
    quantity: '',
    quality_ok: undefined,
    quality_note: '',
    resident_decision: '',
    place: '',
    amount_cents: undefined,
    receipt_file_id: undefined,
  }
}

/** A resident's material not good enough needs the note and the resident's decision. */
export const needsDecision = (f: Pick<MaterialForm, 'source' | 'quality_ok'>) => f.source === 'resident' && f.quality_ok === false

export function materialBody(f: MaterialForm): Record<string, unknown> {
  const body: Record<string, unknown> = { source: f.source, name: f.name.trim() }
  if (f.quantity.trim()) body.quantity = f.quantity.trim()
  if (f.source === 'resident') {
    if (f.quality_ok !== undefined) body.quality_ok = f.quality_ok
    if (needsDecision(f) || f.quality_note.trim()) body.quality_note = f.quality_note.trim()
    if (needsDecision(f) || f.resident_decision.trim()) body.resident_decision = f.resident_decision.trim()
  } else {
    body.place = f.place.trim()
    if (f.amount_cents !== undefined) body.amount_cents = f.amount_cents
    if (f.receipt_file_id !== undefined) body.receipt_file_id = f.receipt_file_id
  }
  return body
}

export interface ChargeChoice {
  price_item_id: number | undefined
  quantity: number
}

/** A bought material offered for the receipt (MT-3.3): ticked, it is charged at its receipt amount. */
export interface MaterialChoice {
  material_id: number
  name: string
  place: string
  amount_cents: number
  charge: boolean
}

export interface CompleteForm {
  work_done: string
  restored: boolean
  cleaned: boolean
  opinion: string
  signed_by: string
  charges: ChargeChoice[]
  materials: MaterialChoice[]
  adjust: boolean
  adjustment_cents: number | undefined
  adjustment_reason: string
  adjustment_agreed: boolean
  charge_reason: string
}

export function blankCompleteForm(signer = ''): CompleteForm {
  return {
    work_done: '',
    restored: false,
    cleaned: false,
    opinion: '',
    signed_by: signer,
    charges: [],
    materials: [],
    adjust: false,
    adjustment_cents: undefined,
    adjustment_reason: '',
    adjustment_agreed: false,
    charge_reason: '',
  }
}

/** Whether this completion is charged: a revisit of a job with a receipt is not charged again. */
export const chargedOnce = (r: Pick<RepairDetail, 'receipt_no'>) => r.receipt_no === null

/**
 * Completion starts from what the resident agreed to: the consented quote's lines, and every
 * material bought for them, ticked for the receipt. A revisit of a charged job starts empty.
 */
export function completeFormFor(r: Pick<RepairDetail, 'caller_name' | 'receipt_no' | 'consent_at' | 'quote_lines' | 'materials'>): CompleteForm {
  const f = blankCompleteForm(r.caller_name)
  if (!chargedOnce(r)) return f
  if (r.consent_at) f.charges = r.quote_lines.map((l) => ({ price_item_id: l.price_item_id, quantity: l.quantity }))
  f.materials = r.materials
    .filter((m) => m.source === 'bought' && m.amount_cents !== null)
    .map((m) => ({ material_id: m.id, name: m.name, place: m.place, amount_cents: m.amount_cents!, charge: true }))
  return f
}

/**
 * The items a line may name: the price list in force, and the versions the consented quote
 * named that have been edited or retired since (the resident keeps the price they agreed to).
 */
export function chargeOptions(items: readonly PriceItem[], quoted: readonly Charge[]): PriceItem[] {
  const extra = quoted
    .filter((l) => !items.some((i) => i.id === l.price_item_id))
    .map((l) => ({
      id: l.price_item_id,
      item_key: l.price_item_id,
      version: 0,
      code: l.code,
      name: l.name,
      unit: l.unit,
      price_cents: l.unit_price_cents,
      active: true,
      created_at: '',
      created_by: null,
    }))
  return [...items, ...extra.filter((p, i) => extra.findIndex((q) => q.id === p.id) === i)]
}

/** Each chosen line's amount (price × quantity), 0 for a line without an item yet. */
export function lineAmount(c: ChargeChoice, items: readonly PriceItem[]): number {
  const item = items.find((i) => i.id === c.price_item_id)
  return item ? item.price_cents * Math.max(0, Math.trunc(c.quantity || 0)) : 0
}

/** The lines' total. */
export const linesTotal = (lines: readonly ChargeChoice[], items: readonly PriceItem[]) => lines.reduce((sum, c) => sum + lineAmount(c, items), 0)

/** The price-list lines, the materials ticked for the receipt, the adjustment (when made) and the total. */
export function completeTotals(f: Pick<CompleteForm, 'charges' | 'materials' | 'adjust' | 'adjustment_cents'>, items: readonly PriceItem[]) {
  const charge = linesTotal(f.charges, items)
  const materials = f.materials.reduce((sum, m) => sum + (m.charge ? m.amount_cents : 0), 0)
  const adjustment = f.adjust ? (f.adjustment_cents ?? 0) : 0
  return { charge, materials, adjustment, total: charge + materials + adjustment }
}

/**
 * MT-3.4: what the resident expects to pay — the consented quote and the materials ticked — and
 * whether the total differs from it, when it then needs the reason. The server decides; this
 * only shows the reason's box before it is asked for. null: no consented quote to differ from.
 */
export function quoteCheck(quoteCents: number | null, totals: { materials: number; total: number }) {
  if (quoteCents === null) return null
  const expected = quoteCents + totals.materials
  return { expected, differs: totals.total !== expected }
}

export function completeBody(f: CompleteForm, signatureFileId: number | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {
    work_done: f.work_done.trim(),
    restored: f.restored,
    cleaned: f.cleaned,
    opinion: f.opinion.trim(),
    signed_by: f.signed_by.trim(),
    charges: f.charges
      .filter((c) => c.price_item_id !== undefined)
      .map((c) => ({ price_item_id: c.price_item_id, quantity: Math.trunc(c.quantity) })),
  }
  const onReceipt = f.materials.filter((m) => m.charge).map((m) => ({ material_id: m.material_id }))
  if (onReceipt.length) body.materials = onReceipt
  if (signatureFileId !== undefined) body.signature_file_id = signatureFileId
  if (f.adjust) {
    body.adjustment_cents = f.adjustment_cents ?? 0
    body.adjustment_reason = f.adjustment_reason.trim()
    body.adjustment_agreed = f.adjustment_agreed
  }
  if (f.charge_reason.trim()) body.charge_reason = f.charge_reason.trim()
  return body
}
