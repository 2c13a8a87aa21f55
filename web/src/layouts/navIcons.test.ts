import { describe, expect, it } from 'vitest'
import { NAV_ITEMS } from '@/nav/access'
import * as navIcons from './navIcons'

describe('navigation icons', () => {
  it('has the icon of every entry, and no other', () => {
    const used = new Set(NAV_ITEMS.map((i) => i.icon))
    expect([...used].filter((name) => !(name in navIcons))).toEqual([])
    expect(Object.keys(navIcons).filter((name) => !used.has(name))).toEqual([])
  })
})
