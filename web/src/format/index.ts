// Dates, times and money as staff expect to read them: in the site's time zone and currency,
// in the UI language, whatever the browser's own zone is.
import type { Language } from '@/api/types'

type DateInput = string | number | Date

const toDate = (v: DateInput): Date => (v instanceof Date ? v : new Date(v))

// Intl formatters are costly to build and tables format hundreds of cells.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key)
  if (!f) {
    f = make()
    cache.set(key, f)
  }
  return f as T
}

// English dates are read the world over: "29 Nov 2026", never "11/29/2026" (which a Hong Kong
// reader takes for the 11th of the 29th month, and a US one for November).
const dateLocale = (locale: Language) => (locale === 'en' ? 'en-GB' : locale)
const monthStyle = (locale: Language) => (locale === 'en' ? 'short' : '2-digit')

/** "2026/11/28 15:04" (Chinese) or "28 Nov 2026, 15:04" (English), in `timeZone`; empty when missing. */
export function formatDateTime(v: DateInput | null | undefined, timeZone: string, locale: Language): string {
  if (v === null || v === undefined || v === '') return ''
  const d = toDate(v)
  if (Number.isNaN(d.getTime())) return ''
  const f = cached(`dt|${locale}|${timeZone}`, () =>
    new Intl.DateTimeFormat(dateLocale(locale), {
      timeZone,
      year: 'numeric',
      month: monthStyle(locale),
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
  )
  return f.format(d)
}

/** "15:04:05" in `timeZone`: when a camera saw a car, to the second. */
export function formatTime(v: DateInput | null | undefined, timeZone: string, locale: Language): string {
  if (v === null || v === undefined || v === '') return ''
  const d = toDate(v)
  if (Number.isNaN(d.getTime())) return ''
  const f = cached(`t|${locale}|${timeZone}`, () =>
    new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
  )
  return f.format(d)
}

/** The calendar date in `timeZone` (a day is the site's day, not the browser's). */
export function formatDate(v: DateInput | null | undefined, timeZone: string, locale: Language): string {
  if (v === null || v === undefined || v === '') return ''
  const d = toDate(v)
  if (Number.isNaN(d.getTime())) return ''
  const f = cached(`d|${locale}|${timeZone}`, () =>
    new Intl.DateTimeFormat(dateLocale(locale), { timeZone, year: 'numeric', month: monthStyle(locale), day: '2-digit' }),
  )
  return f.format(d)
}

/**
 * An amount held as integer minor units (`*_cents` fields) in `currency`. The currency's own
 * number of minor digits is used (HKD 2, JPY 0), so cents are never assumed to be hundredths.
 */
/** The symbol staff see for the currency, e.g. "HK$" for HKD, "¥" for CNY. */
export function currencySymbol(currency: string, locale: Language): string {
  const f = cached(`m|${locale}|${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency }))
  return (f as Intl.NumberFormat).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency
}

export function formatMoney(cents: number | null | undefined, currency: string, locale: Language): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return ''
  const f = cached(`m|${locale}|${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency }))
  const digits = (f as Intl.NumberFormat).resolvedOptions().maximumFractionDigits ?? 2
  return (f as Intl.NumberFormat).format(cents / 10 ** digits)
}
