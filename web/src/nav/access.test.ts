// Which navigation entries each role sees (mirrors the server's permissions.cpp).
import { describe, expect, it } from 'vitest'
import type { Me, Role } from '@/api/types'
import { can, visibleNav } from './access'

const me = (roles: Role[], system_admin = false, siteId = 1): Me => ({
  id: 9,
  login: 'x',
  name: 'X',
  language: 'zh-TW',
  system_admin,
  sites: [{ id: siteId, name: 'S', time_zone: 'Asia/Hong_Kong', currency: 'HKD', roles }],
})
const nav = (m: Me, site = 1) => visibleNav(m, site).map((i) => i.name)
const ORG = ['dashboard', 'units', 'residents', 'buildings', 'areas', 'departments']
// The desk's, the repairs' and the car park's entries sit between the overview and the property pages.
const withDesk = (desk: string[], repairs: string[] = [], rest = ORG, parking: string[] = []) => [rest[0]!, ...desk, ...repairs, ...parking, ...rest.slice(1)]
const DESK_ALL = ['cases', 'queue', 'returnVisits', 'deskKpi', 'deskPolicy']
const DESK_STAFF = ['cases', 'queue', 'returnVisits', 'deskKpi']
const DEPARTMENT = ['cases', 'queue', 'returnVisits']
const REPAIRS_ALL = ['repairs', 'myJobs', 'workOrders', 'priceList', 'repairKpi', 'repairPolicy']
const REPAIRS_READ = ['repairs', 'workOrders', 'priceList']
const PARKING = ['parkingBooth', 'parkingRegister', 'parkingApprovals', 'parkingHolds', 'parkingIncidents', 'parkingHandovers', 'parkingPeak', 'parkingCards', 'parkingSetup']
// Free-exit approvals are for those who decide them: managers and the security team lead (PK-6).
const PARKING_READ = PARKING.filter((n) => n !== 'parkingApprovals')

describe('navigation by role', () => {
  it('system admin sees everything', () => {
    expect(nav(me(['system_admin'], true))).toEqual([...withDesk(DESK_ALL, REPAIRS_ALL, ORG, PARKING), 'sites', 'staff', 'devices', 'import'])
  })

  it('site manager administers the site but not staff accounts or new sites', () => {
    const m = me(['site_manager'])
    expect(nav(m)).toEqual([...withDesk(DESK_ALL, REPAIRS_ALL, ORG, PARKING), 'sites', 'staff', 'devices', 'import'])
    expect(can(m, 'staff_admin', 1)).toBe(false)
    expect(can(m, 'sites_admin', 1)).toBe(false)
    expect(can(m, 'org_write', 1)).toBe(true)
  })

  it('customer-department manager reads staff, administers nothing', () => {
    expect(nav(me(['cs_manager']))).toEqual([...withDesk(DESK_ALL, [...REPAIRS_READ, 'repairKpi']), 'staff'])
  })

  it('front desk sees the property pages and writes residents only', () => {
    const m = me(['front_desk'])
    expect(nav(m)).toEqual(withDesk(DESK_STAFF, REPAIRS_READ))
    expect(can(m, 'residents_write', 1)).toBe(true)
    expect(can(m, 'org_write', 1)).toBe(false)
    expect(can(m, 'staff_read', 1)).toBe(false)
  })

  it.each<[Role, string[], string[]]>([
    ['security_lead', [], PARKING],
    ['finance', REPAIRS_READ, PARKING_READ],
    ['eng_head', REPAIRS_ALL, []],
    ['eng_lead', ['repairs', 'myJobs', 'workOrders', 'priceList'], []],
  ])('%s works its department queue, never writes residents', (role, repairs, parking) => {
    const m = me([role])
    expect(nav(m)).toEqual(withDesk(DEPARTMENT, repairs, ORG, parking))
    expect(can(m, 'residents_write', 1)).toBe(false)
    expect(can(m, 'cases_write', 1)).toBe(false)
    expect(can(m, 'cases_work', 1)).toBe(true)
  })

  it('car-park attendant reads residents and works the car park, but has no part in the desk', () => {
    const m = me(['parking_attendant'])
    expect(nav(m)).toEqual(withDesk([], [], ORG, PARKING_READ))
    expect(can(m, 'cases_read', 1)).toBe(false)
    expect(can(m, 'parking_work', 1)).toBe(true)
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

  it('technician sees units and their jobs but not residents nor cases', () => {
    const m = me(['technician'])
    expect(nav(m)).toEqual(withDesk([], ['myJobs', 'workOrders', 'priceList'], ORG.filter((n) => n !== 'residents')))
    expect(can(m, 'repairs_read', 1)).toBe(false)
    expect(can(m, 'repairs_assign', 1)).toBe(false)
    expect(can(m, 'residents_read', 1)).toBe(false)
    expect(can(m, 'cases_read', 1)).toBe(false)
  })

  it('butler records cases and sees KPIs but does not change the desk policy (FD-C, FD-I)', () => {
    const m = me(['butler'])
    expect(nav(m)).toEqual(withDesk(DESK_STAFF, REPAIRS_READ))
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
