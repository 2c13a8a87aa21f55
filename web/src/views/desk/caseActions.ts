// Each step of a case as a small dialog: which fields it asks for, which of them the server
// requires, and the request body made from what was typed (FD-A…D).
import type { Case, CaseAction, Responsibility, VisitOutcome } from '@/api/deskTypes'
import { siteTimeToInstant } from '@/format/siteTime'

export type ActionField = 'department_id' | 'due_at' | 'note' | 'feedback' | 'reply' | 'outcome' | 'responsibility'

export interface ActionSpec {
  fields: ActionField[]
  /** Marked required in the form; the server checks them too. */
  required: ActionField[]
}

export const ACTION_SPECS: Record<CaseAction, ActionSpec> = {
  dispatch: { fields: ['department_id', 'due_at', 'note'], required: ['department_id'] },
  // FD-B: on the repair request's own form (/repairs/new?case=…), not in this dialog.
  raise_repair: { fields: [], required: [] },
  reassign: { fields: ['department_id', 'due_at', 'note'], required: ['department_id', 'note'] },
  accept: { fields: ['note'], required: [] },
  progress: { fields: ['note'], required: ['note'] },
  complete: { fields: ['feedback'], required: ['feedback'] },
  return_visit: { fields: ['outcome', 'note'], required: ['outcome'] },
  // FD-C: the butler's outcome of a visit escalated to them; the server wants the note when
  // they could not reach the resident either.
  butler_outcome: { fields: ['outcome', 'note'], required: ['outcome'] },
  reply: { fields: ['reply'], required: ['reply'] },
  archive: { fields: [], required: [] },
  follow_up: { fields: ['note'], required: ['note'] },
  responsibility: { fields: ['responsibility'], required: ['responsibility'] },
}

/**
 * The fields the form asks for now: FD-C "not satisfied" is recorded with the resident's reason
 * (in the note), and the butler's "unreachable" with what was tried, as the server requires.
 */
export function requiredNow(action: CaseAction, form: Pick<ActionForm, 'outcome'>): ActionField[] {
  const required = ACTION_SPECS[action].required
  const answer = action === 'return_visit' || action === 'butler_outcome'
  const noteNeeded =
    answer && (form.outcome === 'not_satisfied' || (action === 'butler_outcome' && form.outcome === 'unreachable'))
  return noteNeeded ? [...required, 'note'] : required
}

/** The note's label: for "not satisfied" it is the resident's reason. */
export function noteLabelKey(action: CaseAction, form: Pick<ActionForm, 'outcome'>): string {
  const answer = action === 'return_visit' || action === 'butler_outcome'
  return answer && form.outcome === 'not_satisfied' ? 'caseAction.reason' : `caseAction.note.${action}`
}

/** The step that moves the case forward is the prominent button; notes and changes are plain. */
export function actionButtonType(a: CaseAction): 'primary' | 'default' {
  return ['dispatch', 'raise_repair', 'accept', 'complete', 'return_visit', 'butler_outcome', 'reply', 'archive'].includes(a)
    ? 'primary'
    : 'default'
}

export interface ActionForm {
  department_id: number | undefined
  /** "YYYY-MM-DD HH:mm" in the site's zone, or empty for the category's deadline. */
  due_at: string
  note: string
  feedback: string
  reply: string
  outcome: VisitOutcome | ''
  responsibility: Responsibility | ''
}

export function blankActionForm(c: Pick<Case, 'responsibility'>): ActionForm {
  return {
    department_id: undefined,
    due_at: '',
    note: '',
    feedback: '',
    reply: '',
    outcome: '',
    responsibility: c.responsibility ?? '',
  }
}

/**
 * The body of the step: only its own fields, text trimmed. Optional fields left empty are not
 * sent; required ones are sent even when empty, so the server names the field that is missing.
 */
export function actionBody(action: CaseAction, form: ActionForm, timeZone: string): Record<string, unknown> {
  const spec = ACTION_SPECS[action]
  const needed = requiredNow(action, form)
  const body: Record<string, unknown> = {}
  for (const f of spec.fields) {
    const required = needed.includes(f)
    if (f === 'department_id') {
      if (form.department_id !== undefined) body.department_id = form.department_id
    } else if (f === 'due_at') {
      const wall = form.due_at.trim()
      // Text that is not a time goes as it is, for the server to refuse on the field.
      if (wall) body.due_at = siteTimeToInstant(wall, timeZone) ?? wall
    } else {
      const value = String(form[f] ?? '').trim()
      if (value || required) body[f] = value
    }
  }
  return body
}
