import type { Notification } from '@/api/types'

type T = (key: string, named?: Record<string, unknown>) => string
type Te = (key: string) => boolean

const NUMBERED: [RegExp, string][] = [
  [/^\/cases\/(\d+)$/, 'C'],
  [/^\/repairs\/(\d+)$/, 'R'],
]

/** The record number a title names: a case's C000042 from its link /cases/42, a repair's R000007. */
export function recordNumber(link: string | null): string {
  for (const [pattern, prefix] of NUMBERED) {
    const m = pattern.exec(link ?? '')
    if (m) return prefix + m[1]!.padStart(6, '0')
  }
  return ''
}

/** A number the server wrote into its title (a work order's PG2026-0001, a receipt's WX2026-000001). */
const TITLE_NUMBER = /[A-Z]{1,3}\d{4}-\d+|[A-Z]\d{6,}/

/** What a car-park title names after its words: the plate or the lane (車輛扣留 粵B88888 → 粵B88888). */
export function titleSubject(title: string): string {
  const at = title.indexOf(' ')
  return at < 0 ? '' : title.slice(at + 1).trim()
}

/** Kinds the UI knows get a title in the user's language; others keep the server's title. */
export function notificationTitle(n: Notification, t: T, te: Te): string {
  const key = `notifications.kinds.${n.kind}`
  const number = recordNumber(n.link) || (TITLE_NUMBER.exec(n.title)?.[0] ?? '')
  return te(key) ? t(key, { number, subject: titleSubject(n.title) }).trim() : n.title
}
