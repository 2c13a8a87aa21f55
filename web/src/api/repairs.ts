// The repair module's routes (docs/repairs-api.md): the register and flow sheet with its steps
// (each a POST with If-Match), the technician's jobs, uploads, the price list, work orders, the
// repair policy and the KPIs.
import type { PageRequest } from '@/composables/useCursorList'
import { api, buildUrl, get, post, put } from './client'
import type {
  FileKind,
  PriceItem,
  PriceItemInput,
  Repair,
  RepairAction,
  RepairCreate,
  RepairDetail,
  RepairKpi,
  RepairPolicy,
  UploadedFile,
  WorkOrder,
  WorkOrderAction,
  WorkOrderCreate,
  WorkOrderDetail,
  Worker,
} from './repairTypes'
import type { Page } from './types'

export interface RepairFilters {
  status?: string
  mode?: string
  technician_id?: number
  unit_id?: number
  from?: string
  to?: string
  overdue?: 'true' | ''
}

/** The repair lists page with ?cursor= and answer next_cursor. */
async function paged<T>(path: string, req: Partial<PageRequest>, filters: object): Promise<Page<T>> {
  return get<Page<T>>(path, {
    query: { limit: req.limit ?? 50, cursor: req.cursor, q: req.q, ...(filters as Record<string, string>) },
  })
}

/** URL path segment of a step (the action names use underscores, the paths dashes). */
const stepPath = (a: string) => a.replace(/_/g, '-')

export const repairs = {
  list: (siteId: number, req: Partial<PageRequest>, filters: RepairFilters = {}) =>
    paged<Repair>(`/sites/${siteId}/repairs`, req, { ...filters, total: req.total ? 'true' : undefined }),
  get: (id: number) => get<RepairDetail>(`/repairs/${id}`),
  create: (siteId: number, body: RepairCreate) => post<RepairDetail>(`/sites/${siteId}/repairs`, body),
  act: (r: Pick<Repair, 'id' | 'version'>, action: RepairAction, body: Record<string, unknown>) =>
    api<RepairDetail>('POST', `/repairs/${r.id}/${stepPath(action)}`, { body, ifMatch: r.version }),
  /** A phone screen of the technician's open jobs at a time (20); `cursor` is the last page's next_cursor. */
  myJobs: (siteId: number, all = false, cursor?: string) =>
    get<Page<Repair>>(`/sites/${siteId}/my-jobs`, { query: { all: all ? 'true' : undefined, cursor } }),
}

/** Raw bytes (a signature PNG, a receipt photo); the server checks the type by the bytes. */
export function uploadFile(siteId: number, kind: FileKind, file: Blob): Promise<UploadedFile> {
  return api<UploadedFile>('POST', `/sites/${siteId}/files`, {
    query: { kind },
    raw: { body: file, contentType: file.type || 'application/octet-stream' },
  })
}

/** Where an uploaded file is shown from (an <img>, with the session cookie). */
export const fileUrl = (id: number) => buildUrl(`/files/${id}`)

export const priceItems = {
  list: (siteId: number, all = false) =>
    get<{ items: PriceItem[] }>(`/sites/${siteId}/price-items`, { query: { all: all ? 'true' : undefined } }),
  create: (siteId: number, body: PriceItemInput) => post<PriceItem>(`/sites/${siteId}/price-items`, body),
  /** A new version (a new id) of the item. */
  update: (p: PriceItem, body: Partial<PriceItemInput>) => put<PriceItem>(`/price-items/${p.id}`, body, p.version),
  retire: (p: PriceItem) => api<PriceItem>('POST', `/price-items/${p.id}/retire`, { ifMatch: p.version }),
  versions: (p: PriceItem) => get<{ items: PriceItem[] }>(`/price-items/${p.id}/versions`),
}

export interface WorkOrderFilters {
  status?: string
  technician_id?: number
}

export const workOrders = {
  list: (siteId: number, req: Partial<PageRequest>, filters: WorkOrderFilters = {}) =>
    paged<WorkOrder>(`/sites/${siteId}/work-orders`, req, filters),
  get: (id: number) => get<WorkOrderDetail>(`/work-orders/${id}`),
  create: (siteId: number, body: WorkOrderCreate) => post<WorkOrderDetail>(`/sites/${siteId}/work-orders`, body),
  act: (w: Pick<WorkOrder, 'id' | 'version'>, action: WorkOrderAction, body: Record<string, unknown>) =>
    api<WorkOrderDetail>('POST', `/work-orders/${w.id}/${stepPath(action)}`, { body, ifMatch: w.version }),
}

export type RepairPolicyInput = Pick<RepairPolicy, 'return_visit_hours' | 'return_visit_percent' | 'min_wait_minutes'>

export const repairPolicy = {
  get: (siteId: number) => get<RepairPolicy>(`/sites/${siteId}/repair-policy`),
  put: (siteId: number, body: RepairPolicyInput, version: number) =>
    put<RepairPolicy>(`/sites/${siteId}/repair-policy`, body, version),
}

export const repairKpi = {
  get: (siteId: number, from: string, to: string) => get<RepairKpi>(`/sites/${siteId}/repair-kpi`, { query: { from, to } }),
  /** The same figures as a workbook; a plain link, so the browser downloads it with the session cookie. */
  xlsxUrl: (siteId: number, from: string, to: string) => buildUrl(`/sites/${siteId}/repair-kpi.xlsx`, { from, to }),
}

/** The site's technicians and engineering team leads with their load, for the assign and work-order pickers. */
export async function technicians(siteId: number): Promise<Worker[]> {
  return (await get<{ items: Worker[] }>(`/sites/${siteId}/technicians`)).items
}
