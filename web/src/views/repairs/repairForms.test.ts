import { describe, expect, it } from 'vitest'
import type { PriceItem } from '@/api/repairTypes'
import { blankCompleteForm, blankMaterialForm, completeBody, completeTotals, materialBody, needsDecision } from './repairForms'

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
    expect(completeTotals(f, items)).toEqual({ charge: 11250, adjustment: 0, total: 11250 })
    expect(completeTotals({ ...f, adjust: true, adjustment_cents: -1250 }, items)).toEqual({ charge: 11250, adjustment: -1250, total: 10000 })
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
