// Each step of a repair's flow sheet: whether it is sent at once (check in, start), asks a few
// fields in the shared step dialog (assign, rebook, no one home, propose, consent, close, note),
// or has a dialog of its own (material, complete) — and the request body made from what was typed.
import type { Repair, RepairAction, RepairMode, SlotInput } from '@/api/repairTypes'

export type RepairDialog = 'direct' | 'form' | 'material' | 'complete'

export type RepairField =
  | 'technician_id'
  | 'mode'
  | 'slot'
  | 'note'
  | 'solution'
  | 'materials'
  | 'minutes'
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
  propose: { dialog: 'form', fields: ['solution', 'materials', 'minutes', 'price_cents'], required: ['solution'] },
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

/** The step that moves the job forward is the prominent button; notes are plain, closing is red. */
export function repairButtonType(a: RepairAction): 'primary' | 'default' | 'danger' | 'warning' {
  if (a === 'close') return 'danger'
  if (a === 'no_one_home') return 'warning'
  return ['assign', 'check_in', 'rebook', 'propose', 'consent', 'start', 'complete'].includes(a) ? 'primary' : 'default'
}

export interface RepairActionForm {
  technician_id: number | undefined
  mode: RepairMode
  slot: SlotInput
  note: string
  solution: string
  materials: string
  minutes: number | undefined
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
    price_cents: undefined,
    agreed: undefined,
    reason: '',
  }
}

/**
 * The body of the step: only its own fields, text trimmed. Optional fields left empty are not
 * sent; required ones are sent even when empty, so the server names the field that is missing.
 * A slot goes only with an appointment.
 */
export function repairActionBody(action: RepairAction, form: RepairActionForm, r: Pick<Repair, 'technician'>): Record<string, unknown> {
  const spec = REPAIR_ACTION_SPECS[action]
  const required = requiredFields(action, r)
  const body: Record<string, unknown> = {}
  for (const f of spec.fields) {
    const must = required.includes(f)
    switch (f) {
      case 'technician_id':
      case 'minutes':
      case 'price_cents':
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
