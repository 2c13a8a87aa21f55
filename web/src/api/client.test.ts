// The API client turns the server's error body into ApiError, puts field errors on their field,
// and sends a signed-out user to login (and back).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, buildUrl, fieldErrors, NETWORK_ERROR, setUnauthorizedHandler } from './client'
import { describeError } from './messages'
import { loginLocation, safeRedirect } from '@/router/redirect'

function reply(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}
const errorBody = (code: string, message: string, field?: string) => ({
  error: { code, message, field, request_id: 'req-1' },
})

const fetchMock = vi.fn<typeof fetch>()
const unauthorized = vi.fn()
beforeEach(() => {
  fetchMock.mockReset()
  unauthorized.mockReset()
  vi.stubGlobal('fetch', fetchMock)
  setUnauthorizedHandler(unauthorized)
})
afterEach(() => vi.unstubAllGlobals())

const t = (key: string, named?: Record<string, unknown>) => (named ? `${key} ${JSON.stringify(named)}` : key)
const te = () => false

describe('api()', () => {
  it('sends JSON with If-Match and reads the answer', async () => {
    fetchMock.mockResolvedValue(reply(200, { id: 3, version: 8 }))
    const out = await api<{ id: number }>('PATCH', '/units/3', { body: { floor: 2 }, ifMatch: 7 })
    expect(out).toEqual({ id: 3, version: 8 })
    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/api/v1/units/3')
    expect(init?.method).toBe('PATCH')
    expect(init?.body).toBe('{"floor":2}')
    expect((init?.headers as Record<string, string>)['If-Match']).toBe('"7"')
  })

  it('leaves empty query parameters out', () => {
    expect(buildUrl('/sites/1/units', { q: '', sort: '-number', cursor: undefined, building_id: null, limit: 50 })).toBe(
      '/api/v1/sites/1/units?sort=-number&limit=50',
    )
  })

  it('maps a 422 onto the field it names', async () => {
    fetchMock.mockResolvedValue(reply(422, errorBody('validation_failed', 'phone must be 8–15 digits', 'phones')))
    const err = await api('POST', '/sites/1/residents', { body: {} }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 422, code: 'validation_failed', field: 'phones', requestId: 'req-1' })
    expect(fieldErrors(err)).toEqual({ phones: 'phone must be 8–15 digits' })
    // The server's English sentence never reaches the screen: without a translation, what a 422 means.
    expect(describeError(err, t, te)).toBe('errors.invalid')
  })

  it('maps a 409 duplicate onto its field too', async () => {
    fetchMock.mockResolvedValue(reply(409, errorBody('conflict', 'a site with this code already exists', 'code')))
    const err = await api('POST', '/sites').catch((e: unknown) => e)
    expect(fieldErrors(err)).toEqual({ code: 'a site with this code already exists' })
  })

  it('has no field errors for errors without a field', async () => {
    fetchMock.mockResolvedValue(reply(412, errorBody('version_mismatch', 'the record was changed')))
    const err = await api('PATCH', '/units/1', { ifMatch: 1 }).catch((e: unknown) => e)
    expect(fieldErrors(err)).toEqual({})
    expect(describeError(err, t, te)).toBe('errors.stale')
  })

  it('reads Retry-After of a 429', async () => {
    fetchMock.mockResolvedValue(reply(429, errorBody('throttled', 'wait'), { 'Retry-After': '42' }))
    const err = await api('POST', '/session', { quiet401: true }).catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 429, retryAfter: 42 })
    expect(describeError(err, t, te)).toBe('errors.throttled {"seconds":42}')
  })

  it('survives a body that is not the server error JSON', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    const err = await api('GET', '/me').catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 502, code: 'http_502' })
    expect(describeError(err, t, te)).toBe('errors.server {"id":"-"}')
  })

  it('reports a network failure as status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const err = await api('GET', '/me').catch((e: unknown) => e)
    expect(err).toMatchObject({ status: NETWORK_ERROR, code: 'network' })
    expect(describeError(err, t, te)).toBe('errors.network')
  })

  it('calls the sign-in handler on 401', async () => {
    fetchMock.mockResolvedValue(reply(401, errorBody('unauthenticated', 'sign in first')))
    await expect(api('GET', '/sites/1/units')).rejects.toMatchObject({ status: 401 })
    expect(unauthorized).toHaveBeenCalledOnce()
  })

  it('does not redirect when a 401 is expected (wrong password, session check)', async () => {
    fetchMock.mockResolvedValue(reply(401, errorBody('bad_credentials', 'wrong login or password')))
    await expect(api('POST', '/session', { quiet401: true })).rejects.toMatchObject({ code: 'bad_credentials' })
    expect(unauthorized).not.toHaveBeenCalled()
  })

  it('returns nothing for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }))
    await expect(api('DELETE', '/session')).resolves.toBeUndefined()
  })
})

describe('login redirect', () => {
  it('remembers where the user was', () => {
    expect(loginLocation('/units/12?tab=residents')).toEqual({ path: '/login', query: { redirect: '/units/12?tab=residents' } })
    expect(loginLocation('/')).toEqual({ path: '/login' })
    expect(loginLocation('/login?redirect=/x')).toEqual({ path: '/login' })
  })

  it('returns only to paths inside the app', () => {
    expect(safeRedirect('/units/12?tab=residents')).toBe('/units/12?tab=residents')
    expect(safeRedirect(['/staff'])).toBe('/staff')
    expect(safeRedirect('//evil.example/')).toBe('/')
    expect(safeRedirect('/\\evil.example')).toBe('/')
    expect(safeRedirect('https://evil.example/')).toBe('/')
    expect(safeRedirect('/login')).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
  })
})
