import { describe, expect, it } from 'vitest'
import type { Notification } from '@/api/types'
import { notificationTitle, recordNumber, titleSubject } from './notificationText'

const n = (kind: string, link: string | null, title = 'server title'): Notification => ({
  id: 1,
  kind,
  title,
  body: '',
  link,
  created_at: '2026-11-28T10:00:00Z',
  read: false,
})
const messages: Record<string, string> = {
  'notifications.kinds.case_dispatched': '新派單 {number}',
  'notifications.kinds.test': '測試通知',
  'notifications.kinds.work_order_issued': '新派工單 {number}',
  'notifications.kinds.parking_free_request': 'Free exit to approve {subject}',
  'notifications.kinds.parking_free_request_policy': 'Policy exit to confirm {subject}',
  'notifications.kinds.parking_free_approved': 'Free exit approved {subject}',
  'notifications.kinds.parking_free_refused': 'Free exit refused {subject}',
  'notifications.kinds.parking_understaffed': 'Lane short of staff: {subject}',
}
const te = (k: string) => k in messages
const t = (k: string, named?: Record<string, unknown>) =>
  (messages[k] ?? k).replace(/\{(\w+)\}/g, (_, name: string) => String(named?.[name] ?? ''))

describe('notification titles', () => {
  it('translate the desk\u2019s kinds with the case number from the link', () => {
    expect(notificationTitle(n('case_dispatched', '/cases/42', '新派單 C000042'), t, te)).toBe('新派單 C000042')
    expect(recordNumber('/cases/1234567')).toBe('C1234567')
    expect(recordNumber('/repairs/12')).toBe('R000012')
  })

  it('take a number from the server\u2019s title when the link has none', () => {
    expect(notificationTitle(n('work_order_issued', '/work-orders/3', '派工單 PG2026-0003'), t, te)).toBe('新派工單 PG2026-0003')
  })

  it('keep the server\u2019s title for kinds the UI does not know', () => {
    expect(notificationTitle(n('something_new', '/cases/1'), t, te)).toBe('server title')
  })

  it('need no number for kinds without a record', () => {
    expect(notificationTitle(n('test', null), t, te)).toBe('測試通知')
    expect(recordNumber('/units/3')).toBe('')
  })

  it('name the car park\u2019s plate or lane, each kind its own (PK-6, PK-10)', () => {
    expect(notificationTitle(n('parking_free_request', '/parking/approvals/3', '免費放行待批准 粵B23456'), t, te)).toBe('Free exit to approve 粵B23456')
    expect(notificationTitle(n('parking_free_request_policy', '/parking/approvals/4', '政策性免費待確認 粵B23456'), t, te)).toBe('Policy exit to confirm 粵B23456')
    expect(notificationTitle(n('parking_free_approved', '/parking/visits/9', '免費放行已批准 粵B23456'), t, te)).toBe('Free exit approved 粵B23456')
    expect(notificationTitle(n('parking_free_refused', '/parking/visits/9', '免費放行不獲批准 粵B23456'), t, te)).toBe('Free exit refused 粵B23456')
    expect(notificationTitle(n('parking_understaffed', '/parking/peak', '車道人手不足 出口 A'), t, te)).toBe('Lane short of staff: 出口 A')
    expect(titleSubject('停車場事件')).toBe('')
  })
})
