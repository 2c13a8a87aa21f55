// Shared pieces of the browser specs: Debian's Chromium through playwright-core (no browser
// download), a fresh profile per spec file, signing in, screenshots, API calls from the page.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { expect, inject } from 'vitest'

export const PASSWORD = 'propdesk-demo'
export const baseURL = () => inject('baseURL')
const screenshotDir = fileURLToPath(new URL('./screenshots', import.meta.url))

export interface Browser {
  context: BrowserContext
  page: Page
  close: () => Promise<void>
}

export async function openBrowser(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'propdesk-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
    locale: 'zh-TW',
    timezoneId: 'UTC', // the browser's own zone must not leak into what the site shows
    baseURL: baseURL(),
  })
  context.setDefaultTimeout(15_000)
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true })
  await page.waitForLoadState('networkidle').catch(() => {})
  // Loading masks fade out and charts animate in: let them finish so the picture shows the page.
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {})
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true })
}

export async function signIn(page: Page, login: string, password = PASSWORD): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login')
  await page.locator('input[data-test=login]').fill(login)
  await page.locator('input[data-test=password]').fill(password)
  await page.locator('[data-test=sign-in]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  await page.locator('.app-header').waitFor()
}

export async function signOut(page: Page): Promise<void> {
  await page.locator('[data-test=user-menu]').click()
  await page.locator('[data-test=sign-out]').click()
  await page.waitForURL(/\/login/)
}

/** A JSON API call made by the page itself, with its session cookie. */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch('/api/v1' + p, { headers: { Accept: 'application/json' } })
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`)
    return res.json()
  }, path) as Promise<T>
}

/** Downloads the workbook a KPI page links to (data-test=export-xlsx) with the page's session, checks it is one, and returns the link. */
export async function expectWorkbook(page: Page): Promise<string> {
  const href = (await page.locator('[data-test=export-xlsx]').getAttribute('href')) ?? ''
  const xlsx = await page.evaluate(async (url) => {
    const res = await fetch(url)
    return { status: res.status, type: res.headers.get('Content-Type'), bytes: (await res.arrayBuffer()).byteLength }
  }, href)
  expect(xlsx.status).toBe(200)
  expect(xlsx.type).toContain('spreadsheetml')
  expect(xlsx.bytes).toBeGreaterThan(1000)
  return href
}

/** Counts every row of a list endpoint, following the cursors. */
export async function countAll(page: Page, path: string): Promise<number> {
  let n = 0
  let cursor = ''
  do {
    const sep = path.includes('?') ? '&' : '?'
    const pageOf = await apiGet<{ items: unknown[]; next_cursor: string | null }>(
      page,
      `${path}${sep}limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    )
    n += pageOf.items.length
    cursor = pageOf.next_cursor ?? ''
  } while (cursor)
  return n
}
