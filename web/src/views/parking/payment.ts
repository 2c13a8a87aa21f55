// Taking a fee at the booth or at a release (PK-5, PK-8; issue 13). Cash: what the driver hands
// over is at least the fee, and the change is what is over — shown as it is typed, and recorded
// by the server with the payment. Electronic: the driver scans the car park's QR (FPS, WeChat
// Pay or Alipay) and the payment's reference is recorded. The server checks the same (amount_short,
// required reference); these say it before anything is sent.
import type { PaymentInput } from '@/api/parking'
import type { Lot, PaymentMethod, PayScheme } from '@/api/parkingTypes'
import { PAY_SCHEMES } from '@/api/parkingTypes'

export interface PaymentForm {
  method: PaymentMethod
  reference: string
  /** The QR the driver scanned; '' when not said. */
  scheme: PayScheme | ''
  /** Cash handed over; undefined is exactly the fee. */
  received_cents: number | undefined
}

export const blankPayment = (): PaymentForm => ({ method: 'cash', reference: '', scheme: '', received_cents: undefined })

/** The change for cash handed over: 0 for exactly the fee, null when it is short of it. */
export function changeDue(feeCents: number, receivedCents: number | undefined): number | null {
  const received = receivedCents ?? feeCents
  return received < feeCents ? null : received - feeCents
}

/** The first field the server would refuse: the reference of an electronic payment, cash short of the fee. */
export function paymentMissing(f: PaymentForm, feeCents: number): 'reference' | 'received_cents' | null {
  if (f.method === 'electronic') return f.reference.trim() ? null : 'reference'
  return changeDue(feeCents, f.received_cents) === null ? 'received_cents' : null
}

export function paymentBody(f: PaymentForm, feeCents: number): PaymentInput {
  if (f.method === 'electronic')
    return { method: 'electronic', amount_cents: feeCents, ...(f.reference.trim() ? { reference: f.reference.trim() } : {}), ...(f.scheme ? { scheme: f.scheme } : {}) }
  return { method: 'cash', amount_cents: feeCents, ...(f.received_cents !== undefined ? { received_cents: f.received_cents } : {}) }
}

/** The schemes whose QR image the car park has uploaded, in a fixed order. */
export function qrSchemes(lot: Pick<Lot, 'pay_qr'> | undefined | null): { scheme: PayScheme; fileId: number }[] {
  if (!lot?.pay_qr) return []
  return PAY_SCHEMES.flatMap((scheme) => (lot.pay_qr[scheme] ? [{ scheme, fileId: lot.pay_qr[scheme]! }] : []))
}

/** HK notes and the coins above ten dollars, in cents: what a driver usually hands over. */
const NOTES = [1000, 2000, 5000, 10000, 50000, 100000]

/**
 * One-tap amounts for the cash handed over: exactly the fee, then the fee rounded up to the next
 * ten, fifty and hundred dollars and the next notes — at most four, each more than the last.
 */
export function cashSuggestions(feeCents: number): number[] {
  if (feeCents <= 0) return []
  const up = (step: number) => Math.ceil(feeCents / step) * step
  const out = [feeCents, up(1000), up(5000), up(10000), ...NOTES.filter((n) => n > feeCents)]
  return [...new Set(out)].sort((a, b) => a - b).slice(0, 4)
}
