import type { Notification } from '@/api/types'

type T = (key: string) => string
type Te = (key: string) => boolean

/** Kinds the UI knows get a title in the user's language; others keep the server's title. */
export function notificationTitle(n: Notification, t: T, te: Te): string {
  const key = `notifications.kinds.${n.kind}`
  return te(key) ? t(key) : n.title
}
