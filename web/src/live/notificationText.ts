import type { Notification } from '@/api/types'

type T = (key: string, named?: Record<string, unknown>) => string
type Te = (key: string) => boolean

/** The record number a title names: a case's C000042 from its link /cases/42. */
export function recordNumber(link: string | null): string {
  const m = /^\/cases\/(\d+)$/.exec(link ?? '')
  return m ? 'C' + m[1]!.padStart(6, '0') : ''
}

/** Kinds the UI knows get a title in the user's language; others keep the server's title. */
export function notificationTitle(n: Notification, t: T, te: Te): string {
  const key = `notifications.kinds.${n.kind}`
  return te(key) ? t(key, { number: recordNumber(n.link) }).trim() : n.title
}
