// Calendar dates and wall-clock times of the site, whatever zone the browser is in: "today" for a
// period picker, and a deadline typed as the site's local time turned into an instant.

const partsCache = new Map<string, Intl.DateTimeFormat>()
function partsIn(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    partsCache.set(timeZone, f)
  }
  return f
}

function wallClock(ms: number, timeZone: string) {
  const p = Object.fromEntries(partsIn(timeZone).formatToParts(new Date(ms)).map((x) => [x.type, x.value]))
  return { y: +p.year!, mo: +p.month!, d: +p.day!, h: +p.hour!, mi: +p.minute!, s: +p.second! }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** The site's calendar date of an instant, as YYYY-MM-DD. */
export function siteDate(v: number | Date, timeZone: string): string {
  const c = wallClock(v instanceof Date ? v.getTime() : v, timeZone)
  return `${pad(c.y, 4)}-${pad(c.mo)}-${pad(c.d)}`
}

/** First and last day (YYYY-MM-DD) of the site's month that holds `v`. */
export function siteMonth(v: number | Date, timeZone: string): { from: string; to: string } {
  const today = siteDate(v, timeZone)
  const [y, m] = today.split('-').map(Number) as [number, number]
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: `${pad(y, 4)}-${pad(m)}-01`, to: `${pad(y, 4)}-${pad(m)}-${pad(last)}` }
}

/** Minutes the zone is ahead of UTC at instant `ms`. */
function offsetMinutes(ms: number, timeZone: string): number {
  const c = wallClock(ms, timeZone)
  const asUtc = Date.UTC(c.y, c.mo - 1, c.d, c.h, c.mi, c.s)
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000)
}

/**
 * "YYYY-MM-DD HH:mm" read as the site's wall-clock time → the instant, as RFC 3339 in UTC.
 * Undefined for text that is not such a time.
 */
export function siteTimeToInstant(wall: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(wall.trim())
  if (!m) return undefined
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number]
  const naive = Date.UTC(y, mo - 1, d, h, mi)
  // The offset at the guessed instant, then again at the corrected one (they differ only near a
  // change of summer time).
  let ms = naive - offsetMinutes(naive, timeZone) * 60000
  ms = naive - offsetMinutes(ms, timeZone) * 60000
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z')
}
