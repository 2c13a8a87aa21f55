// Money typed on the repair pages (特約服務收費指導標準): an amount with up to two decimals in
// the site's currency (shown with format/formatMoney), held and sent as integer cents. Parsing
// works on the text, never through floating point, so "0.29" is 29 cents and not 28.999….

/** The amount for an input box: 1234 → "12.34", 1200 → "12", null → "". */
export function yuanText(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return ''
  const negative = cents < 0
  const abs = Math.round(Math.abs(cents))
  const fraction = abs % 100
  const text = fraction === 0 ? String(Math.floor(abs / 100)) : `${Math.floor(abs / 100)}.${String(fraction).padStart(2, '0')}`
  return (negative ? '-' : '') + text
}

const YUAN = /^([+-]?)(?:¥|￥)?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{0,2}))?$/

/**
 * Typed yuan → cents: "12.3" → 1230, "¥1,200" → 120000, "-5" → -500 (when `negative` allows it).
 * Undefined for text that is not an amount (more than two decimals, letters, empty).
 */
export function parseYuan(text: string, opts: { negative?: boolean } = {}): number | undefined {
  const m = YUAN.exec(text.trim().replace(/\s+/g, ''))
  if (!m) return undefined
  const [, sign, whole = '', fraction] = m
  if (!whole && !fraction) return undefined
  if (sign === '-' && !opts.negative) return undefined
  const cents = Number(whole.replace(/,/g, '') || '0') * 100 + Number((fraction ?? '').padEnd(2, '0') || '0')
  if (!Number.isSafeInteger(cents)) return undefined
  return sign === '-' ? -cents : cents
}
