// The one way the web app talks to the server: JSON in and out, the server's error body turned
// into an ApiError, If-Match for edits, and one place that reacts to "not signed in" (401).

export interface ErrorBody {
  code: string
  message: string
  field?: string
  request_id?: string
  details?: unknown
  /** What a rule's refusal names ({plate}, {due_cents}, {status}…), for the message in the user's language. */
  params?: ErrorParams
}

export type ErrorParams = Record<string, string | number>

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  readonly requestId?: string
  readonly details?: unknown
  /** The refusal's parameters (empty when it has none). */
  readonly params: ErrorParams
  /** Seconds from Retry-After (429 throttling, 503 overload). */
  readonly retryAfter?: number

  constructor(status: number, body: ErrorBody, retryAfter?: number) {
    super(body.message)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    this.field = body.field || undefined
    this.requestId = body.request_id
    this.details = body.details
    this.params = body.params && typeof body.params === 'object' ? body.params : {}
    this.retryAfter = retryAfter
  }
}

/** Status 0: the request never got an HTTP answer (offline, server down). */
export const NETWORK_ERROR = 0

export interface RequestOptions {
  query?: Record<string, string | number | boolean | null | undefined>
  body?: unknown
  /** The record version the edit is based on; sent as If-Match: "<version>". */
  ifMatch?: number
  /** Raw body with its own content type (CSV import). */
  raw?: { body: BodyInit; contentType: string }
  /** A 401 here is expected (e.g. checking for a session) and must not send the user to login. */
  quiet401?: boolean
  signal?: AbortSignal
}

type UnauthorizedHandler = () => void
let onUnauthorized: UnauthorizedHandler = () => {}

/** Installed once by the router: what to do when the session is gone mid-work. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler
}

/** For requests made without api() (uploads with progress): the session is gone. */
export function reportUnauthorized(): void {
  onUnauthorized()
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const qs = params.toString()
  return '/api/v1' + path + (qs ? '?' + qs : '')
}

function retryAfterOf(headers: Headers): number | undefined {
  const v = headers.get('Retry-After')
  if (v === null) return undefined
  const n = Number.parseInt(v, 10)
  return Number.isFinite(n) && n >= 0 ? n : undefined
}

/** Reads the server's {"error": {...}}; anything else (a proxy's HTML page) becomes a generic error. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: ErrorBody = { code: 'http_' + res.status, message: res.statusText || 'HTTP ' + res.status }
  try {
    const parsed = (await res.json()) as { error?: ErrorBody }
    if (parsed && typeof parsed.error === 'object' && parsed.error) body = parsed.error
  } catch {
    // not JSON: keep the generic body
  }
  return new ApiError(res.status, body, retryAfterOf(res.headers))
}

export async function api<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  let body: BodyInit | undefined
  if (opts.raw) {
    headers['Content-Type'] = opts.raw.contentType
    body = opts.raw.body
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (opts.ifMatch !== undefined) headers['If-Match'] = `"${opts.ifMatch}"`

  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(NETWORK_ERROR, { code: 'network', message: String(e) })
  }
  if (!res.ok) {
    const err = await errorFromResponse(res)
    if (err.status === 401 && !opts.quiet401) onUnauthorized()
    throw err
  }
  if (res.status === 204) return undefined as T
  return (await res.json()) as T
}

export const get = <T>(path: string, opts?: RequestOptions) => api<T>('GET', path, opts)
export const post = <T>(path: string, body?: unknown, opts?: RequestOptions) => api<T>('POST', path, { ...opts, body })
export const patch = <T>(path: string, body: unknown, ifMatch: number) => api<T>('PATCH', path, { body, ifMatch })
export const put = <T>(path: string, body: unknown, ifMatch: number) => api<T>('PUT', path, { body, ifMatch })
export const del = <T>(path: string, opts?: RequestOptions) => api<T>('DELETE', path, opts)

/** Field name → the server's message, for the form item the error names (422, 409). */
export function fieldErrors(e: unknown): Record<string, string> {
  if (e instanceof ApiError && e.field && (e.status === 422 || e.status === 409 || e.status === 400)) {
    return { [e.field]: e.message }
  }
  return {}
}
