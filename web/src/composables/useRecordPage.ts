// A page showing one record by the :id in the address (a case, a repair, a work order, or its
// printed form): fetched when the page opens, the error in the user's language. A detail page
// follows the address too: a notification for another record opens it in the same component.
import { onMounted, watch } from 'vue'
import { useRoute } from 'vue-router'
import { useLoader } from './useLoader'

export function useRecordPage<T>(fetch: (id: number) => Promise<T>, options: { followRoute?: boolean } = {}) {
  const route = useRoute()
  const { data: detail, loading, error, load } = useLoader<T | null>(() => fetch(Number(route.params.id)), null)
  onMounted(load)
  if (options.followRoute !== false) {
    watch(
      () => route.params.id,
      (id, old) => {
        if (id && id !== old) void load()
      },
    )
  }
  return { detail, error, loading, load }
}
