// (f) At 390 px: the menu folds into a drawer, lists are usable, nothing overflows sideways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openBrowser, pageWidth as widthOf, shot, signIn, type Browser } from './support'

let b: Browser
beforeAll(async () => {
  b = await openBrowser({ width: 390, height: 844 })
  await signIn(b.page, 'admin')
})
afterAll(() => b?.close())

const pageWidth = () => widthOf(b.page)

describe('phone layout', () => {
  it('folds the menu into a drawer', async () => {
    expect(await b.page.locator('.app-aside').count()).toBe(0)
    await b.page.locator('[data-test=menu-button]').click()
    await b.page.locator('.nav-drawer [data-test=nav-residents]').waitFor()
    await shot(b.page, 'phone-menu')
    await b.page.locator('.nav-drawer [data-test=nav-residents]').click()
    await b.page.waitForURL(/\/residents$/)
    await b.page.locator('.nav-drawer').waitFor({ state: 'hidden' })
  })

  it('lets a list be searched and opened', async () => {
    const rows = b.page.locator('[data-test=residents-table] tbody tr')
    await rows.first().waitFor()
    await b.page.locator('input[data-test=search]').fill('陳')
    await expect.poll(async () => (await rows.allTextContents()).every((r) => r.includes('陳'))).toBe(true)
    await shot(b.page, 'phone-residents-search')
    await rows.first().locator('a').click()
    await b.page.waitForURL(/\/residents\/\d+$/)
    await b.page.locator('[data-test=resident-units]').waitFor()
    await shot(b.page, 'phone-resident-detail')
  })

  it('never overflows the page body sideways', async () => {
    const pages = ['/', '/units', '/units/1', '/residents', '/buildings', '/areas', '/departments', '/sites', '/staff', '/staff/1', '/devices', '/import', '/profile', '/units/1/print']
    for (const path of pages) {
      await b.page.goto(path)
      await b.page.waitForLoadState('networkidle')
      expect(await pageWidth(), path).toBeLessThanOrEqual(390)
      await shot(b.page, 'phone' + (path === '/' ? '-home' : path.replace(/\//g, '-')))
    }
  })

  it('opens a form full width', async () => {
    await b.page.goto('/units')
    await b.page.locator('[data-test=create]').click()
    const dialog = b.page.locator('.el-dialog')
    await dialog.waitFor()
    expect((await dialog.boundingBox())?.width).toBe(390)
    expect(await pageWidth()).toBeLessThanOrEqual(390)
    await shot(b.page, 'phone-unit-form')
  })
})
