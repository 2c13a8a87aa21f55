// Sending a form: the server's 422/409 error goes on the field it names (in the user's language
// where the UI has a translation for its code and field), a 412 asks the user to reload the
// record someone else changed, anything else shows above the form. A field's message goes as
// soon as the user edits that field (clearOnEdit).
import { ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, fieldErrors } from '@/api/client'
import { describeError, fieldMessage } from '@/api/messages'
import { changedFields, fieldValues } from './fieldEdits'

export function useSubmit(formFields: readonly string[]) {
  const { t, te } = useI18n()
  const errors = ref<Record<string, string>>({})
  const formError = ref('')
  const stale = ref(false)
  const saving = ref(false)

  function clear(): void {
    errors.value = {}
    formError.value = ''
    stale.value = false
  }

  /** Runs `send`; when it fails the errors are on display and `ok` is false. */
  async function submit<T>(send: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    clear()
    saving.value = true
    try {
      return { ok: true, value: await send() }
    } catch (e) {
      const byField = fieldErrors(e)
      // A field inside a list or object (charges[2].quantity) shows on the form's field for it.
      const named = Object.keys(byField)[0]
      const field = named && !formFields.includes(named) ? named.split(/[.[]/)[0] : named
      if (field && formFields.includes(field)) {
        errors.value = { [field]: fieldMessage(e as ApiError, t, te) }
      } else {
        stale.value = e instanceof ApiError && e.status === 412
        formError.value = describeError(e, t, te)
      }
      return { ok: false }
    } finally {
      saving.value = false
    }
  }

  /**
   * What the form knows is missing before it asks the server: the field's message goes on it and
   * false comes back; true when nothing is missing.
   */
  function check(missingField: string | null, message: (field: string) => string): boolean {
    if (!missingField) return true
    clear()
    errors.value = { [missingField]: message(missingField) }
    return false
  }

  /**
   * Watches the form's values, by the names the server uses in error.field: the message of a
   * field the user changes goes at once, the others stay.
   */
  function clearOnEdit(values: () => Record<string, unknown>): void {
    let before = fieldValues(values())
    watch(
      () => fieldValues(values()),
      (after) => {
        const edited = changedFields(before, after).filter((f) => errors.value[f])
        before = after
        if (edited.length === 0) return
        const left = { ...errors.value }
        for (const f of edited) delete left[f]
        errors.value = left
      },
    )
  }

  return { errors, formError, stale, saving, submit, clear, check, clearOnEdit }
}
