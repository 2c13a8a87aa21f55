// PK-6: who may decide a free exit an attendant asked for. An "approved" one (公司領導批準) is a
// manager's; a policy one for a vehicle not on the register the team lead's (or a manager's);
// never the one who asked. The server decides the same (403 not_approver, 409 self_approval);
// this only keeps the buttons from offering what would be refused, and says why.
import type { FreeRequest } from '@/api/parkingTypes'
import type { Permission } from '@/nav/access'

/** Why the user cannot decide the request, or null when they can. */
export type DecisionBlock = 'decided' | 'own' | 'manager' | 'lead' | null

export function decisionBlock(
  r: Pick<FreeRequest, 'status' | 'category' | 'requested_by'>,
  meId: number | undefined,
  can: (p: Permission) => boolean,
): DecisionBlock {
  if (r.status !== 'pending') return 'decided'
  if (r.requested_by.id === meId) return 'own'
  if (r.category === 'approved') return can('parking_approve') ? null : 'manager'
  return can('parking_approve') || can('parking_release') ? null : 'lead'
}

type T = (key: string, named?: Record<string, unknown>) => string

/** "剛剛", "5 分鐘前", "2 小時前": how long a car has waited at the barrier. */
export function agoText(at: string, now: number, t: T): string {
  const minutes = Math.floor((now - Date.parse(at)) / 60_000)
  if (!Number.isFinite(minutes) || minutes < 1) return t('approvals.ago.now')
  if (minutes < 60) return t('approvals.ago.minutes', { n: minutes })
  return t('approvals.ago.hours', { n: Math.floor(minutes / 60) })
}

/** Newest first, as the server lists them; a request that arrived live is put in its place. */
export function newestFirst<R extends Pick<FreeRequest, 'id' | 'requested_at'>>(items: R[]): R[] {
  return [...items].sort((a, b) => Date.parse(b.requested_at) - Date.parse(a.requested_at) || b.id - a.id)
}
