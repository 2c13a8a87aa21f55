// The service desk end to end (FD-A, B, C, D, I, N): the front desk records a phone complaint with
// the read back confirmed and dispatches it to engineering; the engineering head accepts and
// completes it; the return visit finds the resident not satisfied, which sends the case back;
// the second completion satisfies them and the desk archives it. The KPI dashboard, the printed
// record, the return-visit list and the bell follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { siteDate } from '@/format/siteTime'
import { apiGet, apiSend, expectWorkbook, openBrowser, pickOption as pickFrom, shot, signIn, switchUser as switchTo, type Browser } from './support'

let b: Browser
let caseId = 0
let caseNumber = ''
const content = `廚房天花漏水，已兩日未停。${Date.now().toString(36).slice(-4)}`
// The KPI period: the return visits fall due a day after completion, so it reaches past today.
// Other specs share the server: the figures are checked against those before this spec began.
const day = 86_400_000
const kpiFrom = siteDate(Date.now() - day, 'Asia/Hong_Kong')
const kpiTo = siteDate(Date.now() + 2 * day, 'Asia/Hong_Kong')
type Rate = { done: number; due: number }
let kpiBefore: { complaints: number; complaints_on_time: Rate; return_visits: Rate }

beforeAll(async () => {
  b = await openBrowser()
})
afterAll(() => b?.close())

const page = () => b.page
const status = () => page().locator('[data-test=case-status]').textContent()

const switchUser = (login: string) => switchTo(page(), login)
const pickOption = (text: string) => pickFrom(page(), text)

/** Opens a step's dialog on the case page, lets `fill` type into it, saves, waits for the answer. */
async function act(action: string, fill: () => Promise<void> = async () => {}) {
  await page().locator(`[data-test=action-${action}]`).click()
  const dialog = page().locator('.el-dialog')
  await dialog.waitFor()
  await fill()
  await dialog.locator('[data-test=save]').click()
  await dialog.waitFor({ state: 'hidden' })
}

async function openCase() {
  await page().goto(`/cases/${caseId}`)
  await page().locator('[data-test=case-info]').waitFor()
}

describe('service desk', () => {
  it('will not save a case before the read back is confirmed (FD-A)', async () => {
    await signIn(page(), 'frontdesk')
    kpiBefore = (await apiGet<{ totals: typeof kpiBefore }>(page(), `/sites/1/desk/kpi?from=${kpiFrom}&to=${kpiTo}`)).totals
    await page().locator('[data-test=nav-cases]').click()
    await page().waitForURL(/\/cases$/)
    await page().locator('[data-test=create]').click()
    await page().waitForURL(/\/cases\/new$/)
    await page().locator('[data-test=four-clears]').waitFor()
    const save = page().locator('[data-test=save]')
    expect(await save.isDisabled()).toBe(true)
    expect(await page().locator('[data-test=four-clears]').textContent()).toMatch(/聽清楚.*問清楚.*復清楚.*記清楚/s)

    await page().locator('[data-test=channel-phone]').click()
    await page().locator('[data-test=category-complaint]').click()
    // A visitor without a name: the server's field error comes back in Chinese, on the field.
    await page().locator('[data-test=caller-visitor]').click()
    await page().locator('textarea[data-test=content]').fill(content)
    expect(await save.isDisabled()).toBe(true)
    await page().locator('[data-test=read-back]').click()
    expect(await save.isDisabled()).toBe(false)
    await save.click()
    const error = page().locator('.el-form-item.is-error .el-form-item__error')
    await error.waitFor()
    expect(await error.textContent()).toContain('請填寫來電人姓名')
  })

  it('records a phone complaint from a resident found by phone', async () => {
    await page().locator('[data-test=caller-resident]').click()
    await page().locator('[data-test=resident-picker]').click()
    await page().keyboard.type('91000000')
    await pickOption('陳志明')
    await expect.poll(() => page().locator('input[data-test=caller-phone]').inputValue()).toBe('91000000')
    await page().locator('[data-test=responsibility]').getByText('屬本中心責任', { exact: true }).click()
    // The caller changed after the read back: it is read back again.
    expect(await page().locator('[data-test=read-back] input').isChecked()).toBe(false)
    await page().locator('[data-test=read-back]').click()
    await shot(page(), 'desk-intake')
    await page().locator('[data-test=save]').click()
    await page().waitForURL(/\/cases\/\d+$/)
    caseId = Number(new URL(page().url()).pathname.split('/').pop())
    await page().locator('[data-test=case-info]').waitFor()
    expect(await status()).toContain('已記錄')
    const info = await page().locator('[data-test=case-info]').textContent()
    expect(info).toContain('陳志明')
    expect(info).toContain('第1座 1A')
    expect(info).toContain('屬本中心責任')
    expect(await page().locator('[data-test=case-read-back]').textContent()).toContain('✓')
    caseNumber = (await apiGet<{ number: string }>(page(), `/cases/${caseId}`)).number
    expect(await page().locator('.page-title').textContent()).toContain(caseNumber)
    // FD-D: the supervisor and the butlers were told at once; the timeline says so.
    expect(await page().locator('[data-test=timeline]').textContent()).toContain('已通知 2 人：新投訴')
  })

  it('dispatches it to engineering (FD-B)', async () => {
    await act('dispatch', async () => {
      await page().locator('[data-test=action-department]').click()
      await pickOption('工程部')
      await page().locator('textarea[data-test=action-note]').fill('請今日內上門檢查')
    })
    await expect.poll(status).toContain('已派單')
    expect(await page().locator('[data-test=case-info]').textContent()).toContain('工程部')
    expect(await page().locator('[data-test=action-dispatch]').count()).toBe(0)
  })

  it('reloads when someone else changed the case meanwhile (412)', async () => {
    // Another desk computer adds a note to the same case: the version on this screen is old now.
    const version = (await apiGet<{ version: number }>(page(), `/cases/${caseId}`)).version
    const answer = await page().evaluate(
      async ([id, v]) =>
        (
          await fetch(`/api/v1/cases/${id}/follow-up`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'If-Match': `"${v}"` },
            body: JSON.stringify({ note: '另一台電腦的跟進' }),
          })
        ).status,
      [caseId, version],
    )
    expect(answer).toBe(200)
    await page().locator('[data-test=action-follow_up]').click()
    const dialog = page().locator('.el-dialog')
    await dialog.locator('textarea[data-test=action-note]').fill('已致電工程部跟進')
    await dialog.locator('[data-test=save]').click()
    await dialog.locator('[data-test=form-error]').getByText('已載入最新內容').waitFor()
    await page().locator('[data-test=timeline]').getByText('另一台電腦的跟進').waitFor()
    // The reloaded version is held now: the same note goes through.
    await dialog.locator('[data-test=save]').click()
    await dialog.waitFor({ state: 'hidden' })
    await page().locator('[data-test=timeline]').getByText('已致電工程部跟進').waitFor()
  })

  it('reaches the engineering head through the bell and the queue; he accepts and completes it', async () => {
    await switchUser('enghead')
    // The bell names the case in Chinese and opens it.
    await page().locator('[data-test=bell]').click()
    const item = page().locator('[data-test=notifications] .item').filter({ hasText: `新派單 ${caseNumber}` })
    await item.waitFor()
    await shot(page(), 'desk-bell')
    await item.click()
    await page().waitForURL(new RegExp(`/cases/${caseId}$`))

    await page().locator('[data-test=nav-queue]').click()
    await page().waitForURL(/\/queue/)
    await page().locator('[data-test=cases-table]').getByText(caseNumber).click()
    await page().waitForURL(new RegExp(`/cases/${caseId}$`))
    await page().locator('[data-test=case-actions]').waitFor()
    // The department's steps only: no dispatching, no return visits.
    expect(await page().locator('[data-test=action-dispatch]').count()).toBe(0)
    expect(await page().locator('[data-test=action-follow_up]').count()).toBe(0)
    await act('accept')
    await expect.poll(status).toContain('處理中')
    await act('complete', () => page().locator('textarea[data-test=action-feedback]').fill('已更換廚房去水喉，測試無漏水。'))
    await expect.poll(status).toContain('已完成')
    expect(await page().locator('[data-test=case-feedback]').textContent()).toContain('已更換廚房去水喉')
    expect(await page().locator('[data-test=case-actions]').count()).toBe(0)
  })

  it('reopens the case when the resident is not satisfied (FD-C)', async () => {
    await switchUser('frontdesk')
    await openCase()
    await act('return_visit', async () => {
      await page().locator('[data-test=outcome-not_satisfied]').click()
      await page().locator('textarea[data-test=action-note]').fill('住戶表示仍有滲水')
    })
    await expect.poll(status).toContain('已派單')
    expect(await page().locator('[data-test=case-tags]').textContent()).toContain('重新處理 1 次')
    expect(await page().locator('[data-test=case-visits]').textContent()).toContain('不滿意')
  })

  it('lets engineering complete it again', async () => {
    await switchUser('enghead')
    await openCase()
    await act('accept')
    await act('complete', () => page().locator('textarea[data-test=action-feedback]').fill('重新封膠，二十四小時觀察無滲水。'))
    await expect.poll(status).toContain('已完成')
  })

  it('records a satisfied return visit and archives the case', async () => {
    await switchUser('frontdesk')
    await openCase()
    await act('return_visit', () => page().locator('[data-test=outcome-satisfied]').click())
    await expect.poll(status).toContain('已回訪')
    await act('archive')
    await expect.poll(status).toContain('已歸檔')
    expect(await page().locator('[data-test=case-actions]').count()).toBe(0)
    const timeline = (await page().locator('[data-test=timeline]').textContent()) ?? ''
    for (const step of ['記錄', '派單', '部門受理', '部門完成', '回訪', '重新處理', '歸檔']) expect(timeline).toContain(step)
    expect(timeline).toContain('不滿意: 住戶表示仍有滲水')
    await shot(page(), 'desk-case-archived')
  })

  it('prints the case as the paper record', async () => {
    await page().locator('[data-test=print-case]').click()
    await page().waitForURL(new RegExp(`/cases/${caseId}/print$`))
    const sheet = page().locator('.print-sheet')
    await sheet.getByText('來訪來電記錄').waitFor()
    const text = (await sheet.textContent()) ?? ''
    for (const s of [caseNumber, '來電', '投訴', '陳志明', '工程部', '已更換廚房去水喉', '已復述，來電人確認']) expect(text).toContain(s)
    expect(await page().locator('[data-test=print-visits]').textContent()).toMatch(/不滿意.*\n?.*滿意/s)
    await shot(page(), 'desk-case-print')
  })

  it('shows the figures on the KPI dashboard (FD-I)', async () => {
    const [from, to] = [kpiFrom, kpiTo]
    const was = kpiBefore
    await page().goto(`/desk/kpi?from=${from}&to=${to}`)
    await page().locator('[data-test=kpi-cards]').waitFor()
    expect(await page().locator('[data-test=kpi-complaints]').textContent()).toBe(String(was.complaints + 1))
    const onTime = page().locator('[data-test=kpi-complaintsOnTime]')
    expect(await onTime.locator('[data-test=percent]').textContent()).toBe('100%')
    const fraction = (r: Rate, done: number) => `${r.done + done} / ${r.due + done}`
    expect(await onTime.locator('[data-test=fraction]').textContent()).toBe(fraction(was.complaints_on_time, 1))
    const visits = page().locator('[data-test=kpi-returnVisits]')
    expect(await visits.locator('[data-test=percent]').textContent()).toBe('100%')
    expect(await visits.locator('[data-test=fraction]').textContent()).toBe(fraction(was.return_visits, 2))
    expect(await page().locator('[data-test=kpi-departments]').textContent()).toContain('工程部')
    expect(await page().locator('[data-test=kpi-staff]').textContent()).toContain('黃前臺')
    expect(await page().locator('[data-test=kpi-breaches]').textContent()).toContain('沒有未達標的個案')
    await page().locator('[data-test=kpi-rates-chart] canvas').waitFor()
    await page().locator('[data-test=kpi-days-chart] canvas').waitFor()

    expect(await expectWorkbook(page())).toBe(`/api/v1/sites/1/desk/kpi.xlsx?from=${from}&to=${to}`)
    await shot(page(), 'desk-kpi')
  })

  it('gives the butler every return-visit result (FD-C)', async () => {
    await switchUser('butler')
    await page().locator('[data-test=nav-returnVisits]').click()
    await page().locator('[data-test=tab-done]').click()
    const rows = page().locator('[data-test=visits-table] tbody tr').filter({ hasText: caseNumber })
    await expect.poll(() => rows.count()).toBe(2)
    const text = (await rows.allTextContents()).join(' ')
    expect(text).toContain('不滿意')
    expect(text).toContain('滿意')
    await shot(page(), 'desk-return-visits')
  })

  it('finds the case by the caller\u2019s phone, status and category', async () => {
    await page().goto('/cases?status=archived&category=complaint&phone=91000000')
    const rows = page().locator('[data-test=cases-table] tbody tr')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().textContent()).toContain(caseNumber)
    await page().goto('/cases?status=recorded&phone=91000000')
    await page().locator('[data-test=cases-table]').getByText('暫無資料').waitFor()
  })
})

describe('a return visit the desk cannot make (FD-C)', () => {
  type C = { id: number; version: number; number: string }
  it('goes to the butler after three unanswered calls, and the butler\u2019s outcome archives the case', async () => {
    await switchUser('frontdesk')
    const dept = (await apiGet<{ items: { id: number }[] }>(page(), '/sites/1/departments?kind=engineering')).items[0]!.id
    let c = await apiSend<C>(page(), 'POST', '/sites/1/cases', {
      channel: 'phone',
      category: 'other',
      caller_name: '梁太',
      caller_phone: '64567890',
      content: `信箱門鉸損壞。${content.slice(-4)}`,
      read_back_confirmed: true,
    })
    c = await apiSend<C>(page(), 'POST', `/cases/${c.id}/dispatch`, { department_id: dept }, c.version)
    await switchUser('enghead')
    c = await apiSend<C>(page(), 'POST', `/cases/${c.id}/accept`, {}, c.version)
    c = await apiSend<C>(page(), 'POST', `/cases/${c.id}/complete`, { feedback: '已更換門鉸' }, c.version)
    await switchUser('frontdesk')
    for (let i = 0; i < 3; i++) c = await apiSend<C>(page(), 'POST', `/cases/${c.id}/return-visit`, { outcome: 'unreachable' }, c.version)
    // The desk cannot finish it: the outcome is the butler's.
    await page().goto(`/cases/${c.id}`)
    await page().locator('[data-test=case-actions]').waitFor()
    expect(await page().locator('[data-test=action-butler_outcome]').count()).toBe(0)

    await switchUser('butler')
    await page().goto('/return-visits?tab=escalated')
    await page().locator('[data-test=visits-table]').getByText(c.number).click()
    await page().waitForURL(new RegExp(`/cases/${c.id}$`))
    await page().locator('[data-test=action-butler_outcome]').click()
    const dialog = page().locator('.el-dialog')
    await dialog.waitFor()
    await page().locator('[data-test=outcome-unreachable]').click()
    expect(await dialog.textContent()).toContain('仍未能聯絡')
    await dialog.locator('[data-test=save]').click()
    // Unreachable for the butler too needs what was tried: the server says so on the field.
    await dialog.locator('.el-form-item.is-error .el-form-item__error').getByText('請寫明跟進情況').waitFor()
    await dialog.locator('textarea[data-test=action-note]').fill('上門兩次並留字條，仍未能聯絡')
    await shot(page(), 'desk-butler-outcome', { fullPage: false })
    await dialog.locator('[data-test=save]').click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(status).toContain('已歸檔')
    expect(await page().locator('[data-test=case-visits]').textContent()).toContain('未能聯絡')
    expect(await page().locator('[data-test=timeline]').textContent()).toContain('管家回訪結果')
  })
})

describe('service desk at 390 px', () => {
  let phone: Browser
  beforeAll(async () => {
    phone = await openBrowser({ width: 390, height: 844 })
    await signIn(phone.page, 'frontdesk')
  })
  afterAll(() => phone?.close())
  const width = () => phone.page.evaluate(() => document.documentElement.scrollWidth)

  it('fits the intake form, the case, the lists and the KPIs on a phone', async () => {
    await phone.page.goto('/cases/new')
    await phone.page.locator('[data-test=four-clears]').waitFor()
    await phone.page.locator('[data-test=category-complaint]').click()
    expect(await width()).toBeLessThanOrEqual(390)
    await shot(phone.page, 'phone-desk-intake')

    for (const [path, name] of [
      [`/cases/${caseId}`, 'phone-desk-case'],
      ['/cases', 'phone-desk-cases'],
      ['/return-visits?tab=done', 'phone-desk-return-visits'],
      ['/return-visits?tab=pending&overdue=true', 'phone-desk-return-visits-overdue'],
      ['/desk/kpi', 'phone-desk-kpi'],
      [`/cases/${caseId}/print`, 'phone-desk-print'],
    ] as const) {
      await phone.page.goto(path)
      await phone.page.waitForLoadState('networkidle')
      expect(await width(), path).toBeLessThanOrEqual(390)
      await shot(phone.page, name)
    }
  })

  it('opens a step as a full-screen dialog', async () => {
    await phone.page.goto('/cases/new')
    await phone.page.locator('[data-test=caller-visitor]').click()
    await phone.page.locator('input[data-test=caller-name]').fill('李訪客')
    await phone.page.locator('textarea[data-test=content]').fill('查詢會所開放時間')
    await phone.page.locator('[data-test=read-back]').click()
    await phone.page.locator('[data-test=save]').click()
    await phone.page.waitForURL(/\/cases\/\d+$/)
    await phone.page.locator('[data-test=action-reply]').click()
    const dialog = phone.page.locator('.el-dialog')
    await dialog.waitFor()
    expect((await dialog.boundingBox())?.width).toBe(390)
    await shot(phone.page, 'phone-desk-reply')
    await dialog.locator('textarea[data-test=action-reply]').fill('會所每日 7:00 至 22:00 開放。')
    await dialog.locator('[data-test=save]').click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => phone.page.locator('[data-test=case-status]').textContent()).toContain('已答覆')
  })
})
