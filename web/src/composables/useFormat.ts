// The formatters bound to the current site and UI language, for templates.
import { useI18n } from 'vue-i18n'
import type { Language } from '@/api/types'
import { currencySymbol, formatDate, formatDateTime, formatMoney, formatTime } from '@/format'
import { useSessionStore } from '@/stores/session'

export function useFormat() {
  const session = useSessionStore()
  const { locale } = useI18n()
  const lang = () => locale.value as Language
  return {
    dateTime: (v: string | number | Date | null | undefined) => formatDateTime(v, session.timeZone, lang()),
    time: (v: string | number | Date | null | undefined) => formatTime(v, session.timeZone, lang()),
    date: (v: string | number | Date | null | undefined) => formatDate(v, session.timeZone, lang()),
    money: (cents: number | null | undefined) => formatMoney(cents, session.currency, lang()),
    currencySymbol: () => currencySymbol(session.currency, lang()),
  }
}
