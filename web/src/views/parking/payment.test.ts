import { describe, expect, it } from 'vitest'
import { blankPayment, cashSuggestions, changeDue, paymentBody, paymentMissing, qrSchemes } from './payment'

describe('taking a fee at the booth (PK-5, issue 13)', () => {
  it('computes the change from the cash handed over, and says when it is short of the fee', () => {
    expect(changeDue(3000, undefined)).toBe(0) // exactly the fee
    expect(changeDue(3000, 3000)).toBe(0)
    expect(changeDue(3000, 5000)).toBe(2000)
    expect(changeDue(3000, 10000)).toBe(7000)
    expect(changeDue(3000, 2999)).toBeNull()
    expect(changeDue(3000, 0)).toBeNull()
  })

  it('refuses cash short of the fee and an electronic payment without its reference, before sending', () => {
    const cash = { ...blankPayment(), received_cents: 2000 }
    expect(paymentMissing(cash, 3000)).toBe('received_cents')
    expect(paymentMissing({ ...cash, received_cents: 5000 }, 3000)).toBeNull()
    expect(paymentMissing(blankPayment(), 3000)).toBeNull() // exactly the fee
    const e = { ...blankPayment(), method: 'electronic' as const, reference: '   ' }
    expect(paymentMissing(e, 3000)).toBe('reference')
    // The cash typed before switching to electronic does not count against it.
    expect(paymentMissing({ ...e, reference: 'FPS123', received_cents: 100 }, 3000)).toBeNull()
  })

  it('sends what the server takes: the cash received, or the reference and the QR scanned', () => {
    expect(paymentBody({ ...blankPayment(), received_cents: 5000 }, 3000)).toEqual({ method: 'cash', amount_cents: 3000, received_cents: 5000 })
    expect(paymentBody(blankPayment(), 3000)).toEqual({ method: 'cash', amount_cents: 3000 })
    expect(paymentBody({ method: 'electronic', reference: ' WX9 ', scheme: 'wechat', received_cents: 5000 }, 3000)).toEqual({
      method: 'electronic',
      amount_cents: 3000,
      reference: 'WX9',
      scheme: 'wechat',
    })
  })

  it('offers one-tap cash amounts above the fee, at most four', () => {
    expect(cashSuggestions(3000)).toEqual([3000, 5000, 10000, 50000])
    expect(cashSuggestions(2350)).toEqual([2350, 3000, 5000, 10000])
    expect(cashSuggestions(15000)).toEqual([15000, 20000, 50000, 100000])
    expect(cashSuggestions(0)).toEqual([])
  })

  it('lists the QRs the car park uploaded, in a fixed order', () => {
    expect(qrSchemes({ pay_qr: { fps: null, wechat: 7, alipay: 3 } })).toEqual([
      { scheme: 'wechat', fileId: 7 },
      { scheme: 'alipay', fileId: 3 },
    ])
    expect(qrSchemes(undefined)).toEqual([])
  })
})
