// A role's home page (GET /sites/{site}/home): each module's tiles for the caller's roles.
import { get } from './client'

/** Every tile and section the server sends (docs/openapi.yaml HomeTile); each has a label. */
export const HOME_TILE_KEYS = [
  'desk.recorded',
  'desk.visitsDue',
  'desk.overdue',
  'desk.open',
  'desk.complaints',
  'desk.escalated',
  'desk.complaintVisits',
  'desk.queue',
  'desk.queueOverdue',
  'repairs.myJobs',
  'repairs.toAssign',
  'repairs.immediateOpen',
  'repairs.late',
  'parking.held',
  'parking.freeRequests',
  'parking.handoversToSign',
  'parking.inside',
  'parking.takingsToday',
] as const
export const HOME_SECTIONS = ['desk', 'repairs', 'parking'] as const
export const HOME_PARTS = ['cash', 'electronic'] as const

export interface HomeTile {
  /** What it counts; labelled home.tile.<key>. */
  key: string
  value: number
  /** The value is cents. */
  money: boolean
  tone: '' | 'warning' | 'danger'
  /** The list behind the figure, with its filters. */
  link: string
  /** A capacity the value is out of. */
  of?: number
  /** A money tile by source (cash, electronic). */
  parts?: { key: string; value: number }[]
}

export interface HomeSection {
  key: 'desk' | 'repairs' | 'parking' | string
  tiles: HomeTile[]
}

export interface Home {
  date: string
  sections: HomeSection[]
}

export const home = {
  get: (siteId: number) => get<Home>(`/sites/${siteId}/home`),
}
