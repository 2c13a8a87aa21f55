// Shared pieces of the browser specs: Debian's Chromium through playwright-core (no browser
// download), a fresh profile per spec file, signing in, screenshots, API calls from the page.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'
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

/** A picture of the page; `fullPage: false` keeps to the screen (a dialog over the page). */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true })
  await page.waitForLoadState('networkidle').catch(() => {})
  // Loading masks fade out and charts animate in: let them finish so the picture shows the page.
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {})
  await page.waitForTimeout(400)
  const fullPage = opts.fullPage ?? true
  // A page scrolled down would show its sticky header in the middle of the full-page picture.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage })
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

/** Signs `p` out (from a printed form too, which has no app header) and in as `login`. */
export async function switchUser(p: Page, login: string): Promise<void> {
  if (p.url().includes('/print')) await p.goto('/profile')
  if (!p.url().includes('/login') && p.url() !== 'about:blank') await signOut(p)
  await signIn(p, login)
}

/** Chooses an option of the Element Plus select that is open now. */
export async function pickOption(p: Page, text: string): Promise<void> {
  await p.locator('.el-select-dropdown__item:visible').filter({ hasText: text }).first().click()
}

/** The dialog holding the form `form` (each step has its own). */
export const dialogOf = (p: Page, form: string) => p.locator('.el-dialog').filter({ has: p.locator(`[data-test=${form}]`) })

/** A screenshot without the passing "saved" toasts over the page. */
export async function cleanShot(p: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  const style = await p.addStyleTag({ content: '.el-message, .el-notification { display: none !important; }' })
  await shot(p, name, opts)
  await style.evaluate((el) => (el as Element).remove())
}

/** How wide the page is laid out: more than the viewport means it scrolls sideways. */
export const pageWidth = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth)

/** A JSON request made by the page with its session (for test set-up). */
export async function apiSend<T>(p: Page, method: string, path: string, body: unknown, version?: number): Promise<T> {
  return p.evaluate(
    async ([m, url, b, v]) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' }
      if (v !== undefined && v !== null) headers['If-Match'] = `"${v}"`
      const res = await fetch('/api/v1' + url, { method: m, headers, body: JSON.stringify(b) })
      if (!res.ok) throw new Error(`${m} ${url}: HTTP ${res.status} ${await res.text()}`)
      return res.json()
    },
    [method, path, body, version ?? null] as const,
  ) as Promise<T>
}

/** A tiny valid PNG (8 × 8, one colour): a receipt "photo", a copy of a document. */
export function tinyPng(rgb: [number, number, number] = [250, 240, 200]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf: Buffer) => {
    let c = 0xffffffff
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(8, 0)
  header.writeUInt32BE(8, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const rows = Buffer.concat(Array.from({ length: 8 }, () => Buffer.from([0, ...Array.from({ length: 8 }, () => rgb).flat()])))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

/** An <img> that has really loaded (the file route answered with an image). */
export const imageLoaded = (p: Page, selector: string) =>
  p.locator(selector).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
