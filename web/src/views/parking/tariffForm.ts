// A car park's tariff (PK-5, PK-6) as the set-up types it: money in the site's currency (held as
// cents), block lengths in minutes, the night window as HH:MM (the server keeps minutes of the
// day; equal start and end means no night rate) — and the one-line summary the pages show.
import type { Tariff, TariffInput } from '@/api/parkingTypes'
import { hhmmToMinute, minuteToHhmm } from './parkingDisplay'

export interface TariffForm {
  effective_from: string
  free_minutes: number
  first_minutes: number
  first_cents: number | undefined
  unit_minutes: number
  unit_cents: number | undefined
  night_unit_cents: number | undefined
  night_start: string
  night_end: string
  daily_cap_cents: number | undefined
}

/** A new version starts from the one in force (or a plain hourly tariff). */
export function tariffForm(t: Tariff | null): TariffForm {
  return {
    effective_from: '',
    free_minutes: t?.free_minutes ?? 15,
    first_minutes: t?.first_minutes ?? 60,
    first_cents: t?.first_cents,
    unit_minutes: t?.unit_minutes ?? 30,
    unit_cents: t?.unit_cents,
    night_unit_cents: t?.night_unit_cents ?? 0,
    night_start: minuteToHhmm(t?.night_start_minute ?? 0),
    night_end: minuteToHhmm(t?.night_end_minute ?? 0),
    daily_cap_cents: t?.daily_cap_cents ?? 0,
  }
}

export function tariffMissing(f: TariffForm): keyof TariffInput | null {
  if (f.first_cents === undefined) return 'first_cents'
  if (f.unit_minutes <= 0) return 'unit_minutes'
  if (f.unit_cents === undefined) return 'unit_cents'
  if (f.night_unit_cents === undefined) return 'night_unit_cents'
  if (hhmmToMinute(f.night_start) === undefined) return 'night_start_minute'
  if (hhmmToMinute(f.night_end) === undefined) return 'night_end_minute'
  if (f.daily_cap_cents === undefined) return 'daily_cap_cents'
  return null
}

/** `effective_from` as the instant the user's site time names (converted by the caller), or left to the server (now). */
export function tariffBody(f: TariffForm, effectiveFrom?: string): TariffInput {
  return {
    ...(effectiveFrom ? { effective_from: effectiveFrom } : {}),
    free_minutes: f.free_minutes,
    first_minutes: f.first_minutes,
    first_cents: f.first_cents ?? 0,
    unit_minutes: f.unit_minutes,
    unit_cents: f.unit_cents ?? 0,
    night_unit_cents: f.night_unit_cents ?? 0,
    night_start_minute: hhmmToMinute(f.night_start) ?? 0,
    night_end_minute: hhmmToMinute(f.night_end) ?? 0,
    daily_cap_cents: f.daily_cap_cents ?? 0,
  }
}

type T = (key: string, named?: Record<string, unknown>) => string

/** "免費 15 分鐘 · 首 60 分鐘 HK$20.00 · 其後每 30 分鐘 HK$10.00 …" in the user's language. */
export function tariffSummary(t: Tariff, tr: T, money: (cents: number) => string): string {
  const parts = [tr('tariff.sumFree', { n: t.free_minutes })]
  if (t.first_minutes > 0) parts.push(tr('tariff.sumFirst', { n: t.first_minutes, fee: money(t.first_cents) }))
  parts.push(tr('tariff.sumUnit', { n: t.unit_minutes, fee: money(t.unit_cents) }))
  if (t.night_start_minute !== t.night_end_minute)
    parts.push(tr('tariff.sumNight', { from: minuteToHhmm(t.night_start_minute), to: minuteToHhmm(t.night_end_minute), fee: money(t.night_unit_cents) }))
  if (t.daily_cap_cents > 0) parts.push(tr('tariff.sumCap', { fee: money(t.daily_cap_cents) }))
  return parts.join(' · ')
}
