import { describe, expect, it } from 'vitest'
import { parseYuan, yuanText } from './yuan'

describe('parseYuan', () => {
  it('reads yuan as cents without floating-point error', () => {
    expect(parseYuan('12.3')).toBe(1230)
    expect(parseYuan('12.34')).toBe(1234)
    expect(parseYuan('0.29')).toBe(29)
    expect(parseYuan('1.005')).toBeUndefined()
    expect(parseYuan('12')).toBe(1200)
    expect(parseYuan('.5')).toBe(50)
    expect(parseYuan('12.')).toBe(1200)
    expect(parseYuan(' ¥1,200.50 ')).toBe(120050)
    expect(parseYuan('￥8')).toBe(800)
  })
  it('refuses text that is not an amount', () => {
    for (const s of ['', ' ', 'abc', '1,2', '12a', '1.2.3', '¥', '.']) expect(parseYuan(s), s).toBeUndefined()
  })
  it('takes a minus only where allowed (an adjustment)', () => {
    expect(parseYuan('-5')).toBeUndefined()
    expect(parseYuan('-5', { negative: true })).toBe(-500)
    expect(parseYuan('-0.5', { negative: true })).toBe(-50)
  })
  it('round-trips through the input text', () => {
    for (const c of [0, 1, 99, 100, 1234, 120000, -250]) expect(parseYuan(yuanText(c), { negative: true })).toBe(c)
    expect(yuanText(1200)).toBe('12')
    expect(yuanText(1205)).toBe('12.05')
    expect(yuanText(null)).toBe('')
  })
})
