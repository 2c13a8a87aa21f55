// Each role signs in to a page of what it must do today (issue 13, item 1): the site manager's
// figures open their filtered lists, on a 390 px phone too; the attendant lands at the booth and
// a technician at their jobs; the menu shows a role only what it uses, set-up folded away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiSend, openBrowser, pageWidth, shot, signIn, switchUser, type Browser } from './support'

let phone: Browser
let desk: Browser
beforeAll(async () => {
  phone = await openBrowser({ width: 390, height: 844 })
  desk = await openBrowser()
})
afterAll(async () => {
  await phone?.close()
  await desk?.close()
})

const tile = (b: Browser, key: string) => b.page.locator(`[data-test="tile-${key}"]`)
const figure = async (b: Browser, key: string) => (await tile(b, key).locator('[data-test=value]').textContent())?.trim() ?? ''

describe('home page per role', () => {
  it('the site manager sees the desk, repairs and the car park at a glance on a phone', async () => {
    await signIn(phone.page, 'manager')
    expect(new URL(phone.page.url()).pathname).toBe('/')
    // A complaint comes in: the open cases and the complaints waiting count it.
    await apiSend(phone.page, 'POST', '/sites/1/cases', {
      channel: 'phone',
      category: 'complaint',
      caller_name: '何太',
      caller_phone: '9123 4567',
      content: '樓上滴水，已多次投訴',
      read_back_confirmed: true,
    })
    await phone.page.reload()
    for (const s of ['desk', 'repairs', 'parking']) await phone.page.locator(`[data-test=home-${s}]`).waitFor()
    for (const key of ['desk.open', 'desk.overdue', 'desk.complaints', 'repairs.immediateOpen', 'parking.held', 'parking.inside', 'parking.takingsToday', 'parking.freeRequests']) {
      await tile(phone, key).waitFor()
    }
    expect(await figure(phone, 'parking.takingsToday')).toMatch(/\$/)
    expect(await pageWidth(phone.page)).toBeLessThanOrEqual(390)
    await shot(phone.page, 'home-manager-phone')
  })

  it('a figure opens the list it counts, with its filters', async () => {
    const complaints = Number(await figure(phone, 'desk.complaints'))
    expect(complaints).toBeGreaterThan(0)
    await tile(phone, 'desk.complaints').click()
    await phone.page.waitForURL(/\/cases\?.*category=complaint/)
    const rows = phone.page.locator('[data-test=cases-table] tbody tr')
    await expect.poll(() => rows.count()).toBe(complaints)
    // The list says how many it found: the same figure as the tile.
    await expect.poll(() => phone.page.locator('[data-test=shown]').textContent()).toContain(`共 ${complaints} 筆`)
    await shot(phone.page, 'home-manager-open-complaints')
  })

  it('the manager\'s menu keeps the day in sight and folds the set-up under settings', async () => {
    await phone.page.goto('/')
    await phone.page.locator('[data-test=menu-button]').click()
    const drawer = phone.page.locator('.nav-drawer')
    await drawer.locator('[data-test=nav-settings]').waitFor()
    expect(await drawer.locator('[data-test=nav-parkingBooth]').count()).toBe(0)
    expect(await drawer.locator('[data-test=nav-buildings]').isVisible()).toBe(false)
    await shot(phone.page, 'home-manager-menu')
    await drawer.locator('[data-test=nav-settings]').click()
    await drawer.locator('[data-test=nav-buildings]').waitFor()
    await shot(phone.page, 'home-manager-menu-settings')
  })

  it('the front desk sees its queue, today\'s return visits and what is overdue', async () => {
    await signIn(desk.page, 'frontdesk')
    for (const key of ['desk.recorded', 'desk.visitsDue', 'desk.overdue']) await tile(desk, key).waitFor()
    expect(await desk.page.locator('[data-test=home-parking]').count()).toBe(0)
    await shot(desk.page, 'home-frontdesk')
  })

  it('the team lead sees held cars, free exits and handovers to sign', async () => {
    await switchUser(desk.page, 'teamlead')
    for (const key of ['parking.held', 'parking.freeRequests', 'parking.handoversToSign']) await tile(desk, key).waitFor()
    await tile(desk, 'parking.held').click()
    await desk.page.waitForURL(/\/parking\/holds/)
    await shot(desk.page, 'home-teamlead-holds')
  })

  it('the attendant lands at the booth and a technician at their jobs', async () => {
    await switchUser(desk.page, 'attendant')
    await desk.page.waitForURL(/\/parking\/booth$/)
    await switchUser(desk.page, 'tech1')
    await desk.page.waitForURL(/\/my-jobs$/)
    await shot(desk.page, 'home-technician-jobs')
  })
})
