// What to tell the user when a request fails, in their language. Statuses that mean the same
// thing everywhere get a translated sentence. For 400/409/422 the server's message (English)
// says something specific about the input: it is replaced by the translation of its code and
// field (apiErrors.<code>.<field>, else apiErrors.<code>.any) where the UI has one, and kept
// as it is otherwise.
import { ApiError, NETWORK_ERROR } from './client'

type Translate = (key: string, named?: Record<string, unknown>) => string
/** Whether a message key exists (vue-i18n's te). */
export type HasKey = (key: string) => boolean

/** The translated text for an error's code and field, or undefined when the UI has none. */
export function translatedApiMessage(e: ApiError, t: Translate, te: HasKey): string | undefined {
  // Nested fields (deadline_hours.repair) become one key segment (deadline_hours_repair).
  const field = e.field?.replace(/\./g, '_')
  const keys = [field ? `apiErrors.${e.code}.${field}` : '', `apiErrors.${e.code}.any`].filter(Boolean)
  const key = keys.find((k) => te(k))
  return key ? t(key) : undefined
}

/** The message to show next to the field the error names: translated where the UI can. */
export function fieldMessage(e: ApiError, t: Translate, te?: HasKey): string {
  return (te && translatedApiMessage(e, t, te)) || e.message
}

export function describeError(e: unknown, t: Translate, te?: HasKey): string {
  if (!(e instanceof ApiError)) return t('errors.unexpected')
  switch (e.status) {
    case NETWORK_ERROR:
      return t('errors.network')
    case 401:
      return t('errors.signedOut')
    case 403:
      return t('errors.forbidden')
    case 404:
      return t('errors.notFound')
    case 412:
      return t('errors.stale')
    case 413:
      return t('errors.tooLarge')
    case 429:
      return t('errors.throttled', { seconds: e.retryAfter ?? 60 })
    case 400:
    case 409:
    case 422:
      return fieldMessage(e, t, te)
    case 503:
      return t('errors.unavailable')
    default:
      return e.status >= 500 ? t('errors.server', { id: e.requestId ?? '-' }) : e.message
  }
}
