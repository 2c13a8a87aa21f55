import { describe, expect, it } from 'vitest'
import type { Charge, Material, PriceItem } from '@/api/repairTypes'
import {
  blankCompleteForm,
  blankMaterialForm,
  chargeOptions,
  completeBody,
  completeFormFor,
  completeTotals,
  materialBody,
  needsDecision,
  quoteCheck,
} from './repairForms'

const item = (id: number, price_cents: number): PriceItem => ({
  id,
  item_key: id,
  version: 1,
  code: `P0${id}`,
  name: `item ${id}`,
  unit: '次',
  price_cents,
  active: true,
  created_at: '2026-11-28T10:00:00Z',
  created_by: null,
})
const items = [item(1, 5000), item(2, 1250)]

describe('material bodies (MT-3.3/3.4)', () => {
  it('a resident\u2019s material good enough: the check, no decision', () => {
    const f = { ...blankMaterialForm(), name: ' 水龍頭 ', quantity: '1 個', quality_ok: true }
    expect(needsDecision(f)).toBe(false)
    expect(materialBody(f)).toEqual({ source: 'resident', name: '水龍頭', quantity: '1 個', quality_ok: true })
  })
  it('not good enough: the note and the decision always go, so the server can name what is missing', () => {
    const f = { ...blankMaterialForm(), name: '膠喉', quality_ok: false }
    expect(needsDecision(f)).toBe(true)
    expect(materialBody(f)).toEqual({ source: 'resident', name: '膠喉', quality_ok: false, quality_note: '', resident_decision: '' })
  })
  it('bought: place, amount in cents and the receipt, nothing of the quality check', () => {
    const f = { ...blankMaterialForm(), source: 'bought' as const, name: '閥門', place: '五金舖', amount_cents: 3550, receipt_file_id: 9, quality_ok: false }
    expect(needsDecision(f)).toBe(false)
    expect(materialBody(f)).toEqual({ source: 'bought', name: '閥門', place: '五金舖', amount_cents: 3550, receipt_file_id: 9 })
  })
})

describe('completion (MT-3.4)', () => {
  it('totals the price-list lines and the adjustment', () => {
    const f = { ...blankCompleteForm(), charges: [{ price_item_id: 1, quantity: 2 }, { price_item_id: 2, quantity: 1 }, { price_item_id: undefined, quantity: 3 }] }
    expect(completeTotals(f, items)).toEqual({ charge: 11250, materials: 0, adjustment: 0, total: 11250 })
    expect(completeTotals({ ...f, adjust: true, adjustment_cents: -1250 }, items)).toEqual({ charge: 11250, materials: 0, adjustment: -1250, total: 10000 })
    // An adjustment typed but switched off counts for nothing.
    expect(completeTotals({ ...f, adjust: false, adjustment_cents: -1250 }, items).total).toBe(11250)
  })
  it('sends the lines, the signature and the adjustment only when made; never a tip', () => {
    const f = { ...blankCompleteForm('陳志明'), work_done: '更換水龍頭', restored: true, cleaned: true, opinion: '滿意', charges: [{ price_item_id: 1, quantity: 1 }] }
    const body = completeBody(f, 42)
    expect(body).toEqual({
      work_done: '更換水龍頭',
      restored: true,
      cleaned: true,
      opinion: '滿意',
      signed_by: '陳志明',
      charges: [{ price_item_id: 1, quantity: 1 }],
      signature_file_id: 42,
    })
    expect(Object.keys(body)).not.toContain('tip_cents')
    expect(completeBody({ ...f, adjust: true, adjustment_cents: -500, adjustment_reason: ' 長者優惠 ', adjustment_agreed: true }, 42)).toMatchObject({
      adjustment_cents: -500,
      adjustment_reason: '長者優惠',
      adjustment_agreed: true,
    })
  })
})

const quoteLine = (price_item_id: number, unit_price_cents: number, quantity: number): Charge => ({
  id: 100 + price_item_id,
  price_item_id,
  code: `P0${price_item_id}`,
  name: `quoted ${price_item_id}`,
  unit: '個',
  unit_price_cents,
  quantity,
  amount_cents: unit_price_cents * quantity,
})
const material = (id: number, source: 'resident' | 'bought', amount_cents: number | null): Material => ({
  id,
  source,
  name: `m${id}`,
  quantity: '1 個',
  quality_ok: source === 'resident' ? true : null,
  quality_note: '',
  resident_decision: '',
  place: source === 'bought' ? '新記五金' : '',
  amount_cents,
  receipt_file_id: amount_cents ? 7 : null,
  charged: false,
  recorded_by: null,
  recorded_at: '2026-11-28T10:00:00Z',
})
const job = {
  caller_name: '張志明',
  receipt_no: null,
  consent_at: '2026-11-28T10:00:00Z',
  quote_lines: [quoteLine(1, 5000, 1), quoteLine(9, 3000, 2)],
  materials: [material(3, 'bought', 3550), material(4, 'resident', null)],
}

describe('completion starts from the consented quote and the bought materials (MT-3.4)', () => {
  it('prefills the quote’s lines and ticks every bought material', () => {
    const f = completeFormFor(job)
    expect(f.signed_by).toBe('張志明')
    expect(f.charges).toEqual([
      { price_item_id: 1, quantity: 1 },
      { price_item_id: 9, quantity: 2 },
    ])
    expect(f.materials).toEqual([{ material_id: 3, name: 'm3', place: '新記五金', amount_cents: 3550, charge: true }])
  })
  it('starts with no lines when the quote was not agreed, and charges nothing on a revisit', () => {
    expect(completeFormFor({ ...job, consent_at: null }).charges).toEqual([])
    expect(completeFormFor({ ...job, consent_at: null }).materials).toHaveLength(1)
    const revisit = completeFormFor({ ...job, receipt_no: 'WX2026-000001' })
    expect(revisit.charges).toEqual([])
    expect(revisit.materials).toEqual([])
  })
  it('offers a quoted version edited since at the price agreed, once', () => {
    const options = chargeOptions(items, [quoteLine(1, 5000, 1), quoteLine(9, 3000, 2), quoteLine(9, 3000, 1)])
    expect(options.map((o) => o.id)).toEqual([1, 2, 9])
    expect(options[2]).toMatchObject({ code: 'P09', price_cents: 3000, unit: '個' })
  })
  it('totals lines, ticked materials and the adjustment', () => {
    const f = completeFormFor(job)
    const options = chargeOptions(items, job.quote_lines)
    expect(completeTotals(f, options)).toEqual({ charge: 11000, materials: 3550, adjustment: 0, total: 14550 })
    f.materials[0]!.charge = false
    expect(completeTotals(f, options).total).toBe(11000)
  })
  it('asks the reason only when the total is not the quote plus the ticked materials', () => {
    expect(quoteCheck(11000, { materials: 3550, total: 14550 })).toEqual({ expected: 14550, differs: false })
    expect(quoteCheck(11000, { materials: 0, total: 11000 })).toEqual({ expected: 11000, differs: false })
    expect(quoteCheck(11000, { materials: 0, total: 12000 })).toEqual({ expected: 11000, differs: true })
    expect(quoteCheck(null, { materials: 0, total: 12000 })).toBeNull()
  })
  it('sends the ticked materials and the reason only when given', () => {
    const f = { ...completeFormFor(job), work_done: 'x', opinion: 'y' }
    expect(completeBody(f, 1)).toMatchObject({ materials: [{ material_id: 3 }] })
    expect(completeBody(f, 1)).not.toHaveProperty('charge_reason')
    f.materials[0]!.charge = false
    expect(completeBody(f, 1)).not.toHaveProperty('materials')
    expect(completeBody({ ...f, charge_reason: ' 另換去水喉 ' }, 1)).toMatchObject({ charge_reason: '另換去水喉' })
  })
})
