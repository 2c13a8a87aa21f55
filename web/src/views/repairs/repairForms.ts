// The two steps with forms of their own: a material used on the job (MT-3.3/3.4: the resident's
// own, quality-checked; or bought, with place, amount and receipt) and the completion (work done,
// the place restored and cleaned, the resident's opinion, the charge from the price list with an
// agreed adjustment, and the signature). There is no tip: the manual forbids taking one.
import type { MaterialSource, PriceItem } from '@/api/repairTypes'

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

export interface CompleteForm {
  work_done: string
  restored: boolean
  cleaned: boolean
  opinion: string
  signed_by: string
  charges: ChargeChoice[]
  adjust: boolean
  adjustment_cents: number | undefined
  adjustment_reason: string
  adjustment_agreed: boolean
}

export function blankCompleteForm(signer = ''): CompleteForm {
  return {
    work_done: '',
    restored: false,
    cleaned: false,
    opinion: '',
    signed_by: signer,
    charges: [],
    adjust: false,
    adjustment_cents: undefined,
    adjustment_reason: '',
    adjustment_agreed: false,
  }
}

/** Each chosen line's amount (price × quantity), 0 for a line without an item yet. */
export function lineAmount(c: ChargeChoice, items: readonly PriceItem[]): number {
  const item = items.find((i) => i.id === c.price_item_id)
  return item ? item.price_cents * Math.max(0, Math.trunc(c.quantity || 0)) : 0
}

/** The charge from the price list, the adjustment (when made) and the total. */
export function completeTotals(f: Pick<CompleteForm, 'charges' | 'adjust' | 'adjustment_cents'>, items: readonly PriceItem[]) {
  const charge = f.charges.reduce((sum, c) => sum + lineAmount(c, items), 0)
  const adjustment = f.adjust ? (f.adjustment_cents ?? 0) : 0
  return { charge, adjustment, total: charge + adjustment }
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
  if (signatureFileId !== undefined) body.signature_file_id = signatureFileId
  if (f.adjust) {
    body.adjustment_cents = f.adjustment_cents ?? 0
    body.adjustment_reason = f.adjustment_reason.trim()
    body.adjustment_agreed = f.adjustment_agreed
  }
  return body
}
