// Who is signed in, the site they are working in, and their language.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, ApiError, del, get } from '@/api/client'
import type { Language, Me, MySite } from '@/api/types'
import { applyLanguage, currentLanguage } from '@/i18n'
import { can as canDo, type Permission } from '@/nav/access'

const siteKey = (userId: number) => `propdesk.site.${userId}`

export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  /** GET /me has been answered once (signed in or not). */
  const loaded = ref(false)
  const siteId = ref<number | null>(null)

  const site = computed<MySite | null>(() => me.value?.sites.find((s) => s.id === siteId.value) ?? null)
  /** Where times are shown when no site is chosen (a system admin before any site exists). */
  const timeZone = computed(() => site.value?.time_zone ?? 'Asia/Hong_Kong')
  const currency = computed(() => site.value?.currency ?? 'HKD')

  function chooseSite(user: Me): number | null {
    const saved = Number(localStorage.getItem(siteKey(user.id)))
    if (user.sites.some((s) => s.id === saved)) return saved
    return user.sites[0]?.id ?? null
  }

  async function adopt(user: Me): Promise<void> {
    me.value = user
    siteId.value = chooseSite(user)
    if (user.language !== currentLanguage()) await applyLanguage(user.language)
  }

  async function load(): Promise<void> {
    try {
      await adopt(await get<Me>('/me', { quiet401: true }))
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e
      me.value = null
    } finally {
      loaded.value = true
    }
  }

  /** Throws ApiError: 401 wrong login or password, 429 throttled (retryAfter seconds). */
  async function signIn(login: string, password: string): Promise<void> {
    const user = await api<Me>('POST', '/session', { body: { login, password }, quiet401: true })
    await adopt(user)
    loaded.value = true
  }

  async function signOut(): Promise<void> {
    try {
      await del('/session', { quiet401: true })
    } catch {
      // the session may already be gone server-side; signing out locally is what matters
    }
    forget()
  }

  /** The server no longer knows this session (expired, ended elsewhere). */
  function forget(): void {
    me.value = null
    siteId.value = null
  }

  function setSite(id: number): void {
    if (!me.value?.sites.some((s) => s.id === id)) return
    siteId.value = id
    localStorage.setItem(siteKey(me.value.id), String(id))
  }

  /** Applies the language now and saves it to the account, so it follows the user to any device. */
  async function setLanguage(lang: Language): Promise<void> {
    await applyLanguage(lang)
    if (me.value && me.value.language !== lang) {
      me.value = await api<Me>('PATCH', '/me', { body: { language: lang } })
    }
  }

  /** A site was created or renamed: the switcher and time zones come from /me. */
  async function refresh(): Promise<void> {
    const user = await get<Me>('/me')
    me.value = user
    if (!user.sites.some((s) => s.id === siteId.value)) siteId.value = chooseSite(user)
  }

  const can = (perm: Permission, site: number | null = siteId.value) => canDo(me.value, perm, site)

  return { me, loaded, siteId, site, timeZone, currency, load, signIn, signOut, forget, setSite, setLanguage, refresh, can }
})

