// The history is for people (issue 13, item 8): the front desk opens a case's 修改記錄 on a phone and
// reads who did what in words, each change under the form's label with its value as the form shows
// it: no field names, no codes, no JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiGet, apiSend, cleanShot, openBrowser, pageWidth, signIn, type Browser } from './support'

type C = { id: number; version: number }

let phone: Browser
const page = () => phone.page

beforeAll(async () => {
  phone = await openBrowser({ width: 390, height: 844 })
  await signIn(page(), 'frontdesk')
})
afterAll(async () => {
  await phone?.close()
})

describe('修改記錄', () => {
  it('tells a case recorded and dispatched in words', async () => {
    const engineering = (await apiGet<{ items: { id: number }[] }>(page(), '/sites/1/departments?kind=engineering'))
      .items[0]!.id
    let c = await apiSend<C>(page(), 'POST', '/sites/1/cases', {
      channel: 'phone',
      category: 'other',
      caller_name: '何先生',
      caller_phone: '91234567',
      content: '大堂燈不亮',
      read_back_confirmed: true,
    })
    c = await apiSend<C>(page(), 'POST', `/cases/${c.id}/dispatch`, { department_id: engineering }, c.version)

    await page().goto(`/cases/${c.id}`)
    await page().getByRole('button', { name: '修改記錄' }).click()
    const drawer = page().locator('[data-test=audit]')
    await drawer.locator('.el-timeline-item').nth(1).waitFor()
    const text = await drawer.innerText()

    expect(text).toContain('負責部門') // the form's label
    expect(text).toContain('大堂燈不亮')
    expect(text).toContain('來電') // the channel's name, not "phone"
    for (const raw of ['{', '}', '_id', '_at', 'department', 'caller_name', 'status', 'recorded', 'dispatched', 'phone'])
      expect(text, raw).not.toContain(raw)
    expect(await pageWidth(page())).toBeLessThanOrEqual(390)
    await cleanShot(page(), 'history-case-390', { fullPage: false })
  })
})
