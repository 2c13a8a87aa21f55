// (c) The front desk does not see the staff page in the menu and cannot open it by address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openBrowser, shot, signIn, type Browser } from './support'

let b: Browser
beforeAll(async () => {
  b = await openBrowser()
  await signIn(b.page, 'frontdesk')
})
afterAll(() => b?.close())

describe('front desk', () => {
  it('sees the property pages but no administration', async () => {
    const nav = b.page.locator('[data-test=nav]')
    await nav.locator('[data-test=nav-residents]').waitFor()
    for (const entry of ['staff', 'sites', 'devices', 'import']) {
      expect(await nav.locator(`[data-test=nav-${entry}]`).count(), entry).toBe(0)
    }
    await shot(b.page, 'frontdesk-home')
  })

  it('gets a not-allowed page at /staff', async () => {
    await b.page.goto('/staff')
    await b.page.locator('[data-test=not-allowed]').waitFor()
    expect(await b.page.locator('[data-test=not-allowed]').textContent()).toContain('沒有權限')
    await shot(b.page, 'frontdesk-staff-not-allowed')
  })

  it('may add residents but not units', async () => {
    await b.page.goto('/residents')
    await b.page.locator('[data-test=residents-table] tbody tr').first().waitFor()
    expect(await b.page.locator('[data-test=create]').count()).toBe(1)
    await b.page.goto('/units')
    await b.page.locator('[data-test=units-table] tbody tr').first().waitFor()
    expect(await b.page.locator('[data-test=create]').count()).toBe(0)
  })

  it('sorts a list on the server by a column header', async () => {
    const header = b.page.locator('[data-test=units-table] th').filter({ hasText: '樓層' })
    const firstFloor = () => b.page.locator('[data-test=units-table] tbody tr').first().locator('td').nth(2).textContent()
    await header.click() // ascending
    await header.click() // descending
    // The demo's top floor is 20 (the import spec may have added 21).
    await expect.poll(async () => Number(await firstFloor())).toBeGreaterThanOrEqual(20)
    await shot(b.page, 'frontdesk-units-by-floor-desc')
  })
})
