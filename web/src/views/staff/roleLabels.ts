import type { MySite, StaffRole } from '@/api/types'

/** "海濱花園 · 前臺" — a role with the site it is held in (site omitted when there is only one). */
export function roleLabel(r: StaffRole, sites: MySite[], t: (key: string) => string): string {
  const role = t(`roles.${r.role}`)
  if (sites.length <= 1) return role
  const site = sites.find((s) => s.id === r.site_id)?.name ?? `#${r.site_id}`
  return `${site} · ${role}`
}
