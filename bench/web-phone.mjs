// A phone on a slow network (issue 13, item 10): for the technician's job list and the attendant's
// booth, the JavaScript a cold phone downloads from the login page to the page's first data
// (bytes on the wire, compressed as served), and the time from tapping "sign in" to that data,
// with Chromium throttled to DevTools' "Fast 3G" (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up).
// A bare probe in the same run: GET /healthz under the same throttle (the network's own floor).
// Usage: node bench/web-phone.mjs http://127.0.0.1:PORT   (a server started with --demo --web web/dist)
import { createRequire } from 'node:module'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(new URL('../web/package.json', import.meta.url))
const { chromium } = require('playwright-core')
const base = process.argv[2]
if (!base) throw new Error('usage: node bench/web-phone.mjs http://127.0.0.1:PORT')

const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 }
const JS_BUDGET = 250 * 1000
const TIME_BUDGET_MS = 2000
const runs = 3
const pages = [
  { who: 'tech1', path: '/my-jobs', selector: '[data-test=my-jobs] [data-test^=job-], [data-test=no-jobs]' },
  { who: 'attendant', path: '/parking/booth', selector: '[data-test^=lane-]' },
]

async function cold(fn) {
  const profile = mkdtempSync(join(tmpdir(), 'propdesk-phone-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 390, height: 844 },
    baseURL: base,
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', FAST_3G)
    const js = new Map()
    cdp.on('Network.responseReceived', (e) => {
      if (e.type !== 'Script') return
      js.set(e.requestId, 0)
      if (/echarts/.test(e.response.url)) charts.add(e.response.url)
    })
    cdp.on('Network.loadingFinished', (e) => {
      if (js.has(e.requestId)) js.set(e.requestId, e.encodedDataLength)
    })
    return await fn(page, () => [...js.values()].reduce((a, b) => a + b, 0))
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

const charts = new Set()
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const probe = []
for (let i = 0; i < runs; i++) {
  probe.push(await cold(async (page) => {
    const t0 = performance.now()
    await page.goto('/healthz')
    return performance.now() - t0
  }))
}
const probeMs = median(probe)
console.log(`probe: GET /healthz under Fast 3G, cold: ${probeMs.toFixed(0)} ms (median of ${runs})`)
console.log('page              who         JS on the wire   sign-in → first data   ÷ probe')
let missed = false
for (const p of pages) {
  const bytes = []
  const times = []
  for (let i = 0; i < runs; i++) {
    const [b, t] = await cold(async (page, jsBytes) => {
      await page.goto('/login')
      await page.locator('input[data-test=login]').fill(p.who)
      await page.locator('input[data-test=password]').fill('propdesk-demo')
      const t0 = performance.now()
      await page.locator('[data-test=sign-in]').click()
      await page.waitForURL((u) => u.pathname === p.path, { timeout: 30_000 })
      await page.locator(p.selector).first().waitFor({ state: 'visible', timeout: 30_000 })
      const ms = performance.now() - t0
      return [jsBytes(), ms]
    })
    bytes.push(b)
    times.push(t)
  }
  const b = median(bytes)
  const t = median(times)
  missed ||= b > JS_BUDGET || t > TIME_BUDGET_MS
  console.log(`${p.path.padEnd(17)} ${p.who.padEnd(11)} ${(b / 1000).toFixed(1).padStart(8)} kB ${t.toFixed(0).padStart(14)} ms ${(t / probeMs).toFixed(1).padStart(14)}`)
}
console.log(`chart library downloaded by these pages: ${charts.size ? [...charts].join(', ') : 'none'}`)
missed ||= charts.size > 0
console.log(`targets: JS ≤ ${JS_BUDGET / 1000} kB, first data ≤ ${TIME_BUDGET_MS} ms — ${missed ? 'MISSED' : 'met'}`)
