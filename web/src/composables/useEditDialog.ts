// The life of a create/edit dialog: fill the form from the record (or blank) when it opens,
// send it, reload the record after a 412, and report the saved record.
import { ref, watch, type Ref } from 'vue'
import { describeError } from '@/api/messages'
import { useI18n } from 'vue-i18n'
import { useSubmit } from './useSubmit'

export interface EditDialogSpec<T extends { id: number }> {
  open: Ref<boolean | undefined>
  /** The record to edit, or null to create one. */
  record: () => T | null
  /** Puts the record's values (or the blanks, for null) into the form. */
  fill: (record: T | null) => void
  /** Sends the form: a create when `current` is null, else an update based on its version. */
  send: (current: T | null) => Promise<T>
  /** Fetches the record again (after someone else changed it); records never edited have none. */
  fetch?: (id: number) => Promise<T>
  /** The form's fields, by the names the server uses in error.field. */
  fields: readonly string[]
  saved: (record: T) => void
}

export function useEditDialog<T extends { id: number }>(spec: EditDialogSpec<T>) {
  const { t, te } = useI18n()
  const current = ref<T | null>(null) as Ref<T | null>
  const submitter = useSubmit(spec.fields)

  function load(record: T | null) {
    current.value = record
    spec.fill(record)
    submitter.clear()
  }
  watch(spec.open, (isOpen) => {
    if (isOpen) load(spec.record())
  })

  async function save() {
    const r = await submitter.submit(() => spec.send(current.value))
    if (!r.ok) return
    spec.saved(r.value)
    spec.open.value = false
  }

  async function reload() {
    if (!current.value || !spec.fetch) return
    try {
      load(await spec.fetch(current.value.id))
    } catch (e) {
      submitter.formError.value = describeError(e, t, te)
    }
  }

  return { current, save, reload, ...submitter }
}
