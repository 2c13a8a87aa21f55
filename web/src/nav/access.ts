// What the signed-in user may use, derived from GET /me the same way the server decides
// (src/platform/auth/permissions.cpp: role_allows). The server still checks every request;
// this only keeps the navigation from offering what would answer 403.
import type { Me, Role } from '@/api/types'

export type Permission =
  | 'org_read'
  | 'org_write'
  | 'residents_read'
  | 'residents_write'
  | 'staff_read'
  | 'staff_admin'
  | 'sites_admin'
  | 'import_data'
  | 'devices_admin'
  | 'cases_read'
  | 'cases_write'
  | 'cases_work'
  | 'desk_kpi'
  | 'desk_admin'
  | 'repairs_read'
  | 'repairs_write'
  | 'repairs_assign'
  | 'repairs_work'
  | 'repairs_admin'
  | 'repair_kpi'
  | 'parking_read'
  | 'parking_work'
  | 'parking_release'
  | 'parking_admin'
  | 'parking_approve'

const ROLES_FOR: Record<Permission, Role[] | 'any'> = {
  org_read: 'any',
  org_write: ['site_manager'],
  import_data: ['site_manager'],
  devices_admin: ['site_manager'],
  // Technicians see units but not who lives there.
  residents_read: ['site_manager', 'cs_manager', 'front_desk', 'property_assistant', 'butler', 'eng_head', 'eng_lead', 'parking_attendant', 'security_lead', 'finance'],
  residents_write: ['site_manager', 'cs_manager', 'front_desk', 'property_assistant', 'butler'],
  staff_read: ['site_manager', 'cs_manager'],
  staff_admin: [],
  sites_admin: [],
  // The service desk (FD-A…D, I). Technicians and car-park attendants have no part in it.
  cases_read: ['site_manager', 'cs_manager', 'front_desk', 'property_assistant', 'butler', 'eng_head', 'eng_lead', 'security_lead', 'finance'],
  cases_write: ['site_manager', 'cs_manager', 'front_desk', 'property_assistant', 'butler'],
  desk_kpi: ['site_manager', 'cs_manager', 'front_desk', 'property_assistant', 'butler'],
  desk_admin: ['site_manager', 'cs_manager'],
  // Department work on a case; the server then checks the case is with the user's department.
  cases_work: ['site_manager', 'cs_manager', 'front_desk', 'property_assistant', 'butler', 'eng_head', 'eng_lead', 'security_lead', 'finance'],
  // Repairs (MT-1 … MT-5.0): the desk registers and rebooks, engineering assigns and inspects,
  // technicians work their own jobs.
  repairs_read: ['site_manager', 'cs_manager', 'front_desk', 'property_assistant', 'butler', 'eng_head', 'eng_lead', 'finance'],
  repairs_write: ['site_manager', 'cs_manager', 'front_desk', 'property_assistant', 'butler', 'eng_head'],
  repairs_assign: ['site_manager', 'eng_head', 'eng_lead'],
  repairs_work: ['site_manager', 'eng_head', 'eng_lead', 'technician'],
  repairs_admin: ['site_manager', 'eng_head'],
  repair_kpi: ['site_manager', 'eng_head', 'cs_manager'],
  // The car park (PK-1 … PK-11): attendants work the gates, the security team lead releases held
  // cars and signs the shift handover and keeps the set-up; finance reads.
  parking_read: ['site_manager', 'security_lead', 'parking_attendant', 'finance'],
  parking_work: ['site_manager', 'security_lead', 'parking_attendant'],
  parking_release: ['site_manager', 'security_lead'],
  parking_admin: ['site_manager', 'security_lead'],
  // PK-6: a free exit "approved by the company's management" is a manager's decision, never the
  // car park's own staff's.
  parking_approve: ['site_manager'],
}

/** May `me` do `perm` in `siteId`? A system admin may do everything everywhere. */
export function can(me: Me | null, perm: Permission, siteId: number | null): boolean {
  if (!me) return false
  if (me.system_admin) return true
  const site = me.sites.find((s) => s.id === siteId)
  if (!site) return false
  const allowed = ROLES_FOR[perm]
  return allowed === 'any' ? site.roles.length > 0 : site.roles.some((r) => allowed.includes(r))
}

export interface NavItem {
  /** Route name; also the i18n key nav.<name>. */
  name: string
  path: string
  icon: string
  /** Any one of these lets the user open the page. */
  needs: Permission[]
  /**
   * The roles whose day uses the page: only they see it in the menu (a system admin sees all).
   * Others who may open it still can, from a link. Absent: everyone who may open it.
   */
  uses?: Role[]
  /** `settings`: set-up pages, folded under one entry so the day's pages stay in sight. */
  group: 'main' | 'desk' | 'repairs' | 'parking' | 'org' | 'settings'
}

const DESK: Role[] = ['site_manager', 'cs_manager', 'front_desk', 'property_assistant', 'butler']
// Those who work cases sent to their department rather than recording them (FD-B).
const DEPARTMENTS: Role[] = ['cs_manager', 'property_assistant', 'butler', 'eng_head', 'eng_lead', 'security_lead', 'finance']
const GATES: Role[] = ['site_manager', 'security_lead', 'parking_attendant']
// Whose day does not start at the booth or at their own job list.
const HOME: Role[] = [...DESK, 'eng_head', 'eng_lead', 'security_lead', 'finance']

export const NAV_ITEMS: NavItem[] = [
  { name: 'home', path: '/', icon: 'House', needs: [], uses: HOME, group: 'main' },
  { name: 'cases', path: '/cases', icon: 'Tickets', needs: ['cases_read'], uses: DESK, group: 'desk' },
  { name: 'queue', path: '/queue', icon: 'List', needs: ['cases_work'], uses: DEPARTMENTS, group: 'desk' },
  { name: 'returnVisits', path: '/return-visits', icon: 'Phone', needs: ['cases_read'], uses: DESK, group: 'desk' },
  { name: 'deskKpi', path: '/desk/kpi', icon: 'DataLine', needs: ['desk_kpi'], group: 'desk' },
  { name: 'repairs', path: '/repairs', icon: 'Tools', needs: ['repairs_read'], uses: [...DESK, 'eng_head', 'eng_lead'], group: 'repairs' },
  { name: 'myJobs', path: '/my-jobs', icon: 'Iphone', needs: ['repairs_work'], uses: ['technician', 'eng_lead'], group: 'repairs' },
  { name: 'workOrders', path: '/work-orders', icon: 'Document', needs: ['repairs_read', 'repairs_work'], uses: ['site_manager', 'eng_head', 'eng_lead', 'technician'], group: 'repairs' },
  { name: 'priceList', path: '/repairs/prices', icon: 'PriceTag', needs: ['repairs_read', 'repairs_work'], uses: ['site_manager', 'front_desk', 'property_assistant', 'eng_head', 'eng_lead', 'technician'], group: 'repairs' },
  { name: 'repairKpi', path: '/repairs/kpi', icon: 'TrendCharts', needs: ['repair_kpi'], group: 'repairs' },
  { name: 'parkingBooth', path: '/parking/booth', icon: 'Van', needs: ['parking_read'], uses: ['security_lead', 'parking_attendant'], group: 'parking' },
  { name: 'parkingRegister', path: '/parking/register', icon: 'Notebook', needs: ['parking_read'], group: 'parking' },
  { name: 'parkingApprovals', path: '/parking/approvals', icon: 'Stamp', needs: ['parking_release', 'parking_approve'], group: 'parking' },
  { name: 'parkingHolds', path: '/parking/holds', icon: 'Lock', needs: ['parking_read'], uses: GATES, group: 'parking' },
  { name: 'parkingIncidents', path: '/parking/incidents', icon: 'Warning', needs: ['parking_read'], uses: GATES, group: 'parking' },
  { name: 'parkingHandovers', path: '/parking/handovers', icon: 'Switch', needs: ['parking_read'], uses: [...GATES, 'finance'], group: 'parking' },
  { name: 'parkingPeak', path: '/parking/peak', icon: 'Histogram', needs: ['parking_read'], uses: ['site_manager', 'security_lead'], group: 'parking' },
  { name: 'units', path: '/units', icon: 'OfficeBuilding', needs: ['org_read'], uses: DESK, group: 'org' },
  { name: 'residents', path: '/residents', icon: 'User', needs: ['residents_read'], uses: DESK, group: 'org' },
  { name: 'staff', path: '/staff', icon: 'Avatar', needs: ['staff_read'], group: 'org' },
  { name: 'deskPolicy', path: '/desk/policy', icon: 'Setting', needs: ['desk_admin'], group: 'settings' },
  { name: 'repairPolicy', path: '/repairs/policy', icon: 'Operation', needs: ['repairs_admin'], group: 'settings' },
  { name: 'parkingCards', path: '/parking/cards', icon: 'CreditCard', needs: ['parking_admin'], group: 'settings' },
  { name: 'parkingSetup', path: '/parking/setup', icon: 'SetUp', needs: ['parking_admin'], group: 'settings' },
  { name: 'buildings', path: '/buildings', icon: 'School', needs: ['org_write'], group: 'settings' },
  { name: 'areas', path: '/areas', icon: 'MapLocation', needs: ['org_write'], group: 'settings' },
  { name: 'departments', path: '/departments', icon: 'Collection', needs: ['org_write'], group: 'settings' },
  { name: 'sites', path: '/sites', icon: 'Location', needs: ['sites_admin', 'org_write'], group: 'settings' },
  { name: 'devices', path: '/devices', icon: 'VideoCamera', needs: ['devices_admin'], group: 'settings' },
  { name: 'import', path: '/import', icon: 'Upload', needs: ['import_data'], group: 'settings' },
]

/** The roles `me` holds in the site (a system admin's none: they see everything). */
function rolesIn(me: Me | null, siteId: number | null): Role[] {
  return me?.sites.find((s) => s.id === siteId)?.roles ?? []
}

/**
 * Where a role's day starts after signing in: the attendant at the booth, a technician at their
 * jobs, everyone else on the home page of what they must do today.
 */
export function landingPath(me: Me | null, siteId: number | null): string {
  if (!me || me.system_admin) return '/'
  const roles = rolesIn(me, siteId)
  if (roles.length === 0 || roles.some((r) => HOME.includes(r))) return '/'
  if (roles.includes('parking_attendant')) return '/parking/booth'
  if (roles.includes('technician')) return '/my-jobs'
  return '/'
}

export function canOpen(me: Me | null, needs: readonly Permission[] | undefined, siteId: number | null): boolean {
  return !needs || needs.length === 0 || needs.some((p) => can(me, p, siteId))
}

/** The navigation entries of `me`'s day in the current site that they may open, in menu order. */
export function visibleNav(me: Me | null, siteId: number | null): NavItem[] {
  if (!me) return []
  const roles = rolesIn(me, siteId)
  if (!me.system_admin && roles.length === 0) return []
  const used = (item: NavItem) => me.system_admin || !item.uses || roles.some((r) => item.uses!.includes(r))
  return NAV_ITEMS.filter((item) => canOpen(me, item.needs, siteId) && used(item))
}
