// (b) Create a site → area → building → unit → resident, then find the resident by search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openBrowser, shot, signIn, type Browser } from './support'

let b: Browser
const stamp = Date.now().toString(36).slice(-5).toUpperCase()
const siteName = `測試花園${stamp}`
const resident = `陳測試${stamp}`

beforeAll(async () => {
  b = await openBrowser()
  await signIn(b.page, 'admin')
})
afterAll(() => b?.close())

async function save() {
  await b.page.locator('.el-dialog [data-test=save]').click()
  await b.page.locator('.el-dialog').waitFor({ state: 'hidden' })
}

describe('organisation pages', () => {
  it('creates a site and switches to it', async () => {
    await b.page.goto('/sites')
    await b.page.locator('[data-test=create]').click()
    await b.page.locator('input[data-test=site-code]').fill(`T${stamp}`)
    await b.page.locator('input[data-test=site-name]').fill(siteName)
    await shot(b.page, 'site-create')
    await save()
    await b.page.locator('.el-table').getByText(siteName).waitFor()
    // A second site brings the site switcher, set to the new site.
    await expect.poll(() => b.page.locator('[data-test=site-switcher]').textContent()).toContain(siteName)
    await shot(b.page, 'sites')
  })

  it('puts a duplicate site code on the code field', async () => {
    await b.page.locator('[data-test=create]').click()
    await b.page.locator('input[data-test=site-code]').fill(`T${stamp}`)
    await b.page.locator('input[data-test=site-name]').fill('重複')
    await b.page.locator('.el-dialog [data-test=save]').click()
    const error = b.page.locator('.el-dialog .el-form-item.is-error .el-form-item__error')
    await error.waitFor()
    expect(await error.textContent()).toContain('已有此代碼的管理處')
    await shot(b.page, 'site-duplicate-code')
    await b.page.keyboard.press('Escape')
    await b.page.locator('.el-dialog').waitFor({ state: 'hidden' })
  })

  it('creates an area and a building in it', async () => {
    await b.page.goto('/areas')
    await b.page.locator('[data-test=create]').click()
    await b.page.locator('input[data-test=area-name]').fill('住宅區')
    await save()
    await b.page.locator('.el-table').getByText('住宅區').waitFor()

    await b.page.goto('/buildings')
    await b.page.locator('[data-test=create]').click()
    await b.page.locator('input[data-test=building-name]').fill('A座')
    await save()
    await b.page.locator('.el-table').getByText('A座').waitFor()
    await shot(b.page, 'buildings')
  })

  it('creates a unit and shows its page', async () => {
    await b.page.goto('/units')
    await b.page.locator('[data-test=create]').click()
    await b.page.locator('input[data-test=unit-number]').fill('1A')
    await b.page.locator('[data-test=unit-area] input').fill('52.5')
    await save()
    await b.page.waitForURL(/\/units\/\d+$/)
    await b.page.locator('[data-test=unit-info]').getByText('A座').waitFor()
    await shot(b.page, 'unit-detail-empty')
  })

  it('adds a resident to the unit', async () => {
    await b.page.locator('[data-test=add-resident]').click()
    await b.page.locator('input[data-test=resident-name]').fill(resident)
    await b.page.locator('input[data-test=resident-phone-0]').fill('9123 4567')
    await shot(b.page, 'resident-create')
    await save()
    await b.page.waitForURL(/\/residents\/\d+$/)
    await b.page.locator('[data-test=resident-units]').getByText('A座 1A').waitFor()
    expect(await b.page.locator('[data-test=resident-info]').textContent()).toContain('91234567')
    await shot(b.page, 'resident-detail')
  })

  it('shows the resident history in a drawer', async () => {
    await b.page.getByRole('button', { name: '修改記錄' }).click()
    await b.page.locator('[data-test=audit]').getByText('建立').waitFor()
    expect(await b.page.locator('[data-test=audit]').textContent()).toContain('系統管理員')
    await shot(b.page, 'resident-history')
    await b.page.keyboard.press('Escape')
  })

  it('finds the resident by search', async () => {
    await b.page.goto('/residents')
    await b.page.locator('input[data-test=search]').fill(resident)
    const rows = b.page.locator('[data-test=residents-table] tbody tr')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().textContent()).toContain('A座 1A')
    await shot(b.page, 'residents-search')
  })

  it('prints the unit card with its resident', async () => {
    await b.page.locator('[data-test=residents-table]').getByText(resident).click()
    await b.page.waitForURL(/\/residents\/\d+$/)
    await b.page.locator('[data-test=resident-units] a').first().click()
    await b.page.waitForURL(/\/units\/\d+$/)
    await b.page.locator('[data-test=print-card]').click()
    await b.page.waitForURL(/\/units\/\d+\/print$/)
    await b.page.locator('.print-sheet').getByText(resident).waitFor()
    await shot(b.page, 'unit-card-print')
    await b.page.emulateMedia({ media: 'print' })
    expect(await b.page.locator('[data-test=print]').isVisible()).toBe(false)
    await shot(b.page, 'unit-card-print-media')
    await b.page.emulateMedia({ media: 'screen' })
  })
})
