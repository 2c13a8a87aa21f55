// FD-A: the read back (復清楚) confirms what the caller heard. A change to the record after the
// tick was not read back: the tick goes, and the form says why, until it is ticked again.
import { ref, watch, type Ref } from 'vue'

/** What a read back covers, as the caller heard it: text trimmed, nothing else. */
export function readBackSubject(parts: readonly unknown[]): string {
  return JSON.stringify(parts.map((p) => (typeof p === 'string' ? p.trim() : (p ?? null))))
}

/**
 * Un-ticks `confirmed` when `subject` changes after the tick; `changed` is true from then until
 * the next tick. Without a subject (a form that reads nothing back) it does nothing.
 */
export function useReadBackGuard(confirmed: Ref<boolean>, subject: () => string | undefined) {
  const changed = ref(false)
  let tickedFor = confirmed.value ? subject() : undefined
  watch(confirmed, (ticked) => {
    if (!ticked) return
    tickedFor = subject()
    changed.value = false
  })
  watch(subject, (now) => {
    if (!confirmed.value || now === undefined || now === tickedFor) return
    confirmed.value = false
    changed.value = true
  })
  return { changed }
}
