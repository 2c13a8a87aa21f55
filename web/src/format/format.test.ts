import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatMoney, formatTime } from '.'

describe('formatDateTime', () => {
  // 2026-11-28T16:30:00Z is 2026-11-29 00:30 in Hong Kong: the site's day, not UTC's.
  const instant = '2026-11-28T16:30:00Z'

  it('shows the time in the site zone', () => {
    expect(formatDateTime(instant, 'Asia/Hong_Kong', 'en')).toBe('29 Nov 2026, 00:30')
    expect(formatDateTime(instant, 'Europe/London', 'en')).toBe('28 Nov 2026, 16:30')
  })

  it('reads the server offset form the same way', () => {
    expect(formatDateTime('2026-11-29T00:30:00+08:00', 'Asia/Hong_Kong', 'en')).toBe('29 Nov 2026, 00:30')
  })

  it('speaks the UI language', () => {
    // ICU separates date and time with a thin space in Chinese; the exact space does not matter here.
    const spaced = (s: string) => s.replace(/\s/g, ' ')
    expect(spaced(formatDateTime(instant, 'Asia/Hong_Kong', 'zh-TW'))).toBe('2026/11/29 00:30')
    expect(spaced(formatDateTime(instant, 'Asia/Hong_Kong', 'zh-CN'))).toBe('2026/11/29 00:30')
  })

  it('gives a camera event\u2019s time of day to the second, in the site zone', () => {
    expect(formatTime('2026-11-28T16:30:05Z', 'Asia/Hong_Kong', 'zh-TW')).toBe('00:30:05')
    expect(formatTime(null, 'Asia/Hong_Kong', 'zh-TW')).toBe('')
  })

  it('gives the calendar date of the site', () => {
    expect(formatDate(instant, 'Asia/Hong_Kong', 'zh-TW')).toBe('2026/11/29')
    expect(formatDate(instant, 'America/New_York', 'zh-TW')).toBe('2026/11/28')
  })

  it('leaves missing and broken values blank', () => {
    expect(formatDateTime(null, 'Asia/Hong_Kong', 'en')).toBe('')
    expect(formatDateTime('', 'Asia/Hong_Kong', 'en')).toBe('')
    expect(formatDateTime('not a date', 'Asia/Hong_Kong', 'en')).toBe('')
  })
})

describe('formatMoney', () => {
  it('turns cents into the currency amount', () => {
    expect(formatMoney(123456, 'HKD', 'en')).toBe('HK$1,234.56')
    expect(formatMoney(-5, 'HKD', 'en')).toBe('-HK$0.05')
    expect(formatMoney(0, 'CNY', 'zh-CN')).toBe('¥0.00')
  })

  it('uses the currency own minor unit', () => {
    // Yen has no minor unit: the integer is already yen.
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500')
  })

  it('keeps every cent of a large amount', () => {
    expect(formatMoney(900_719_925_474_099, 'HKD', 'en')).toBe('HK$9,007,199,254,740.99')
  })

  it('leaves a missing amount blank', () => {
    expect(formatMoney(null, 'HKD', 'en')).toBe('')
    expect(formatMoney(undefined, 'HKD', 'en')).toBe('')
  })
})
