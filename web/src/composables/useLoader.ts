// Data a page or a picker fetches: `loading` while it comes, the error in the user's language
// when it fails, and the answer to an older request dropped once a newer one has started.
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { describeError } from '@/api/messages'

export function useLoader<T>(fetch: () => Promise<T>, initial: T) {
  const { t, te } = useI18n()
  const data = ref(initial) as Ref<T>
  const loading = ref(false)
  const error = ref('')
  let seq = 0

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    error.value = ''
    try {
      const out = await fetch()
      if (mine === seq) data.value = out
    } catch (e) {
      if (mine === seq) error.value = describeError(e, t, te)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  return { data, loading, error, load }
}
