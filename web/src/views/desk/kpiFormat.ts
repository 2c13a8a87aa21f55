// FD-I figures as the dashboard prints them: a rate with nothing due has no percentage ("—",
// and it breaks no target), minutes read as hours and days once they are long.
import type { Language } from '@/api/types'
import type { KpiRate } from '@/api/deskTypes'

export const NO_VALUE = '—'

const percentFormats = new Map<string, Intl.NumberFormat>()

/** 100 → "100%", 66.666… → "66.7%", null → "—". */
export function formatPercent(percent: number | null | undefined, locale: Language): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return NO_VALUE
  let f = percentFormats.get(locale)
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
    percentFormats.set(locale, f)
  }
  return f.format(percent / 100)
}

/** Whether the card shows the rate as met, missed, or with nothing to measure. */
export function rateState(r: KpiRate): 'met' | 'missed' | 'none' {
  if (r.percent === null) return 'none'
  return r.meets_target ? 'met' : 'missed'
}

type T = (key: string, named?: Record<string, unknown>) => string

/** 45 → "45 分鐘", 125 → "2 小時 5 分", 1600 → "1 日 2 小時"; null → "—". */
export function formatMinutes(minutes: number | null | undefined, t: T): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return NO_VALUE
  const m = Math.max(0, Math.round(minutes))
  if (m < 60) return t('kpi.minutes', { n: m })
  if (m < 24 * 60) return t('kpi.hoursMinutes', { h: Math.floor(m / 60), m: m % 60 })
  return t('kpi.daysHours', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) })
}

/** Counts per day for the days chart: the day of the month as the label, a line per count. */
export function daySeries<D extends { date: string }>(days: D[], lines: { name: string; value: (d: D) => number; color: string }[]) {
  return {
    labels: days.map((d) => d.date.slice(5)),
    series: lines.map((l) => ({ name: l.name, values: days.map(l.value), color: l.color })),
  }
}

/** A rate for a chart: the percentage, or null (no bar) when nothing was due. */
export function chartValue(r: KpiRate): number | null {
  return r.percent === null ? null : Math.round(r.percent * 10) / 10
}
