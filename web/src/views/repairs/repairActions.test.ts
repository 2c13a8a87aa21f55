import { describe, expect, it } from 'vitest'
import { REPAIR_ACTIONS } from '@/api/repairTypes'
import {
  blankRepairForm,
  orderedRepairActions,
  orderedWorkOrderActions,
  REPAIR_ACTION_SPECS,
  REPAIR_BUTTON_ORDER,
  repairActionBody,
  repairButtonType,
  requiredFields,
  workOrderButtonType,
} from './repairActions'

const unassigned = { mode: 'immediate' as const, technician: null }
const assigned = { mode: 'immediate' as const, technician: { id: 7, name: '王技工' } }

describe('repair steps \u2192 dialogs', () => {
  it('has a spec for every action the server may offer', () => {
    for (const a of REPAIR_ACTIONS) expect(REPAIR_ACTION_SPECS[a], a).toBeDefined()
  })
  it('sends check-in and start at once, and gives material and completion their own dialogs', () => {
    expect(REPAIR_ACTION_SPECS.check_in.dialog).toBe('direct')
    expect(REPAIR_ACTION_SPECS.start.dialog).toBe('direct')
    expect(REPAIR_ACTION_SPECS.material.dialog).toBe('material')
    expect(REPAIR_ACTION_SPECS.complete.dialog).toBe('complete')
    for (const a of ['assign', 'rebook', 'no_one_home', 'propose', 'consent', 'close', 'note'] as const)
      expect(REPAIR_ACTION_SPECS[a].dialog, a).toBe('form')
  })
  it('asks the reason only when reassigning', () => {
    expect(requiredFields('assign', unassigned)).toEqual(['technician_id'])
    expect(requiredFields('assign', assigned)).toEqual(['technician_id', 'note'])
  })
  it('makes closing and notes plain (closing destroys nothing), the next steps primary', () => {
    expect(repairButtonType('close')).toBe('default')
    expect(repairButtonType('note')).toBe('default')
    expect(repairButtonType('check_in')).toBe('primary')
    expect(repairButtonType('assign')).toBe('primary')
    for (const a of REPAIR_ACTIONS) expect(repairButtonType(a), a).not.toBe('danger')
  })
})

describe('button order', () => {
  it('orders every step the server may offer', () => {
    expect([...REPAIR_BUTTON_ORDER].sort()).toEqual([...REPAIR_ACTIONS].sort())
  })
  it('a new request: the next step first, closing last — never a red 結案 first', () => {
    // As the server offers them (its order), for engineering and for the desk.
    expect(orderedRepairActions(['assign', 'close', 'note'])).toEqual(['assign', 'note', 'close'])
    expect(orderedRepairActions(['close', 'note'])).toEqual(['note', 'close'])
    expect(orderedRepairActions(['rebook', 'close', 'note'])).toEqual(['rebook', 'note', 'close'])
  })
  it('at the door: the work before the way out', () => {
    expect(orderedRepairActions(['no_one_home', 'propose', 'start', 'material', 'note'])).toEqual(['start', 'propose', 'material', 'note', 'no_one_home'])
    expect(orderedRepairActions(['consent', 'material', 'note'])).toEqual(['consent', 'material', 'note'])
  })
  it('a work order: accepting before sending back', () => {
    expect(orderedWorkOrderActions(['report', 'send_back', 'accept', 'archive'])).toEqual(['report', 'accept', 'archive', 'send_back'])
    expect(orderedWorkOrderActions(['send_back', 'accept'])).toEqual(['accept', 'send_back'])
    expect(workOrderButtonType('accept')).toBe('primary')
    expect(workOrderButtonType('send_back')).toBe('warning')
  })
})

describe('repair step bodies', () => {
  it('assign: the technician, the note only when given or required', () => {
    const f = { ...blankRepairForm(unassigned), technician_id: 5 }
    expect(repairActionBody('assign', f, unassigned)).toEqual({ technician_id: 5 })
    expect(repairActionBody('assign', f, assigned)).toEqual({ technician_id: 5, note: '' })
    expect(repairActionBody('assign', { ...f, note: ' 改派 ' }, assigned)).toEqual({ technician_id: 5, note: '改派' })
  })
  it('rebook: a slot only with an appointment', () => {
    const f = { ...blankRepairForm(assigned), slot: { date: '2026-11-29', start: '10:00', end: '11:00' } }
    expect(repairActionBody('rebook', f, assigned)).toEqual({ mode: 'immediate' })
    expect(repairActionBody('rebook', { ...f, mode: 'appointment', technician_id: 3 }, assigned)).toEqual({
      mode: 'appointment',
      slot: { date: '2026-11-29', start: '10:00', end: '11:00' },
      technician_id: 3,
    })
  })
  it('propose: a quote of price-list lines is priced by them, a lump sum only without lines', () => {
    const f = { ...blankRepairForm(assigned), solution: '換水龍頭', price_cents: 9000 }
    const lines = [
      { price_item_id: 3, quantity: 2 },
      { price_item_id: undefined, quantity: 1 },
    ]
    expect(repairActionBody('propose', { ...f, lines }, assigned)).toEqual({ solution: '換水龍頭', lines: [{ price_item_id: 3, quantity: 2 }] })
    expect(repairActionBody('propose', { ...f, lines: [{ price_item_id: undefined, quantity: 1 }] }, assigned)).toEqual({ solution: '換水龍頭', price_cents: 9000 })
  })
  it('propose: solution always, the rest when typed', () => {
    const f = blankRepairForm(assigned)
    expect(repairActionBody('propose', f, assigned)).toEqual({ solution: '' })
    expect(repairActionBody('propose', { ...f, solution: '換水龍頭', minutes: 30, price_cents: 8000, materials: '水龍頭' }, assigned)).toEqual({
      solution: '換水龍頭',
      materials: '水龍頭',
      minutes: 30,
      price_cents: 8000,
    })
  })
  it('consent: the resident\u2019s answer, yes or no', () => {
    const f = blankRepairForm(assigned)
    expect(repairActionBody('consent', { ...f, agreed: true }, assigned)).toEqual({ agreed: true })
    expect(repairActionBody('consent', { ...f, agreed: false, note: '太貴' }, assigned)).toEqual({ agreed: false, note: '太貴' })
    expect(repairActionBody('consent', f, assigned)).toEqual({})
  })
  it('close and note: their text, sent even when empty', () => {
    const f = blankRepairForm(assigned)
    expect(repairActionBody('close', f, assigned)).toEqual({ reason: '' })
    expect(repairActionBody('note', { ...f, note: ' 已致電 ' }, assigned)).toEqual({ note: '已致電' })
    expect(repairActionBody('no_one_home', f, assigned)).toEqual({})
    expect(repairActionBody('check_in', f, assigned)).toEqual({})
  })
})
