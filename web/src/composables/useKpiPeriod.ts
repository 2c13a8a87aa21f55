// A KPI page's period and figures: by default the whole of this month in the site's zone, the
// period kept in the address, and the figures fetched again whenever it changes (an answer to
// an older period is dropped).
import { ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { describeError } from '@/api/messages'
import { siteMonth } from '@/format/siteTime'
import { useSessionStore } from '@/stores/session'

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)

export function useKpiPeriod<T>(fetch: (siteId: number, from: string, to: string) => Promise<T>) {
  const { t, te } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const session = useSessionStore()
  // A return visit is counted in the period it falls due, so a period ending today would leave
  // out the visits already made for work completed today.
  const month = siteMonth(Date.now(), session.timeZone)
  const from = ref(isDate(route.query.from) ? route.query.from : month.from)
  const to = ref(isDate(route.query.to) ? route.query.to : month.to)
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const error = ref('')
  let seq = 0

  async function load() {
    if (!from.value || !to.value) return
    const mine = ++seq
    loading.value = true
    error.value = ''
    try {
      const out = await fetch(session.siteId!, from.value, to.value)
      if (mine === seq) data.value = out
    } catch (e) {
      if (mine === seq) error.value = describeError(e, t, te)
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  watch(
    [from, to],
    ([f, tt]) => {
      void router.replace({ query: { from: f || undefined, to: tt || undefined } })
      void load()
    },
    { immediate: true },
  )
  const thisMonth = () => {
    from.value = month.from
    to.value = month.to
  }
  return { from, to, data, loading, error, thisMonth, reload: load }
}
