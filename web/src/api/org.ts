// The organisation routes: sites, areas, buildings, units, residents, departments, staff, devices.
import type { PageRequest } from '@/composables/useCursorList'
import { get, patch, post, put, del, api } from './client'
import type {
  Area,
  Building,
  Department,
  Device,
  Page,
  Relation,
  Resident,
  Site,
  Staff,
  StaffRole,
  Unit,
} from './types'

type Filters = Record<string, string | number | null | undefined>

/** One page of a list route: ?limit, cursor, q and sort, then the route's own filters. */
export const list = <T>(path: string, req: Partial<PageRequest>, filters: Filters = {}) =>
  get<Page<T>>(path, {
    query: { limit: req.limit ?? 50, cursor: req.cursor, q: req.q, sort: req.sort, ...filters },
  })

/** Every page of a list (for pickers over small lists such as a site's areas). */
export async function all<T>(path: string, filters: Filters = {}): Promise<T[]> {
  const out: T[] = []
  let cursor = ''
  do {
    const page = await list<T>(path, { limit: 200, cursor }, filters)
    out.push(...page.items)
    cursor = page.next_cursor ?? ''
  } while (cursor)
  return out
}

export const sites = {
  list: (req: Partial<PageRequest>) => list<Site>('/sites', req),
  get: (id: number) => get<Site>(`/sites/${id}`),
  create: (body: Pick<Site, 'code' | 'name' | 'time_zone' | 'currency'>) => post<Site>('/sites', body),
  update: (s: Site, body: Partial<Pick<Site, 'name' | 'time_zone' | 'currency'>>) => patch<Site>(`/sites/${s.id}`, body, s.version),
}

export const areas = {
  list: (siteId: number, req: Partial<PageRequest>, kind?: string) => list<Area>(`/sites/${siteId}/areas`, req, { kind }),
  all: (siteId: number) => all<Area>(`/sites/${siteId}/areas`),
  get: (id: number) => get<Area>(`/areas/${id}`),
  create: (siteId: number, body: Pick<Area, 'kind' | 'name'>) => post<Area>(`/sites/${siteId}/areas`, body),
  update: (a: Area, body: Partial<Pick<Area, 'kind' | 'name'>>) => patch<Area>(`/areas/${a.id}`, body, a.version),
}

export const buildings = {
  list: (siteId: number, req: Partial<PageRequest>, areaId?: number | null) =>
    list<Building>(`/sites/${siteId}/buildings`, req, { area_id: areaId }),
  all: (siteId: number) => all<Building>(`/sites/${siteId}/buildings`),
  get: (id: number) => get<Building>(`/buildings/${id}`),
  create: (siteId: number, body: Pick<Building, 'area_id' | 'name' | 'floors'>) =>
    post<Building>(`/sites/${siteId}/buildings`, body),
  update: (b: Building, body: Partial<Pick<Building, 'area_id' | 'name' | 'floors'>>) =>
    patch<Building>(`/buildings/${b.id}`, body, b.version),
}

export type UnitInput = Pick<Unit, 'number' | 'floor' | 'floor_area_m2'>

export const units = {
  list: (siteId: number, req: Partial<PageRequest>, buildingId?: number | null) =>
    list<Unit>(`/sites/${siteId}/units`, req, { building_id: buildingId }),
  get: (id: number) => get<Unit>(`/units/${id}`),
  create: (siteId: number, body: UnitInput & { building_id: number }) => post<Unit>(`/sites/${siteId}/units`, body),
  update: (u: Unit, body: Partial<UnitInput>) => patch<Unit>(`/units/${u.id}`, body, u.version),
}

export interface ResidentInput {
  name: string
  phones: string[]
  email: string
  notes: string
}

export const residents = {
  list: (siteId: number, req: Partial<PageRequest>, unitId?: number | null) =>
    list<Resident>(`/sites/${siteId}/residents`, req, { unit_id: unitId }),
  get: (id: number) => get<Resident>(`/residents/${id}`),
  create: (siteId: number, body: ResidentInput & { units: { unit_id: number; relation: Relation }[] }) =>
    post<Resident>(`/sites/${siteId}/residents`, body),
  update: (r: Resident, body: Partial<ResidentInput>) => patch<Resident>(`/residents/${r.id}`, body, r.version),
  link: (r: Resident, unitId: number, relation: Relation) =>
    put<Resident>(`/residents/${r.id}/units/${unitId}`, { relation }, r.version),
  unlink: (r: Resident, unitId: number) => del<Resident>(`/residents/${r.id}/units/${unitId}`, { ifMatch: r.version }),
}

export const departments = {
  list: (siteId: number, req: Partial<PageRequest>, kind?: string) =>
    list<Department>(`/sites/${siteId}/departments`, req, { kind }),
  all: (siteId: number) => all<Department>(`/sites/${siteId}/departments`),
  get: (id: number) => get<Department>(`/departments/${id}`),
  create: (siteId: number, body: Pick<Department, 'kind' | 'name'>) =>
    post<Department>(`/sites/${siteId}/departments`, body),
  update: (d: Department, body: Partial<Pick<Department, 'kind' | 'name'>>) =>
    patch<Department>(`/departments/${d.id}`, body, d.version),
}

export interface StaffInput {
  login: string
  name: string
  phone: string
  password: string
  language: Staff['language']
  system_admin: boolean
  roles: StaffRole[]
}
export type StaffUpdate = Partial<Pick<Staff, 'name' | 'phone' | 'language' | 'active' | 'system_admin'>> & {
  password?: string
}

export const staff = {
  list: (req: Partial<PageRequest>, siteId?: number | null) => list<Staff>('/users', req, { site_id: siteId }),
  get: (id: number) => get<Staff>(`/users/${id}`),
  create: (body: StaffInput) => post<Staff>('/users', body),
  update: (s: Staff, body: StaffUpdate) => patch<Staff>(`/users/${s.id}`, body, s.version),
  replaceRoles: (s: Staff, roles: StaffRole[]) => put<Staff>(`/users/${s.id}/roles`, { roles }, s.version),
}

export const devices = {
  list: (siteId: number, req: Partial<PageRequest>) => list<Device>(`/sites/${siteId}/devices`, req),
  create: (siteId: number, body: Pick<Device, 'name' | 'kind'>) => post<Device>(`/sites/${siteId}/devices`, body),
  revoke: (d: Device) => api<Device>('POST', `/devices/${d.id}/revoke`, { ifMatch: d.version }),
}
