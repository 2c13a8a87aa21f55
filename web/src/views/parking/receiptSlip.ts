// The parking receipt as an 80 mm thermal slip (PK-5; issue 13), printed from the booth without
// leaving the live page: the slip is its own small document (no app, no fonts to fetch), printed
// from a hidden frame with @page 80 mm wide. The A4 receipt (ReceiptPrintView) stays available.
import type { Visit } from '@/api/parkingTypes'
import { durationText, stayMinutes } from './parkingDisplay'

type T = (key: string, named?: Record<string, unknown>) => string
export interface SlipFormat {
  t: T
  money: (cents: number) => string
  dateTime: (v: string | null) => string
  /** The site's name, printed at the top. */
  site: string
  /** The UI language, for the document's lang. */
  lang: string
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The slip's lines: a label and its value; empty values are left out. */
export function slipLines(v: Visit, f: SlipFormat): [string, string][] {
  const { t } = f
  const out: [string, string][] = [
    [t('parking.receiptNo'), v.receipt_no ?? t('parkingReceipt.none')],
    [t('parking.plate'), v.plate],
    [t('parking.entryAt'), f.dateTime(v.entry_at)],
    [t('parking.exitAt'), f.dateTime(v.exit_at ?? v.paid_at)],
    [t('parking.duration'), durationText(stayMinutes(v.entry_at, v.exit_at ?? v.paid_at, Date.now()), t)],
    [t('parking.fee'), f.money(v.paid_cents)],
    [t('parking.paymentMethod'), v.payment_method ? t(`parking.paymentMethods.${v.payment_method}`) + (v.payment_scheme ? ` (${t(`parking.schemes.${v.payment_scheme}`)})` : '') : ''],
  ]
  if (v.payment_method === 'cash') {
    out.push([t('parking.received'), f.money(v.received_cents)], [t('parking.change'), f.money(v.change_cents)])
  }
  out.push([t('parking.paymentRef'), v.payment_ref], [t('parking.paidAt'), f.dateTime(v.paid_at)], [t('parking.attendant'), v.paid_by?.name ?? ''])
  return out.filter(([, value]) => value !== '')
}

/** The whole slip as an HTML document, sized for an 80 mm roll (72 mm printable). */
export function receiptSlipHtml(v: Visit, f: SlipFormat): string {
  const rows = slipLines(v, f)
    .map(([label, value]) => `<tr><th>${escape(label)}</th><td>${escape(value)}</td></tr>`)
    .join('')
  return `<!doctype html><html lang="${escape(f.lang)}"><head><meta charset="utf-8"><title>${escape(v.receipt_no ?? v.plate)}</title>
<style>
@page { size: 80mm auto; margin: 3mm 4mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { width: 72mm; font: 12px/1.35 "Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", sans-serif; }
h1 { font-size: 15px; text-align: center; margin: 0 0 1mm; }
.site { text-align: center; font-size: 12px; margin: 0 0 2mm; }
table { width: 100%; border-collapse: collapse; border-top: 1px dashed #000; border-bottom: 1px dashed #000; }
th { text-align: left; font-weight: 400; white-space: nowrap; padding: 0.6mm 2mm 0.6mm 0; vertical-align: top; }
td { text-align: right; padding: 0.6mm 0; word-break: break-all; }
.plate td, .fee td { font-size: 15px; font-weight: 700; }
.thanks { text-align: center; margin: 2mm 0 0; }
</style></head><body data-test="receipt-slip">
<h1>${escape(f.t('parkingReceipt.title'))}</h1>
<p class="site">${escape(f.site)}</p>
<table>${rows}</table>
<p class="thanks">${escape(f.t('parkingReceipt.thanks'))}</p>
</body></html>`
}

/**
 * Prints a document from a hidden frame on this page, so the booth stays live behind the print
 * dialog. The frame stays until the next slip (printing is asynchronous in some browsers).
 */
export function printInFrame(html: string, doc: Document = document): HTMLIFrameElement {
  doc.querySelector('iframe[data-test="receipt-slip-frame"]')?.remove()
  const frame = doc.createElement('iframe')
  frame.setAttribute('data-test', 'receipt-slip-frame')
  frame.setAttribute('aria-hidden', 'true')
  frame.tabIndex = -1
  Object.assign(frame.style, { position: 'fixed', right: '0', bottom: '0', width: '0', height: '0', border: '0', visibility: 'hidden' })
  frame.onload = () => {
    frame.contentWindow?.focus()
    frame.contentWindow?.print()
  }
  frame.srcdoc = html
  doc.body.appendChild(frame)
  return frame
}
