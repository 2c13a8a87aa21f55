import { describe, expect, it } from 'vitest'
import { siteDate, siteMonth, siteTimeToInstant } from './siteTime'

describe('site dates', () => {
  // 2026-11-30T16:30:00Z is already 1 December in Hong Kong.
  const instant = Date.parse('2026-11-30T16:30:00Z')

  it('gives the site\u2019s calendar date, not the browser\u2019s', () => {
    expect(siteDate(instant, 'Asia/Hong_Kong')).toBe('2026-12-01')
    expect(siteDate(instant, 'UTC')).toBe('2026-11-30')
  })

  it('gives the whole month around a date', () => {
    expect(siteMonth(instant, 'Asia/Hong_Kong')).toEqual({ from: '2026-12-01', to: '2026-12-31' })
    expect(siteMonth(instant, 'UTC')).toEqual({ from: '2026-11-01', to: '2026-11-30' })
    expect(siteMonth(Date.parse('2028-02-10T00:00:00Z'), 'UTC')).toEqual({ from: '2028-02-01', to: '2028-02-29' })
  })
})

describe('siteTimeToInstant', () => {
  it('reads a deadline as the site\u2019s wall-clock time', () => {
    expect(siteTimeToInstant('2026-11-29 18:00', 'Asia/Hong_Kong')).toBe('2026-11-29T10:00:00Z')
    expect(siteTimeToInstant('2026-11-29 18:00', 'UTC')).toBe('2026-11-29T18:00:00Z')
  })

  it('follows summer time', () => {
    expect(siteTimeToInstant('2026-07-01 09:30', 'Europe/London')).toBe('2026-07-01T08:30:00Z')
    expect(siteTimeToInstant('2026-01-01 09:30', 'Europe/London')).toBe('2026-01-01T09:30:00Z')
  })

  it('refuses what is not a time', () => {
    expect(siteTimeToInstant('', 'UTC')).toBeUndefined()
    expect(siteTimeToInstant('tomorrow', 'UTC')).toBeUndefined()
  })
})
