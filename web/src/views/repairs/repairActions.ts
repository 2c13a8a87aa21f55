// Each step of a repair's flow sheet: whether it is sent at once (check in, start), asks a few
// fields in the shared step dialog (assign, rebook, no one home, propose, consent, close, note),
// or has a dialog of its own (material, complete) — and the request body made from what was typed.
import type { Repair, RepairAction, RepairMode, SlotInput, WorkOrderAction } from '@/api/repairTypes'
import type { ChargeChoice } from './repairForms'

export type RepairDialog = 'direct' | 'form' | 'material' | 'complete'

export type RepairField =
  | 'technician_id'
  | 'mode'
  | 'slot'
  | 'note'
  | 'solution'
  | 'materials'
  | 'minutes'
  | 'lines'
  | 'price_cents'
  | 'agreed'
  | 'reason'

export interface RepairActionSpec {
  dialog: RepairDialog
  fields: RepairField[]
  /** Marked required in the form; the server checks them too. */
  required: RepairField[]
}

export const REPAIR_ACTION_SPECS: Record<RepairAction, RepairActionSpec> = {
  assign: { dialog: 'form', fields: ['technician_id', 'note'], required: ['technician_id'] },
  check_in: { dialog: 'direct', fields: [], required: [] },
  no_one_home: { dialog: 'form', fields: ['note'], required: [] },
  rebook: { dialog: 'form', fields: ['mode', 'slot', 'technician_id', 'note'], required: ['mode'] },
  propose: { dialog: 'form', fields: ['solution', 'materials', 'minutes', 'lines', 'price_cents'], required: ['solution'] },
  consent: { dialog: 'form', fields: ['agreed', 'note'], required: ['agreed'] },
  start: { dialog: 'direct', fields: [], required: [] },
  material: { dialog: 'material', fields: [], required: [] },
  complete: { dialog: 'complete', fields: [], required: [] },
  close: { dialog: 'form', fields: ['reason'], required: ['reason'] },
  note: { dialog: 'form', fields: ['note'], required: ['note'] },
}

/** Reassigning a job someone already has needs the reason (MT-3.1). */
export function requiredFields(action: RepairAction, r: Pick<Repair, 'technician'>): RepairField[] {
  const spec = REPAIR_ACTION_SPECS[action]
  return action === 'assign' && r.technician ? [...spec.required, 'note'] : spec.required
}

/**
 * The order the buttons show: the steps that move the job forward first, then recording
 * (materials, notes), then the ways out of the visit (nobody home) and closing the request last —
 * so a new request's first button is its next step (assign), never 結案.
 */
export const REPAIR_BUTTON_ORDER: readonly RepairAction[] = [
  'assign',
  'check_in',
  'start',
  'propose',
  'consent',
  'complete',
  'rebook',
  'material',
  'note',
  'no_one_home',
  'close',
]

/** The steps offered, in button order. */
export const orderedRepairActions = (offered: readonly RepairAction[]) => REPAIR_BUTTON_ORDER.filter((a) => offered.includes(a))

/**
 * The steps that move the job forward are the prominent buttons; leaving a door nobody opens is
 * a warning. Closing is plain: it ends the request with an explanation, it destroys nothing.
 */
export function repairButtonType(a: RepairAction): 'primary' | 'default' | 'warning' {
  if (a === 'no_one_home') return 'warning'
  return ['assign', 'check_in', 'rebook', 'propose', 'consent', 'start', 'complete'].includes(a) ? 'primary' : 'default'
}

/** A work order's inspection: accepting is the next step, sending back comes after it. */
export const WORK_ORDER_BUTTON_ORDER: readonly WorkOrderAction[] = ['report', 'accept', 'archive', 'send_back']
export const orderedWorkOrderActions = (offered: readonly WorkOrderAction[]) => WORK_ORDER_BUTTON_ORDER.filter((a) => offered.includes(a))
export const workOrderButtonType = (a: WorkOrderAction): 'primary' | 'warning' => (a === 'send_back' ? 'warning' : 'primary')

export interface RepairActionForm {
  technician_id: number | undefined
  mode: RepairMode
  slot: SlotInput
  note: string
  solution: string
  materials: string
  minutes: number | undefined
  /** MT-3.2: the quote's price-list lines; with any, the price is their total. */
  lines: ChargeChoice[]
  price_cents: number | undefined
  agreed: boolean | undefined
  reason: string
}

export function blankRepairForm(r: Pick<Repair, 'mode' | 'technician'>): RepairActionForm {
  return {
    technician_id: undefined,
    mode: r.mode,
    slot: { date: '', start: '', end: '' },
    note: '',
    solution: '',
    materials: '',
    minutes: undefined,
    lines: [],
    price_cents: undefined,
    agreed: undefined,
    reason: '',
  }
}

/**
 * The body of the step: only its own fields, text trimmed. Optional fields left empty are not
 * sent; required ones are sent even when empty, so the server names the field that is missing.
 * A slot goes only with an appointment; a quote's lump sum only when it has no lines.
 */
export function repairActionBody(action: RepairAction, form: RepairActionForm, r: Pick<Repair, 'technician'>): Record<string, unknown> {
  const spec = REPAIR_ACTION_SPECS[action]
  const required = requiredFields(action, r)
  const body: Record<string, unknown> = {}
  for (const f of spec.fields) {
    const must = required.includes(f)
    switch (f) {
      case 'lines': {
        const lines = quoteLines(form)
        if (lines.length) body.lines = lines
        break
      }
      case 'price_cents':
        if (quoteLines(form).length) break
        if (form.price_cents !== undefined && form.price_cents !== null) body.price_cents = form.price_cents
        break
      case 'technician_id':
      case 'minutes':
        if (form[f] !== undefined && form[f] !== null) body[f] = form[f]
        break
      case 'agreed':
        if (form.agreed !== undefined) body.agreed = form.agreed
        break
      case 'mode':
        body.mode = form.mode
        break
      case 'slot':
        if (form.mode === 'appointment') body.slot = { ...form.slot }
        break
      default: {
        const value = String(form[f] ?? '').trim()
        if (value || must) body[f] = value
      }
    }
  }
  return body
}

/** The quote's lines that name an item. */
const quoteLines = (form: Pick<RepairActionForm, 'lines'>) =>
  form.lines.filter((l) => l.price_item_id !== undefined).map((l) => ({ price_item_id: l.price_item_id, quantity: Math.trunc(l.quantity) }))
