// The life of a dialog that takes one step on a record (a case's, a repair's, a work order's):
// the form blank again each time it opens, the step sent with the version on screen, the dialog
// closed on success. Someone else's change (412) reloads the record and keeps the dialog open to
// try again; a step refused (409 and the like) reloads the record so the buttons follow it.
import { reactive, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useSubmit } from './useSubmit'

/** The dialog's events: `done` with the record as the step left it, `reload` to fetch it again. */
export interface StepEmit<T> {
  (e: 'done', record: T): void
  (e: 'reload'): void
}

export interface StepDialogSpec<T, A> {
  open: Ref<boolean>
  emit: StepEmit<T>
  /** The step the dialog is open for, when it serves several. */
  action?: () => A | null
  /** The form's fields, by the names the server uses in error.field. */
  fields: readonly string[]
  /** Blanks the form when the dialog opens. */
  reset: () => void
  /** The form's values by field: a field's message goes as soon as the user edits it. */
  values?: () => Record<string, unknown>
}

export function useStepDialog<T, A = never>(spec: StepDialogSpec<T, A>) {
  const { t } = useI18n()
  const s = reactive(useSubmit(spec.fields))
  if (spec.values) s.clearOnEdit(spec.values)

  watch(spec.open, (isOpen) => {
    if (!isOpen) return
    s.clear()
    spec.reset()
  })

  async function send(request: () => Promise<T>) {
    const r = await s.submit(request)
    if (r.ok) {
      spec.emit('done', r.value)
      spec.open.value = false
      return
    }
    if (!s.stale && !s.formError) return // an error on a field: the user corrects it
    if (s.stale) s.formError = t('caseAction.staleReloaded')
    s.stale = false
    spec.emit('reload')
  }

  /** Sends the step the dialog is open for (nothing when there is none). */
  async function sendStep(request: (action: A) => Promise<T>) {
    const action = spec.action?.()
    if (action) await send(() => request(action))
  }

  return { s, send, sendStep }
}
