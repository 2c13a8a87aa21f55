import { describe, expect, it } from 'vitest'
import type { Card } from '@/api/parkingTypes'
import { cardBody, cardForm, cardMissing, cleanPlates } from './cardForm'

describe('parking card form (PK-4)', () => {
  it('tidies plates, once each', () => {
    expect(cleanPlates([' 粵b12345', '粵B12345', '', '粵B 54321'])).toEqual(['粵B12345', '粵B54321'])
  })

  it('needs the lot, number, holder, a valid period and one to five plates', () => {
    const f = cardForm(null, 1)
    expect(cardMissing(f)).toBe('card_no')
    Object.assign(f, { card_no: 'M-0002', holder_name: '陳大文', valid_from: '2026-12-01', valid_to: '2026-11-30' })
    expect(cardMissing(f)).toBe('valid_to')
    f.valid_to = '2026-12-31'
    expect(cardMissing(f)).toBe('plates')
    f.plates = ['1', '2', '3', '4', '5', '6']
    expect(cardMissing(f)).toBe('plates')
    f.plates = ['粵b12345']
    expect(cardMissing(f)).toBeNull()
    expect(cardBody(f)).toEqual({
      lot_id: 1,
      card_no: 'M-0002',
      kind: 'monthly',
      holder_name: '陳大文',
      unit_id: null,
      valid_from: '2026-12-01',
      valid_to: '2026-12-31',
      plates: ['粵B12345'],
    })
  })

  it('starts an edit from the card as it is', () => {
    const c = { lot_id: 2, card_no: 'M-0001', kind: 'owner', holder_name: 'X', unit_id: 9, valid_from: '2026-01-01', valid_to: '2026-12-31', plates: ['A1'] } as Card
    expect(cardForm(c)).toMatchObject({ lot_id: 2, unit_id: 9, plates: ['A1'], kind: 'owner' })
  })
})
