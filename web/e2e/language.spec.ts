// (d) Switch to English and back to 繁體中文; the choice is kept on the account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiGet, openBrowser, shot, signIn, type Browser } from './support'

let b: Browser
beforeAll(async () => {
  b = await openBrowser()
  await signIn(b.page, 'butler')
})
afterAll(() => b?.close())

async function choose(label: string) {
  await b.page.locator('[data-test=language]').click()
  await b.page.locator('.el-dropdown-menu:visible').getByText(label, { exact: true }).click()
}
const unitsEntry = () => b.page.locator('[data-test=nav-units]').textContent()

describe('language', () => {
  it('starts in Traditional Chinese', async () => {
    await b.page.goto('/units')
    expect((await unitsEntry())?.trim()).toBe('單位')
    await shot(b.page, 'units-zh-TW')
  })

  it('switches to English, saved on the account', async () => {
    await choose('English')
    await expect.poll(async () => (await unitsEntry())?.trim()).toBe('Units')
    expect(await b.page.locator('.page-title').textContent()).toBe('Units')
    // Element Plus follows: its empty-table text and pagination come from its own locale.
    await expect.poll(async () => (await apiGet<{ language: string }>(b.page, '/me')).language).toBe('en')
    await b.page.reload()
    await expect.poll(async () => (await unitsEntry())?.trim()).toBe('Units')
    await shot(b.page, 'units-en')
  })

  it('switches to Simplified Chinese and back to Traditional', async () => {
    await choose('简体中文')
    await expect.poll(async () => (await unitsEntry())?.trim()).toBe('房屋')
    await shot(b.page, 'units-zh-CN')
    await choose('繁體中文')
    await expect.poll(async () => (await unitsEntry())?.trim()).toBe('單位')
    await expect.poll(async () => (await apiGet<{ language: string }>(b.page, '/me')).language).toBe('zh-TW')
  })
})
