// UI languages. Traditional Chinese is the default and ships with the first page; the other two
// (and their Element Plus locales) load when chosen, so the login page stays small.
import type { Language as ElementLanguage } from 'element-plus/es/locale'
import elZhTw from 'element-plus/es/locale/lang/zh-tw.mjs'
import { shallowRef } from 'vue'
import { createI18n } from 'vue-i18n'
import type { Language } from '@/api/types'
import zhTW from './zh-TW.json'

/** Each language named in itself; `short` fits a phone's header. */
export const LANGUAGES: { code: Language; label: string; short: string }[] = [
  { code: 'zh-TW', label: '繁體中文', short: '繁' },
  { code: 'zh-CN', label: '简体中文', short: '简' },
  { code: 'en', label: 'English', short: 'EN' },
]
export const DEFAULT_LANGUAGE: Language = 'zh-TW'
const STORAGE_KEY = 'propdesk.language'

type Messages = typeof zhTW

// Messages are typed by the default language; the parity test keeps the other two in step.
export const i18n = createI18n({
  legacy: false,
  locale: DEFAULT_LANGUAGE as string,
  fallbackLocale: DEFAULT_LANGUAGE,
  messages: { 'zh-TW': zhTW } as Record<string, Messages>,
})

/** Element Plus's own strings (pagination, date pickers, dialogs), following the UI language. */
export const elementLocale = shallowRef<ElementLanguage>(elZhTw)

const loaders: Record<Language, () => Promise<[Messages, ElementLanguage]>> = {
  'zh-TW': async () => [zhTW, elZhTw],
  'zh-CN': async () =>
    Promise.all([
      import('./zh-CN.json').then((m) => m.default),
      import('element-plus/es/locale/lang/zh-cn.mjs').then((m) => m.default),
    ]),
  en: async () =>
    Promise.all([
      import('./en.json').then((m) => m.default),
      import('element-plus/es/locale/lang/en.mjs').then((m) => m.default),
    ]),
}
const elementLocales = new Map<Language, ElementLanguage>([['zh-TW', elZhTw]])

export function isLanguage(v: unknown): v is Language {
  return LANGUAGES.some((l) => l.code === v)
}

export function currentLanguage(): Language {
  return i18n.global.locale.value as Language
}

/** Switches the UI (and Element Plus) to `lang`, loading its messages the first time. */
export async function applyLanguage(lang: Language): Promise<void> {
  if (!elementLocales.has(lang)) {
    const [messages, el] = await loaders[lang]()
    i18n.global.setLocaleMessage(lang, messages)
    elementLocales.set(lang, el)
  }
  i18n.global.locale.value = lang
  elementLocale.value = elementLocales.get(lang)!
  document.documentElement.lang = lang === 'en' ? 'en' : lang === 'zh-CN' ? 'zh-Hans' : 'zh-Hant'
  localStorage.setItem(STORAGE_KEY, lang)
}

/** The language this browser last used (before anyone signs in), or the default. */
export function storedLanguage(): Language {
  const v = localStorage.getItem(STORAGE_KEY)
  return isLanguage(v) ? v : DEFAULT_LANGUAGE
}
