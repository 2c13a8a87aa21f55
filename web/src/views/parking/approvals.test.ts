import { describe, expect, it } from 'vitest'
import type { Permission } from '@/nav/access'
import { agoText, decisionBlock, newestFirst } from './approvals'

const asked = (category: 'approved' | 'policy', by = 3) => ({ status: 'pending' as const, category, requested_by: { id: by, name: '周值班員' } })
const roles = (...ps: Permission[]) => (p: Permission) => ps.includes(p)
const manager = roles('parking_approve', 'parking_release')
const lead = roles('parking_release')
const attendant = roles()

describe('who decides a free exit (PK-6)', () => {
  it('gives an approved exit to a manager only', () => {
    expect(decisionBlock(asked('approved'), 1, manager)).toBeNull()
    expect(decisionBlock(asked('approved'), 2, lead)).toBe('manager')
    expect(decisionBlock(asked('approved'), 4, attendant)).toBe('manager')
  })

  it('gives a policy exit to the team lead or a manager', () => {
    expect(decisionBlock(asked('policy'), 2, lead)).toBeNull()
    expect(decisionBlock(asked('policy'), 1, manager)).toBeNull()
    expect(decisionBlock(asked('policy'), 4, attendant)).toBe('lead')
  })

  it('never to the one who asked, and not twice', () => {
    expect(decisionBlock(asked('approved', 1), 1, manager)).toBe('own')
    expect(decisionBlock({ ...asked('approved'), status: 'approved' }, 1, manager)).toBe('decided')
  })
})

describe('the approvals list', () => {
  const t = (k: string, n?: Record<string, unknown>) => `${k}${n ? `:${n.n}` : ''}`
  it('says how long the car has waited', () => {
    const now = Date.parse('2026-11-18T10:00:00Z')
    expect(agoText('2026-11-18T09:59:40Z', now, t)).toBe('approvals.ago.now')
    expect(agoText('2026-11-18T09:55:00Z', now, t)).toBe('approvals.ago.minutes:5')
    expect(agoText('2026-11-18T07:30:00Z', now, t)).toBe('approvals.ago.hours:2')
  })

  it('puts the newest request first', () => {
    const a = { id: 1, requested_at: '2026-11-18T09:00:00+08:00' }
    const b = { id: 2, requested_at: '2026-11-18T09:05:00+08:00' }
    expect(newestFirst([a, b]).map((r) => r.id)).toEqual([2, 1])
  })
})
