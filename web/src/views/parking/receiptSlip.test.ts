import { describe, expect, it } from 'vitest'
import type { Visit } from '@/api/parkingTypes'
import { printInFrame, receiptSlipHtml, slipLines } from './receiptSlip'

const t = (k: string, named?: Record<string, unknown>) => (named ? `${k}(${JSON.stringify(named)})` : k)
const fmt = { t, money: (c: number) => `HK$${(c / 100).toFixed(2)}`, dateTime: (v: string | null) => v ?? '', site: '翠湖花園', lang: 'zh-TW' }
const paid = {
  id: 7,
  plate: '粵B<1>',
  receipt_no: 'PK2026-000012',
  entry_at: '2026-12-07T08:00:00+08:00',
  exit_at: '2026-12-07T10:05:00+08:00',
  paid_at: '2026-12-07T10:05:00+08:00',
  paid_cents: 3000,
  payment_method: 'cash',
  payment_scheme: '',
  payment_ref: '',
  received_cents: 5000,
  change_cents: 2000,
  paid_by: { id: 2, name: '周值班員' },
} as unknown as Visit

describe('the 80 mm receipt slip (PK-5, issue 13)', () => {
  it('carries the fee, the cash received and the change', () => {
    const lines = Object.fromEntries(slipLines(paid, fmt))
    expect(lines['parking.fee']).toBe('HK$30.00')
    expect(lines['parking.received']).toBe('HK$50.00')
    expect(lines['parking.change']).toBe('HK$20.00')
    expect(lines['parking.receiptNo']).toBe('PK2026-000012')
    expect(lines['parking.paymentRef']).toBeUndefined() // nothing to print
  })

  it('carries an electronic payment\'s QR and reference instead of change', () => {
    const e = { ...paid, payment_method: 'electronic', payment_scheme: 'fps', payment_ref: 'FPS8899', received_cents: 3000, change_cents: 0 } as Visit
    const lines = Object.fromEntries(slipLines(e, fmt))
    expect(lines['parking.paymentMethod']).toBe('parking.paymentMethods.electronic (parking.schemes.fps)')
    expect(lines['parking.paymentRef']).toBe('FPS8899')
    expect(lines['parking.change']).toBeUndefined()
  })

  it('is a page 80 mm wide, with the text escaped', () => {
    const html = receiptSlipHtml(paid, fmt)
    expect(html).toContain('@page { size: 80mm auto')
    expect(html).toContain('粵B&#60;1&#62;')
    expect(html).not.toContain('粵B<1>')
    expect(html).toContain('翠湖花園')
  })

  it('prints from one hidden frame on the page, replacing the last slip', () => {
    // A document of just what printInFrame touches (the unit tests run without a DOM).
    type Fake = { attrs: Record<string, string>; style: Record<string, string>; srcdoc: string; tabIndex: number; removed: boolean; setAttribute(k: string, v: string): void; remove(): void }
    const frames: Fake[] = []
    const doc = {
      querySelector: () => frames.find((f) => !f.removed) ?? null,
      createElement: (): Fake => ({
        attrs: {},
        style: {},
        srcdoc: '',
        tabIndex: 0,
        removed: false,
        setAttribute(k, v) {
          this.attrs[k] = v
        },
        remove() {
          this.removed = true
        },
      }),
      body: { appendChild: (f: Fake) => frames.push(f) },
    } as unknown as Document
    printInFrame('<p>1</p>', doc)
    printInFrame('<p>2</p>', doc)
    const live = frames.filter((f) => !f.removed)
    expect(live.length).toBe(1)
    expect(live[0]!.srcdoc).toBe('<p>2</p>')
    expect(live[0]!.attrs['data-test']).toBe('receipt-slip-frame')
    expect(live[0]!.style.visibility).toBe('hidden')
  })
})
