// Where a signed-out user goes, and where they come back to after signing in.
import type { RouteLocationRaw } from 'vue-router'

/** The login page, remembering `fullPath` so the user returns there. */
export function loginLocation(fullPath: string): RouteLocationRaw {
  if (fullPath.startsWith('/login') || fullPath === '/') return { path: '/login' }
  return { path: '/login', query: { redirect: fullPath } }
}

/** Only a path inside this app is followed after sign-in ("//evil.example" is not). */
export function safeRedirect(raw: unknown): string {
  const v = Array.isArray(raw) ? raw[0] : raw
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\')) return '/'
  if (v.startsWith('/login')) return '/'
  return v
}
