import { describe, expect, it } from 'vitest'
import { CASE_ACTIONS } from '@/api/deskTypes'
import { ACTION_SPECS, actionBody, actionButtonType, blankActionForm, noteLabelKey, requiredNow } from './caseActions'

const form = (over: Partial<ReturnType<typeof blankActionForm>> = {}) => ({
  ...blankActionForm({ responsibility: null }),
  ...over,
})

describe('case step dialogs', () => {
  it('know every step the server can offer', () => {
    for (const a of CASE_ACTIONS) expect(ACTION_SPECS[a], a).toBeDefined()
    for (const spec of Object.values(ACTION_SPECS)) {
      for (const f of spec.required) expect(spec.fields).toContain(f)
    }
  })

  it('ask the department for feedback and the desk for a reason to reassign (FD-B)', () => {
    expect(ACTION_SPECS.complete.required).toEqual(['feedback'])
    expect(ACTION_SPECS.reassign.required).toEqual(['department_id', 'note'])
    expect(ACTION_SPECS.accept.required).toEqual([])
    expect(ACTION_SPECS.archive.fields).toEqual([])
  })

  it('make forward steps the prominent buttons', () => {
    expect(actionButtonType('dispatch')).toBe('primary')
    expect(actionButtonType('raise_repair')).toBe('primary')
    expect(actionButtonType('butler_outcome')).toBe('primary')
    expect(actionButtonType('follow_up')).toBe('default')
  })

  it('ask the butler for the outcome, with the note for the server to require when unreachable (FD-C)', () => {
    expect(ACTION_SPECS.butler_outcome).toEqual({ fields: ['outcome', 'note'], required: ['outcome'] })
    expect(actionBody('butler_outcome', form({ outcome: 'unreachable', note: ' 上門兩次 ' }), 'UTC')).toEqual({
      outcome: 'unreachable',
      note: '上門兩次',
    })
    expect(actionBody('butler_outcome', form(), 'UTC')).toEqual({ outcome: '' })
  })

  it('raise a repair case on the request\u2019s own form, not in the dialog (FD-B)', () => {
    expect(ACTION_SPECS.raise_repair.fields).toEqual([])
  })
})

describe('actionBody', () => {
  it('sends a dispatch with the deadline as an instant of the site\u2019s wall clock', () => {
    const body = actionBody('dispatch', form({ department_id: 2, due_at: '2026-11-30 18:00', note: ' 盡快 ' }), 'Asia/Hong_Kong')
    expect(body).toEqual({ department_id: 2, due_at: '2026-11-30T10:00:00Z', note: '盡快' })
  })

  it('leaves out optional fields left empty', () => {
    expect(actionBody('dispatch', form({ department_id: 2 }), 'UTC')).toEqual({ department_id: 2 })
    expect(actionBody('accept', form(), 'UTC')).toEqual({})
    expect(actionBody('return_visit', form({ outcome: 'satisfied' }), 'UTC')).toEqual({ outcome: 'satisfied' })
  })

  it('sends required text even when empty, so the server names the field', () => {
    expect(actionBody('complete', form({ feedback: '  ' }), 'UTC')).toEqual({ feedback: '' })
    expect(actionBody('reassign', form({ department_id: 3 }), 'UTC')).toEqual({ department_id: 3, note: '' })
  })

  it('sends only the step\u2019s own fields', () => {
    const full = form({ department_id: 2, note: 'n', feedback: 'f', reply: 'r', outcome: 'unreachable', responsibility: 'ours' })
    expect(actionBody('reply', full, 'UTC')).toEqual({ reply: 'r' })
    expect(actionBody('responsibility', full, 'UTC')).toEqual({ responsibility: 'ours' })
    expect(actionBody('archive', full, 'UTC')).toEqual({})
  })

  it('passes a deadline it cannot read to the server as typed', () => {
    expect(actionBody('dispatch', form({ department_id: 2, due_at: 'soon' }), 'UTC')).toEqual({ department_id: 2, due_at: 'soon' })
  })

  it('starts the responsibility choice from the case', () => {
    expect(blankActionForm({ responsibility: 'not_ours' }).responsibility).toBe('not_ours')
  })

  it('ask for the resident\u2019s reason when they are not satisfied (FD-C), and send it even when blank', () => {
    expect(requiredNow('return_visit', form({ outcome: 'satisfied' }))).toEqual(['outcome'])
    expect(requiredNow('return_visit', form({ outcome: 'unreachable' }))).toEqual(['outcome'])
    expect(requiredNow('return_visit', form({ outcome: 'not_satisfied' }))).toEqual(['outcome', 'note'])
    expect(requiredNow('butler_outcome', form({ outcome: 'not_satisfied' }))).toEqual(['outcome', 'note'])
    expect(requiredNow('butler_outcome', form({ outcome: 'unreachable' }))).toEqual(['outcome', 'note'])
    expect(noteLabelKey('return_visit', form({ outcome: 'not_satisfied' }))).toBe('caseAction.reason')
    expect(noteLabelKey('return_visit', form({ outcome: 'satisfied' }))).toBe('caseAction.note.return_visit')
    expect(noteLabelKey('follow_up', form({ outcome: 'not_satisfied' }))).toBe('caseAction.note.follow_up')
    // A blank reason goes to the server, which names the field (reason_required on note).
    expect(actionBody('return_visit', form({ outcome: 'not_satisfied', note: '  ' }), 'Asia/Hong_Kong')).toEqual({
      outcome: 'not_satisfied',
      note: '',
    })
    expect(actionBody('return_visit', form({ outcome: 'satisfied' }), 'Asia/Hong_Kong')).toEqual({ outcome: 'satisfied' })
  })
})
