// (a) Wrong password → a clear message; then sign in as admin; an expired session returns the
// user to where they were after signing in again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openBrowser, shot, signIn, signOut, type Browser } from './support'

let b: Browser
beforeAll(async () => {
  b = await openBrowser()
})
afterAll(() => b?.close())

describe('sign-in', () => {
  it('sends a visitor to the login page', async () => {
    await b.page.goto('/')
    await b.page.waitForURL(/\/login/)
    await expect.poll(() => b.page.locator('h1').textContent()).toBe('登入')
    await shot(b.page, 'login-page')
  })

  it('says so when the password is wrong', async () => {
    await b.page.locator('input[data-test=login]').fill('admin')
    await b.page.locator('input[data-test=password]').fill('not-the-password')
    await b.page.locator('[data-test=sign-in]').click()
    const error = b.page.locator('[data-test=login-error]')
    await error.waitFor()
    expect(await error.textContent()).toContain('帳號或密碼錯誤')
    expect(b.page.url()).toContain('/login')
    await shot(b.page, 'login-wrong-password')
  })

  it('signs in as admin and shows the demo site home', async () => {
    await signIn(b.page, 'admin')
    expect(new URL(b.page.url()).pathname).toBe('/')
    // The system admin keeps the system, not a desk or a gate: nothing waits for them today.
    await b.page.locator('[data-test=home-empty]').waitFor()
    await shot(b.page, 'home-admin')
  })

  it('returns to the page the user was on after the session ended', async () => {
    await b.page.goto('/units?building=2')
    await b.page.locator('[data-test=units-table] tbody tr').first().waitFor()
    // The session ends server-side (as when it expires): the next request answers 401.
    await b.context.clearCookies()
    await b.page.locator('input[data-test=search]').fill('5A')
    await b.page.waitForURL(/\/login\?redirect=/)
    expect(decodeURIComponent(new URL(b.page.url()).searchParams.get('redirect') ?? '')).toBe('/units?building=2')
    await shot(b.page, 'login-session-ended')
    await signIn(b.page, 'admin')
    expect(new URL(b.page.url()).pathname + new URL(b.page.url()).search).toBe('/units?building=2')
  })

  it('signs out', async () => {
    await signOut(b.page)
    await b.page.goto('/residents')
    await b.page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/residents')
  })
})
