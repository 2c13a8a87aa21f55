import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhTW from '@/i18n/zh-TW.json'
import en from '@/i18n/en.json'
import { auditDiff, type AuditView } from './auditDiff'

function view(entity: string, locale: 'zh-TW' | 'en' = 'zh-TW'): AuditView {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-TW': zhTW, en } })
  const { t, te } = i18n.global
  return {
    entity,
    t: (k, p) => (p ? t(k, p) : t(k)),
    te: (k) => te(k),
    dateTime: (v) => `DT(${v})`,
    money: (c) => `$${(c / 100).toFixed(2)}`,
  }
}

const noCodes = (rows: { label: string; before: string; after: string }[]) => {
  const text = rows.map((r) => `${r.label} ${r.before} ${r.after}`).join('\n')
  expect(text).not.toMatch(/[{}[\]"]/)
  expect(text).not.toMatch(/_id|_at|_cents/)
}

describe('auditDiff', () => {
  it('lists only the fields that changed, with the form label, without bookkeeping', () => {
    const before = { id: 1, number: '12A', floor: 12, version: 1, updated_at: 'a', building_id: 3 }
    const after = { id: 1, number: '12B', floor: 12, version: 2, updated_at: 'b', building_id: 4 }
    expect(auditDiff(before, after, view('unit'))).toEqual([
      { field: 'number', label: '單位號', before: '12A', after: '12B' },
    ])
  })

  it('shows what a record was created with: lists joined, linked units in words', () => {
    const after = {
      id: 7,
      site_id: 1,
      name: '陳大文',
      phones: ['91234567', '23456789'],
      email: '',
      units: [{ unit_id: 4, building_name: '第一座', unit_number: '12A', relation: 'owner' }],
      created_at: '2026-12-01T09:00:00+08:00',
    }
    const rows = auditDiff(null, after, view('resident'))
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ['姓名', '—', '陳大文'],
      ['電話', '—', '91234567、23456789'],
      ['單位', '—', '第一座 12A（業主）'],
    ])
    noCodes(rows)
  })

  it('names statuses, categories and channels, and shows times in the site zone', () => {
    const before = { status: 'recorded', category: 'complaint', due_at: '2026-12-01T10:00:00+08:00', department: null }
    const after = {
      status: 'dispatched',
      category: 'complaint',
      due_at: '2026-12-02T10:00:00+08:00',
      department: { id: 2, name: '工程部' },
    }
    const rows = auditDiff(before, after, view('case'))
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ['狀態', '已記錄', '已派單'],
      ['完成期限', 'DT(2026-12-01T10:00:00+08:00)', 'DT(2026-12-02T10:00:00+08:00)'],
      ['負責部門', '—', '工程部'],
    ])
    noCodes(rows)
  })

  it('shows money as money and yes/no in words', () => {
    const rows = auditDiff(
      { total_cents: 0, restored: false, status: 'on_site' },
      { total_cents: 12500, restored: true, status: 'completed' },
      view('repair'),
    )
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ['合計', '$0.00', '$125.00'],
      ['已恢復原狀', '否', '是'],
      ['狀態', '已到場', '已完成'],
    ])
  })

  it('tells a nested proposal in words, never JSON', () => {
    const rows = auditDiff(
      { proposal: null },
      { proposal: { solution: '更換水龍頭', materials: '', minutes: 30, price_cents: 30000, proposed_at: null } },
      view('repair'),
    )
    expect(rows[0].label).toBe('勘查報價')
    expect(rows[0].after).toBe('勘查及維修方案：更換水龍頭；預計工時：30；預計收費：$300.00')
    noCodes(rows)
  })

  it('hides an unlabelled field by name: shown only as "other" when nothing else changed', () => {
    expect(auditDiff({ zz_flag: 'a', number: '1' }, { zz_flag: 'b', number: '2' }, view('unit'))).toEqual([
      { field: 'number', label: '單位號', before: '1', after: '2' },
    ])
    const rows = auditDiff({ zz_flag: 'a' }, { zz_flag: 'b' }, view('unit'))
    expect(rows.map((r) => r.label)).toEqual(['其他'])
  })

  it('counts lists of lists instead of printing them', () => {
    const rows = auditDiff({ notes: [] }, { notes: [[1], [2]] }, view('resident'))
    expect(rows[0].after).toBe('2 項')
  })

  it('speaks the user language: English labels and enum names', () => {
    const rows = auditDiff({ status: 'inside', plate: 'AB1234' }, { status: 'exited', plate: 'AB1234' }, view('parking_visit', 'en'))
    expect(rows).toHaveLength(1)
    expect(rows[0].label).toBe('Status')
    expect(rows[0].after).not.toBe('exited')
    noCodes(rows)
  })

  it('compares lists and objects by value', () => {
    expect(auditDiff({ units: [{ unit_id: 1 }] }, { units: [{ unit_id: 1 }] }, view('resident'))).toEqual([])
  })
})
