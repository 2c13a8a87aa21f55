// Shapes of the server's JSON (see docs/openapi.yaml in the repository root).

export interface Page<T> {
  items: T[]
  next_cursor: string | null
  /** How many all pages hold, when the list was asked (`total=true`). */
  total?: number
}

export interface Stamped {
  id: number
  version: number
  created_at: string
  updated_at: string
}

/** Another record as one names it (a department, a member of staff). */
export interface Ref {
  id: number
  name: string
}

/** A step on a record's timeline (a case's, a repair's, a work order's). */
export interface TimelineEvent {
  id: number
  kind: string
  actor: Ref | null
  note: string
  at: string
}

/** Who is calling, as a case or a repair records it: a resident (by id) or a visitor by name. */
export interface CallerInput {
  unit_id?: number
  resident_id?: number
  caller_name?: string
  caller_phone?: string
}

export type Role =
  | 'system_admin'
  | 'site_manager'
  | 'cs_manager'
  | 'front_desk'
  | 'property_assistant'
  | 'butler'
  | 'eng_head'
  | 'eng_lead'
  | 'technician'
  | 'parking_attendant'
  | 'security_lead'
  | 'finance'

/** Roles a staff account can be given per site (system admin is a flag, not a site role). */
export const SITE_ROLES: Role[] = [
  'site_manager',
  'cs_manager',
  'front_desk',
  'property_assistant',
  'butler',
  'eng_head',
  'eng_lead',
  'technician',
  'parking_attendant',
  'security_lead',
  'finance',
]

export type Language = 'zh-TW' | 'zh-CN' | 'en'

export interface MySite {
  id: number
  name: string
  time_zone: string
  currency: string
  roles: Role[]
}

export interface Me {
  id: number
  login: string
  name: string
  language: Language
  system_admin: boolean
  sites: MySite[]
}

export interface Site extends Stamped {
  company_id: number
  code: string
  name: string
  time_zone: string
  currency: string
}

export const AREA_KINDS = ['building', 'district', 'sales_centre', 'clubhouse', 'car_park'] as const
export type AreaKind = (typeof AREA_KINDS)[number]

export interface Area extends Stamped {
  site_id: number
  kind: AreaKind
  name: string
}

export interface Building extends Stamped {
  site_id: number
  area_id: number
  name: string
  floors: number
}

export const RELATIONS = ['owner', 'tenant', 'occupant'] as const
export type Relation = (typeof RELATIONS)[number]

export interface UnitResident {
  resident_id: number
  name: string
  phones: string[]
  relation: Relation
}

export interface Unit extends Stamped {
  site_id: number
  building_id: number
  building_name: string
  number: string
  floor: number
  floor_area_m2: number
  /** Only on GET /units/{id} and after edits. */
  residents?: UnitResident[]
}

export interface ResidentUnit {
  unit_id: number
  building_name: string
  unit_number: string
  relation: Relation
}

export interface Resident extends Stamped {
  site_id: number
  name: string
  phones: string[]
  email: string
  notes: string
  units: ResidentUnit[]
}

export const DEPARTMENT_KINDS = [
  'customer_service',
  'engineering',
  'security',
  'cleaning',
  'greening',
  'finance',
  'admin',
  'other',
] as const
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number]

export interface Department extends Stamped {
  site_id: number
  kind: DepartmentKind
  name: string
}

export interface StaffRole {
  site_id: number
  role: Role
  department_id: number | null
}

export interface Staff extends Stamped {
  login: string
  name: string
  phone: string
  language: Language
  system_admin: boolean
  active: boolean
  roles: StaffRole[]
}

export const DEVICE_KINDS = ['gate_camera', 'gate_controller', 'other'] as const
export type DeviceKind = (typeof DEVICE_KINDS)[number]

export interface Device extends Stamped {
  site_id: number
  name: string
  kind: DeviceKind
  active: boolean
  last_seen_at: string | null
  /** Only in the answer to registering it: shown once, never again. */
  token?: string
}

export interface AuditEntry {
  id: number
  entity: string
  entity_id: number
  action: string
  actor_name: string
  actor_user_id: number | null
  actor_device_id: number | null
  at: string
  request_id: string
  site_id: number | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

export interface ImportRowError {
  line: number
  field: string
  message: string
}

export interface Notification {
  id: number
  kind: string
  title: string
  body: string
  link: string | null
  created_at: string
  read: boolean
}
