// (e) A CSV with one bad row: that row (line and field) is reported and nothing is imported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiGet, countAll, openBrowser, shot, signIn, type Browser } from './support'

let b: Browser
let siteId = 0
beforeAll(async () => {
  b = await openBrowser()
  await signIn(b.page, 'manager')
  siteId = (await apiGet<{ sites: { id: number }[] }>(b.page, '/me')).sites[0]!.id
})
afterAll(() => b?.close())

async function upload(name: string, csv: string) {
  await b.page.locator('input[data-test=import-file]').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  })
  await b.page.locator('[data-test=import-upload]').click()
}

describe('CSV import', () => {
  it('reports the bad row and imports nothing', async () => {
    const before = await countAll(b.page, `/sites/${siteId}/units`)
    await b.page.goto('/import')
    await upload('units-bad.csv', 'building,number,floor,floor_area_m2\n第1座,21A,21,85.5\n第1座,21B,二十一,62\n第1座,21C,21,48.25\n')
    const rows = b.page.locator('[data-test=import-rows] tbody tr')
    await rows.first().waitFor()
    expect(await rows.count()).toBe(1)
    const cells = await rows.first().locator('td').allTextContents()
    expect(cells[0]?.trim()).toBe('3')
    expect(cells[1]?.trim()).toBe('floor')
    await shot(b.page, 'import-bad-row')
    expect(await countAll(b.page, `/sites/${siteId}/units`)).toBe(before)
  })

  it('imports a good file and says how many rows', async () => {
    const before = await countAll(b.page, `/sites/${siteId}/units`)
    await upload('units-good.csv', 'building,number,floor,floor_area_m2\n第1座,21A,21,85.5\n第1座,21B,21,62\n')
    await b.page.locator('[data-test=import-done]').waitFor()
    expect(await b.page.locator('[data-test=import-done]').textContent()).toContain('2')
    expect(await countAll(b.page, `/sites/${siteId}/units`)).toBe(before + 2)
    await shot(b.page, 'import-done')
  })
})
