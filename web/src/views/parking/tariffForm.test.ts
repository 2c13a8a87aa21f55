import { describe, expect, it } from 'vitest'
import type { Tariff } from '@/api/parkingTypes'
import { tariffBody, tariffForm, tariffMissing, tariffSummary } from './tariffForm'

const demo: Tariff = {
  id: 1,
  effective_from: '2026-01-01T00:00:00+08:00',
  free_minutes: 15,
  first_minutes: 60,
  first_cents: 2000,
  unit_minutes: 30,
  unit_cents: 1000,
  night_unit_cents: 500,
  night_start_minute: 23 * 60,
  night_end_minute: 7 * 60,
  daily_cap_cents: 20000,
}

describe('tariff form (PK-5, PK-6)', () => {
  it('starts a new version from the one in force, the night window as HH:MM', () => {
    const f = tariffForm(demo)
    expect(f).toMatchObject({ first_cents: 2000, night_start: '23:00', night_end: '07:00', effective_from: '' })
    expect(tariffBody(f)).toEqual({
      free_minutes: 15,
      first_minutes: 60,
      first_cents: 2000,
      unit_minutes: 30,
      unit_cents: 1000,
      night_unit_cents: 500,
      night_start_minute: 1380,
      night_end_minute: 420,
      daily_cap_cents: 20000,
    })
    expect(tariffBody(f, '2027-01-01T00:00:00Z').effective_from).toBe('2027-01-01T00:00:00Z')
  })

  it('names what is missing or not a time', () => {
    const f = tariffForm(null)
    expect(tariffMissing(f)).toBe('first_cents')
    f.first_cents = 2000
    f.unit_cents = 1000
    expect(tariffMissing(f)).toBeNull()
    f.night_start = '25:00'
    expect(tariffMissing(f)).toBe('night_start_minute')
  })

  it('sums a tariff up in a line, leaving out a night rate and cap it does not have', () => {
    const tr = (k: string, n?: Record<string, unknown>) => `${k}${JSON.stringify(n ?? {})}`
    const money = (c: number) => `$${c / 100}`
    expect(tariffSummary(demo, tr, money)).toBe(
      'tariff.sumFree{"n":15} · tariff.sumFirst{"n":60,"fee":"$20"} · tariff.sumUnit{"n":30,"fee":"$10"} · ' +
        'tariff.sumNight{"from":"23:00","to":"07:00","fee":"$5"} · tariff.sumCap{"fee":"$200"}',
    )
    expect(tariffSummary({ ...demo, night_end_minute: 1380, daily_cap_cents: 0 }, tr, money)).not.toContain('sumNight')
  })
})
