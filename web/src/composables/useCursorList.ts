// A server-side list: search text (q), sort (?sort=field or -field), filters, and cursor
// pages appended by "load more". Any change of q, sort or a filter starts again from page one.
import { onBeforeUnmount, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/client'
import type { Page } from '@/api/types'
import { describeError } from '@/api/messages'

export interface PageRequest {
  q: string
  sort: string
  cursor: string
  limit: number
  /** Ask for the count of all pages too (the first page only). */
  total?: boolean
}

export interface SortChange {
  prop: string | null
  order: 'ascending' | 'descending' | null
}

/** el-table's sort-change event → the server's sort parameter. */
export function sortParam(s: SortChange): string {
  if (!s.prop || !s.order) return ''
  return (s.order === 'descending' ? '-' : '') + s.prop
}

export function useCursorList<T>(
  fetchPage: (req: PageRequest) => Promise<Page<T>>,
  /** `sort`: the order the list starts in (the server's sort parameter). */
  options: { limit?: number; deps?: WatchSource[]; immediate?: boolean; sort?: string } = {},
) {
  const { t, te } = useI18n()
  const limit = options.limit ?? 50
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const q = ref('')
  const sort = ref(options.sort ?? '')
  const loading = ref(false)
  const error = ref('')
  const next = ref<string | null>(null)
  const total = ref<number | null>(null)
  let seq = 0

  async function load(cursor: string): Promise<void> {
    const mine = ++seq
    loading.value = true
    error.value = ''
    try {
      const page = await fetchPage({ q: q.value.trim(), sort: sort.value, cursor, limit, total: !cursor })
      if (mine !== seq) return // a newer search has started; this answer is out of date
      items.value = cursor ? [...items.value, ...page.items] : page.items
      next.value = page.next_cursor
      if (!cursor) total.value = page.total ?? null
    } catch (e) {
      if (mine !== seq) return
      // A server that cannot sort by this column: show the list unsorted rather than an error.
      if (e instanceof ApiError && e.status === 422 && e.field === 'sort' && sort.value) {
        sort.value = ''
        return
      }
      error.value = describeError(e, t, te)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  const reload = () => load('')
  const loadMore = () => (next.value ? load(next.value) : Promise.resolve())
  const onSortChange = (s: SortChange) => {
    sort.value = sortParam(s)
  }

  // Typing in the search box waits for a pause before asking the server.
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(q, () => {
    clearTimeout(timer)
    timer = setTimeout(reload, 300)
  })
  watch([sort, ...(options.deps ?? [])], reload)
  onBeforeUnmount(() => clearTimeout(timer))
  if (options.immediate !== false) void reload()

  return { items, q, sort, loading, error, next, total, reload, loadMore, onSortChange }
}
