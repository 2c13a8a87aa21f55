// How long each page takes to show its first data in a real browser, on loopback.
// Usage: node bench/web-first-data.mjs http://127.0.0.1:PORT   (a server started with --demo --web web/dist)
// Each page is a full navigation (HTML, lazy chunk, API calls, render) timed until its first row.
import { createRequire } from 'node:module'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(new URL('../web/package.json', import.meta.url))
const { chromium } = require('playwright-core')
const base = process.argv[2]
if (!base) throw new Error('usage: node bench/web-first-data.mjs http://127.0.0.1:PORT')

const pages = [
  ['/', '[data-test^=tile-], [data-test=home-empty]'],
  ['/units', 'tbody tr'],
  ['/residents', 'tbody tr'],
  ['/buildings', 'tbody tr'],
  ['/areas', 'tbody tr'],
  ['/departments', 'tbody tr'],
]
const runs = 5
const profile = mkdtempSync(join(tmpdir(), 'propdesk-bench-chromium-'))
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  baseURL: base,
})
const page = context.pages()[0] ?? (await context.newPage())
await page.goto('/login')
await page.locator('input[data-test=login]').fill('frontdesk')
await page.locator('input[data-test=password]').fill('propdesk-demo')
await page.locator('[data-test=sign-in]').click()
await page.waitForURL((u) => !u.pathname.startsWith('/login'))

console.log(`page            median     max   (ms to first data, ${runs} full navigations each)`)
let worst = 0
for (const [path, selector] of pages) {
  const times = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await page.goto(path)
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: 10_000 })
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]
  const max = times[times.length - 1]
  worst = Math.max(worst, max)
  console.log(`${path.padEnd(14)} ${median.toFixed(0).padStart(7)} ${max.toFixed(0).padStart(7)}`)
}
console.log(`worst: ${worst.toFixed(0)} ms; target (issue 3): first data within 1000 ms — ${worst <= 1000 ? 'met' : 'MISSED'}`)
await context.close()
rmSync(profile, { recursive: true, force: true })
