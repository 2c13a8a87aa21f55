// Which navigation entries each role sees (mirrors the server's permissions.cpp).
import { describe, expect, it } from 'vitest'
import type { Me, Role } from '@/api/types'
import { can, landingPath, NAV_ITEMS, visibleNav } from './access'

const me = (roles: Role[], system_admin = false, siteId = 1): Me => ({
  id: 9,
  login: 'x',
  name: 'X',
  language: 'zh-TW',
  system_admin,
  sites: [{ id: siteId, name: 'S', time_zone: 'Asia/Hong_Kong', currency: 'HKD', roles }],
})
const nav = (m: Me, site = 1) => visibleNav(m, site).map((i) => i.name)
const SETTINGS_MANAGER = ['deskPolicy', 'repairPolicy', 'parkingCards', 'parkingSetup', 'buildings', 'areas', 'departments', 'sites', 'devices', 'import']
const PARKING_MANAGER = ['parkingRegister', 'parkingApprovals', 'parkingHolds', 'parkingIncidents', 'parkingHandovers', 'parkingPeak']

describe('navigation by role: only what the role uses, set-up folded under settings', () => {
  it('system admin sees everything', () => {
    expect(nav(me(['system_admin'], true))).toEqual(NAV_ITEMS.map((i) => i.name))
  })

  it('site manager: the day\'s pages in sight, the set-up folded away', () => {
    const m = me(['site_manager'])
    const items = visibleNav(m, 1)
    expect(items.filter((i) => i.group !== 'settings').map((i) => i.name)).toEqual([
      'home',
      'cases',
      'returnVisits',
      'deskKpi',
      'repairs',
      'workOrders',
      'priceList',
      'repairKpi',
      ...PARKING_MANAGER,
      'units',
      'residents',
      'staff',
    ])
    expect(items.filter((i) => i.group === 'settings').map((i) => i.name)).toEqual(SETTINGS_MANAGER)
    expect(can(m, 'staff_admin', 1)).toBe(false)
    expect(can(m, 'sites_admin', 1)).toBe(false)
    expect(can(m, 'org_write', 1)).toBe(true)
  })

  it('customer-department manager reads staff, keeps the desk policy', () => {
    expect(nav(me(['cs_manager']))).toEqual(['home', 'cases', 'queue', 'returnVisits', 'deskKpi', 'repairs', 'repairKpi', 'units', 'residents', 'staff', 'deskPolicy'])
  })

  it('front desk sees the desk, the repair register and the property pages, and writes residents only', () => {
    const m = me(['front_desk'])
    expect(nav(m)).toEqual(['home', 'cases', 'returnVisits', 'deskKpi', 'repairs', 'priceList', 'units', 'residents'])
    expect(can(m, 'residents_write', 1)).toBe(true)
    expect(can(m, 'org_write', 1)).toBe(false)
    expect(can(m, 'staff_read', 1)).toBe(false)
  })

  it.each<[Role, string[]]>([
    ['security_lead', ['home', 'queue', 'parkingBooth', 'parkingRegister', 'parkingApprovals', 'parkingHolds', 'parkingIncidents', 'parkingHandovers', 'parkingPeak', 'parkingCards', 'parkingSetup']],
    ['finance', ['home', 'queue', 'parkingRegister', 'parkingHandovers']],
    ['eng_head', ['home', 'queue', 'repairs', 'workOrders', 'priceList', 'repairKpi', 'repairPolicy']],
    ['eng_lead', ['home', 'queue', 'repairs', 'myJobs', 'workOrders', 'priceList']],
  ])('%s works its department queue, never writes residents', (role, items) => {
    const m = me([role])
    expect(nav(m)).toEqual(items)
    expect(can(m, 'residents_write', 1)).toBe(false)
    expect(can(m, 'cases_write', 1)).toBe(false)
    expect(can(m, 'cases_work', 1)).toBe(true)
  })

  it('car-park attendant works the gates, has no part in the desk, and lands at the booth', () => {
    const m = me(['parking_attendant'])
    expect(nav(m)).toEqual(['parkingBooth', 'parkingRegister', 'parkingHolds', 'parkingIncidents', 'parkingHandovers'])
    expect(landingPath(m, 1)).toBe('/parking/booth')
    expect(can(m, 'cases_read', 1)).toBe(false)
    expect(can(m, 'parking_work', 1)).toBe(true)
  })

  it('a technician lands at their jobs; anyone with a desk or lead role lands at home', () => {
    expect(landingPath(me(['technician']), 1)).toBe('/my-jobs')
    expect(landingPath(me(['technician', 'eng_lead']), 1)).toBe('/')
    expect(landingPath(me(['parking_attendant', 'security_lead']), 1)).toBe('/')
    expect(landingPath(me(['front_desk']), 1)).toBe('/')
    expect(landingPath(me(['site_manager'], true), 1)).toBe('/')
    expect(landingPath(me(['technician']), 2)).toBe('/')
  })

  it('only the security team lead and the site manager release held cars, sign handovers and keep the set-up (PK-8, PK-11)', () => {
    for (const p of ['parking_release', 'parking_admin'] as const) {
      expect(can(me(['parking_attendant']), p, 1)).toBe(false)
      expect(can(me(['finance']), p, 1)).toBe(false)
      expect(can(me(['security_lead']), p, 1)).toBe(true)
      expect(can(me(['site_manager']), p, 1)).toBe(true)
    }
    // PK-6: only a manager approves a free exit "approved by the company's management".
    expect(can(me(['site_manager']), 'parking_approve', 1)).toBe(true)
    for (const r of ['security_lead', 'parking_attendant', 'finance'] as const) expect(can(me([r]), 'parking_approve', 1)).toBe(false)
    // Finance reads the register and the handovers but works no gate.
    expect(can(me(['finance']), 'parking_read', 1)).toBe(true)
    expect(can(me(['finance']), 'parking_work', 1)).toBe(false)
    expect(can(me(['front_desk']), 'parking_read', 1)).toBe(false)
  })

  it('technician sees their jobs, work orders and prices, not residents nor cases', () => {
    const m = me(['technician'])
    expect(nav(m)).toEqual(['myJobs', 'workOrders', 'priceList'])
    expect(can(m, 'repairs_read', 1)).toBe(false)
    expect(can(m, 'repairs_assign', 1)).toBe(false)
    expect(can(m, 'residents_read', 1)).toBe(false)
    expect(can(m, 'cases_read', 1)).toBe(false)
  })

  it('butler records cases and sees KPIs but does not change the desk policy (FD-C, FD-I)', () => {
    const m = me(['butler'])
    expect(nav(m)).toEqual(['home', 'cases', 'queue', 'returnVisits', 'deskKpi', 'repairs', 'units', 'residents'])
    expect(can(m, 'desk_admin', 1)).toBe(false)
  })

  it('engineering assigns and inspects; only the head and the site manager keep the price list (MT-3.4)', () => {
    expect(can(me(['eng_lead']), 'repairs_assign', 1)).toBe(true)
    expect(can(me(['eng_lead']), 'repairs_write', 1)).toBe(false)
    expect(can(me(['eng_lead']), 'repairs_admin', 1)).toBe(false)
    expect(can(me(['eng_head']), 'repairs_admin', 1)).toBe(true)
    expect(can(me(['front_desk']), 'repairs_write', 1)).toBe(true)
    expect(can(me(['front_desk']), 'repairs_assign', 1)).toBe(false)
  })

  it('roles count only in their own site', () => {
    const m = me(['site_manager'], false, 1)
    expect(can(m, 'org_write', 2)).toBe(false)
    expect(nav(m, 2)).toEqual([])
  })

  it('nobody signed in sees nothing', () => {
    expect(visibleNav(null, 1)).toEqual([])
  })
})
