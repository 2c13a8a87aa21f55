// The booth that knows what happened (issue 13, PK-5, PK-8): two booth pages (the attendant's at
// the desk and a phone at 390 px) watch the exit lane while the team lead, in another browser,
// releases a held car and takes the cash — each lane card changes at once over the live channel
// and chimes, before the booth's 10 s poll could have. Then a car owing a fee pays cash at the
// booth: the change is worked out as the note is tapped, recorded, and the 80 mm slip prints
// from the booth page without leaving it; an electronic payment shows the car park's QR and
// wants its reference. Screenshots at 1280 and 390 px.
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bin, gateSim, hkd, lane, setupLanes, waiting } from './parking-support'
import { apiGet, apiSend, cleanShot, dialogOf, openBrowser, pageWidth, signIn, tinyPng, type Browser } from './support'

let desk: Browser
let phone: Browser
let lead: Browser
const digits = String(Date.now() % 10000).padStart(4, '0')
/** A car with no entry record, held at the exit and released by the team lead. */
const stranger = `粵D0${digits}`
/** A car the entry camera's backlog says came in 17 minutes ago: it owes the first hour. */
const payer = `粵D8${digits}`
let exitLane = 0
let holdId = 0

/** The booth page's chimes so far (the spec cannot hear them; the page counts what it played). */
const chimes = (b: Browser) => b.page.locator('.booth-page').getAttribute('data-chimes').then(Number)

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`gate-sim needs the server binary: ${bin} (build it, or set PROPDESK_BIN)`)
  desk = await openBrowser()
  phone = await openBrowser({ width: 390, height: 844 })
  lead = await openBrowser()
  // The car park shows a payment QR (uploaded in set-up, a photo of the site).
  await signIn(lead.page, 'teamlead') // parking_admin
  const upload = await lead.page.evaluate(async (bytes) => {
    const res = await fetch('/api/v1/sites/1/files?kind=photo', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: new Uint8Array(bytes) })
    return (await res.json()) as { id: number }
  }, [...tinyPng([40, 40, 40])])
  const setup = await apiGet<{ lots: { id: number; version: number }[] }>(lead.page, '/sites/1/parking/setup')
  const lot = setup.lots[0]!
  await apiSend(lead.page, 'PATCH', `/sites/1/parking/lots/${lot.id}`, { pay_qr: { fps: upload.id } }, lot.version)
  await lead.page.locator('[data-test=user-menu]').click()
  await lead.page.locator('[data-test=sign-out]').click()
  await lead.page.waitForURL(/\/login/)
})
afterAll(async () => {
  await desk?.close()
  await phone?.close()
  await lead?.close()
})

describe('the lane card follows what happens elsewhere', () => {
  it('shows a held car on both booth pages', async () => {
    for (const b of [desk, phone]) {
      await signIn(b.page, 'attendant')
      await b.page.goto('/parking/booth')
    }
    ;({ exit: exitLane } = await setupLanes(desk.page))
    for (const b of [desk, phone]) {
      await lane(b.page, exitLane).waitFor()
      await expect.poll(() => b.page.locator('[data-test=booth-live]').textContent()).toBe('已連線')
      // A tap on the page lets it play sound (browsers start audio only after one).
      await b.page.locator('[data-test=my-post]').click()
    }
    const replies = await gateSim('exit', ['--plate', stranger])
    expect(replies[0]).toMatchObject({ plate: stranger, info: 'no' })
    for (const b of [desk, phone]) await waiting(b.page, stranger).waitFor({ timeout: 5000 })
    const holds = await apiGet<{ items: { id: number; plate: string }[] }>(desk.page, '/sites/1/parking/holds?status=held')
    holdId = holds.items.find((h) => h.plate === stranger)!.id
  })

  it('changes at once on every booth page when the team lead releases the car in another browser, and chimes', async () => {
    const before = [await chimes(desk), await chimes(phone)]
    await signIn(lead.page, 'teamlead')
    await lead.page.goto(`/parking/holds/${holdId}`)
    const release = lead.page.locator('[data-test=release]')
    await release.waitFor()
    await lead.page.locator('textarea[data-test=verification-note]').fill('核對行車證及身份證，與車主相符。')
    const files: [string, [number, number, number]][] = [
      ['upload-licence', [180, 200, 240]],
      ['upload-id', [240, 200, 180]],
      ['upload-statement', [200, 240, 180]],
    ]
    for (const [slot, colour] of files) {
      await lead.page.locator(`[data-test=${slot}] input[data-test=file-input]`).setInputFiles({ name: `${slot}.png`, mimeType: 'image/png', buffer: tinyPng(colour) })
      await lead.page.locator(`[data-test=${slot}] [data-test=file-thumb]`).waitFor()
    }
    // The team lead takes HK$200 for the HK$150 due: the change shows before the release.
    const panel = lead.page.locator('[data-test=release-panel]')
    await panel.locator('[data-test=received-20000]').click()
    expect(await panel.locator('[data-test=pay-change]').textContent()).toBe(hkd(5000))
    await cleanShot(lead.page, 'booth-live-release')

    const sent = Date.now()
    await release.click()
    await expect.poll(() => lead.page.locator('[data-test=hold-status]').textContent()).toBe('已放行')
    for (const b of [desk, phone]) {
      // Live, not the 10 s poll: the card changes within a few seconds of the release.
      await expect.poll(() => waiting(b.page, stranger).count(), { timeout: 4000, interval: 100 }).toBe(0)
      const change = lane(b.page, exitLane).locator('[data-test=lane-change]')
      await expect.poll(() => change.getAttribute('data-kind'), { timeout: 4000, interval: 100 }).toBe('released')
      expect(await change.textContent()).toContain(`${stranger} 經班長核實放行，閘門已開`)
      expect(await change.textContent()).toContain('吳保安班長')
      expect(await change.getAttribute('class')).toContain('fresh')
    }
    expect(Date.now() - sent).toBeLessThan(8000)
    await expect.poll(() => chimes(desk)).toBeGreaterThan(before[0]!)
    await expect.poll(() => chimes(phone)).toBeGreaterThan(before[1]!)
    await cleanShot(desk.page, 'booth-live-released')
    expect(await pageWidth(phone.page)).toBeLessThanOrEqual(390)
    await cleanShot(phone.page, 'booth-live-released-390')

    // The release's payment carries the change.
    const hold = await apiGet<{ visit: { received_cents: number; change_cents: number } }>(desk.page, `/sites/1/parking/holds/${holdId}`)
    expect(hold.visit).toMatchObject({ received_cents: 20000, change_cents: 5000 })
  })
})

describe('taking the fee at the booth (PK-5)', () => {
  it('works out the change from the note handed over and prints the 80 mm slip without leaving the booth', async () => {
    const p = desk.page
    const backlog = await gateSim('entry', ['--plate', payer, '--count', '0', '--backlog', '16', '--offline-opened'])
    expect(backlog.filter((r) => r.type === 'offline').length).toBe(16)
    await gateSim('exit', ['--plate', payer])
    const stay = waiting(p, payer)
    await stay.waitFor({ timeout: 5000 })
    await waiting(phone.page, payer).waitFor({ timeout: 5000 })
    const due = (await apiGet<{ items: { fee_cents: number }[] }>(p, `/sites/1/parking/visits?plate=${encodeURIComponent(payer)}&status=exiting`)).items[0]!.fee_cents
    expect(due).toBeGreaterThan(0)

    await stay.locator('[data-test=step-pay]').click()
    const dialog = dialogOf(p, 'visit-step-form')
    await dialog.waitFor()
    // Electronic: the car park's QR for the driver to scan, and the reference it needs.
    await dialog.locator('[data-test=pay-method-electronic]').click()
    await dialog.locator('[data-test=pay-qr-image]').waitFor()
    await expect.poll(() => dialog.locator('[data-test=pay-qr-image]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    if (await dialog.locator('[data-test=pass-returned]').count()) await dialog.locator('[data-test=pass-returned]').click()
    await dialog.locator('[data-test=save]').click()
    await dialog.locator('.el-form-item__error').filter({ hasText: '付款參考號' }).waitFor()
    await cleanShot(p, 'booth-live-qr', { fullPage: false })

    // Cash: HK$10 short says so; a HK$100 note gives the change.
    await dialog.locator('[data-test=pay-method-cash]').click()
    await dialog.locator('[data-test=pay-received] input').fill(String(due / 100 - 10))
    await expect.poll(() => dialog.locator('[data-test=pay-short]').textContent()).toBe(`尚欠 ${hkd(1000)}`)
    await dialog.locator('[data-test=received-10000]').click()
    await expect.poll(() => dialog.locator('[data-test=pay-change]').textContent()).toBe(hkd(10000 - due))
    await cleanShot(p, 'booth-live-change', { fullPage: false })
    await dialog.locator('[data-test=save]').click()

    const receipt = p.locator('[data-test=receipt-dialog]')
    await receipt.locator('[data-test=receipt-change]').waitFor()
    expect(await receipt.locator('[data-test=receipt-change]').textContent()).toBe(hkd(10000 - due))
    const paid = (await apiGet<{ items: { received_cents: number; change_cents: number; receipt_no: string }[] }>(p, `/sites/1/parking/visits?plate=${encodeURIComponent(payer)}`)).items[0]!
    expect(paid).toMatchObject({ received_cents: 10000, change_cents: 10000 - due })

    // The 80 mm slip prints from a frame on the booth page: the page stays where it is.
    await receipt.locator('[data-test=print-receipt]').click()
    const frame = p.locator('iframe[data-test=receipt-slip-frame]')
    await frame.waitFor({ state: 'attached' })
    expect(new URL(p.url()).pathname).toBe('/parking/booth')
    const slip = (await frame.getAttribute('srcdoc')) ?? ''
    expect(slip).toContain('size: 80mm')
    for (const s of [paid.receipt_no, payer, '找續', hkd(10000 - due), '收到現金', hkd(10000)]) expect(slip).toContain(s)
    // A4 stays available, in its own tab.
    expect(await receipt.locator('[data-test=print-receipt-a4]').getAttribute('target')).toBe('_blank')
    await cleanShot(p, 'booth-live-receipt', { fullPage: false })

    // The slip as the printer sees it: 80 mm is about 302 CSS px.
    const paper = await desk.context.newPage()
    await paper.setViewportSize({ width: 302, height: 600 })
    await paper.setContent(slip)
    await cleanShot(paper, 'booth-live-slip-80mm')
    expect(await pageWidth(paper)).toBeLessThanOrEqual(302)
    await paper.close()

    // The other booth page heard the payment too.
    await expect.poll(() => waiting(phone.page, payer).count(), { timeout: 4000, interval: 100 }).toBe(0)
    await expect.poll(() => lane(phone.page, exitLane).locator('[data-test=lane-change]').getAttribute('data-kind')).toBe('paid')
    await cleanShot(phone.page, 'booth-live-paid-390')
  })
})

describe('the payment QRs in the set-up', () => {
  it('are shown on the car park and uploaded in its dialog, at 390 px too', async () => {
    for (const width of [1280, 390]) {
      const p = width === 1280 ? lead.page : await lead.context.newPage()
      if (width === 390) await p.setViewportSize({ width: 390, height: 844 })
      await p.goto('/parking/setup')
      const lot = p.locator('[data-test^=lot-]').filter({ has: p.locator('[data-test=lot-rules]') }).first()
      await expect.poll(() => lot.locator('[data-test=lot-qr-rule]').textContent()).toBe('收款二維碼：轉數快')
      await lot.locator('[data-test=edit-lot]').click()
      const dialog = dialogOf(p, 'lot-form')
      await dialog.waitFor()
      await dialog.locator('[data-test=lot-qr-fps] [data-test=lot-qr-image]').waitFor()
      expect(await dialog.locator('[data-test=lot-qr-wechat] [data-test=lot-qr-image]').count()).toBe(0)
      expect(await pageWidth(p)).toBeLessThanOrEqual(width)
      await cleanShot(p, width === 1280 ? 'booth-live-setup-qr' : 'booth-live-setup-qr-390', { fullPage: false })
      if (width === 390) await p.close()
    }
  })
})
