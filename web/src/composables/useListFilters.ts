// A list's filters kept in the address, so a filtered list can be linked and reloaded: read from
// the query when the page opens and written back (replacing the entry) whenever one changes; a
// value equal to its default stays out of the address. The status is up front; the others sit
// under "more filters", which shows how many of them are set and clears them.
import { computed, reactive, watch } from 'vue'
import { useRoute, useRouter, type LocationQueryValue } from 'vue-router'

type QueryValue = LocationQueryValue | LocationQueryValue[] | undefined

/** How one filter is read from the address and written back (undefined: left out). */
export interface Param<T> {
  read(v: QueryValue): T
  write(v: T): string | undefined
}

const text = (v: QueryValue) => (typeof v === 'string' ? v : '')

export const param = {
  text: (): Param<string> => ({ read: text, write: (v) => v || undefined }),
  /** Comma-separated; `fallback` when the address has none (an empty list is written as such). */
  list: (fallback = ''): Param<string[]> => ({
    read: (v) => (v === undefined ? fallback : text(v)).split(',').filter(Boolean),
    write: (v) => (v.join(',') === fallback ? undefined : v.join(',')),
  }),
  id: (): Param<number | undefined> => ({ read: (v) => Number(v) || undefined, write: (v) => (v === undefined ? undefined : String(v)) }),
  flag: (): Param<boolean> => ({ read: (v) => v === 'true', write: (v) => (v ? 'true' : undefined) }),
}

type Values<S> = { [K in keyof S]: S[K] extends Param<infer T> ? T : never }

export function useListFilters<S extends Record<string, Param<unknown>>>(spec: S) {
  const route = useRoute()
  const router = useRouter()
  const keys = Object.keys(spec) as (keyof S & string)[]
  const more = keys.filter((k) => k !== 'status')
  const filters = reactive(Object.fromEntries(keys.map((k) => [k, spec[k]!.read(route.query[k])]))) as Values<S>

  watch(
    () => JSON.stringify(filters),
    () => void router.replace({ query: Object.fromEntries(keys.map((k) => [k, spec[k]!.write(filters[k])])) }),
  )

  const moreCount = computed(() => more.filter((k) => Boolean(filters[k])).length)
  function clearMore() {
    for (const k of more) filters[k] = spec[k]!.read(undefined) as Values<S>[typeof k]
  }
  return { filters, moreCount, clearMore }
}
