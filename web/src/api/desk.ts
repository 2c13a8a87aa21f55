// The service desk's routes: cases and their steps (each a POST with If-Match), return visits,
// the site's desk policy and the KPIs.
import type { PageRequest } from '@/composables/useCursorList'
import { api, buildUrl, get, post, put } from './client'
import type {
  Case,
  CaseAction,
  CaseCreate,
  CaseDetail,
  CaseRow,
  DeadlineHours,
  DeskKpi,
  DeskPolicy,
  ReturnVisit,
} from './deskTypes'
import type { Page } from './types'

/** The list filters, as the server names them (empty values are left out of the query). */
export interface CaseFilters {
  status?: string
  category?: string
  department_id?: string | number
  unit_id?: number | null
  phone?: string
  from?: string
  to?: string
  overdue?: 'true' | ''
  queue?: 'mine' | ''
}

/** URL path segment of each step (the action names use underscores, the paths dashes). */
const actionPath = (a: CaseAction) => a.replace(/_/g, '-')

export const cases = {
  list: (siteId: number, req: Partial<PageRequest>, filters: CaseFilters = {}) =>
    get<Page<CaseRow>>(`/sites/${siteId}/cases`, {
      query: { limit: req.limit ?? 50, cursor: req.cursor, q: req.q, sort: req.sort, total: req.total ? 'true' : undefined, ...filters },
    }),
  /** The list as an xlsx workbook, with its filters and search. */
  xlsxUrl: (siteId: number, filters: CaseFilters & { q?: string }) => buildUrl(`/sites/${siteId}/cases.xlsx`, { ...filters }),
  get: (id: number) => get<CaseDetail>(`/cases/${id}`),
  create: (siteId: number, body: CaseCreate) => post<CaseDetail>(`/sites/${siteId}/cases`, body),
  /** One step of the lifecycle, based on the version the user is looking at. */
  act: (c: Pick<Case, 'id' | 'version'>, action: CaseAction, body: Record<string, unknown>) =>
    api<CaseDetail>('POST', `/cases/${c.id}/${actionPath(action)}`, { body, ifMatch: c.version }),
}

export const returnVisits = {
  list: (
    siteId: number,
    req: Partial<PageRequest>,
    filters: { status?: string; outcome?: string; category?: string; overdue?: 'true' | '' } = {},
  ) =>
    get<Page<ReturnVisit>>(`/sites/${siteId}/return-visits`, {
      query: { limit: req.limit ?? 50, cursor: req.cursor, sort: req.sort, total: req.total ? 'true' : undefined, ...filters },
    }),
}

export interface DeskPolicyInput {
  return_visit_hours: number
  max_unreachable: number
  deadline_hours: DeadlineHours
}

export const deskPolicy = {
  get: (siteId: number) => get<DeskPolicy>(`/sites/${siteId}/desk/policy`),
  /** Version 0 is a site still on the defaults. */
  put: (siteId: number, body: DeskPolicyInput, version: number) =>
    put<DeskPolicy>(`/sites/${siteId}/desk/policy`, body, version),
}

export const deskKpi = {
  get: (siteId: number, from: string, to: string) =>
    get<DeskKpi>(`/sites/${siteId}/desk/kpi`, { query: { from, to } }),
  /** The same figures as a workbook; a plain link, so the browser downloads it with the session cookie. */
  xlsxUrl: (siteId: number, from: string, to: string) => buildUrl(`/sites/${siteId}/desk/kpi.xlsx`, { from, to }),
}
