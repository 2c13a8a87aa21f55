// What to tell the user when a request fails, in their language. Statuses that mean the same
// thing everywhere get a translated sentence. For 400/403/409/422 the server's code says what
// was refused (its English message is for logs): it is translated by code and field, with the
// refusal's parameters ({plate}, {due}, {status}…) filled in, and the server's message is kept
// only where the UI has no translation. The keys tried, in order:
//   apiErrors.<code>.<field>        a code on one field (conflict.plate)
//   apiErrors.<code>.<list>         a field inside a list, by its list (charges[1].quantity: charges)
//   apiErrors.<code>.any            a code that says the same whatever the field (vehicle_held)
//   apiErrors.validation_failed.<field>   a 422 on a field the UI knows (licence_file_id)
//   apiErrors.<code>.fallback       a general code's last word (required: 「請填寫此項。」)
// Parameters read as the user expects: `*_cents` also as money without the suffix (due_cents →
// {due}), and a value the UI can name (status held, purpose licence) by apiErrors.values.<param>.<value>.
import { ApiError, NETWORK_ERROR } from './client'

type Translate = (key: string, named?: Record<string, unknown>) => string
/** Whether a message key exists (vue-i18n's te). */
export type HasKey = (key: string) => boolean

/** How an amount in cents reads in a message; the app sets the site's currency and language. */
let moneyText: (cents: number) => string = (cents) => (cents / 100).toFixed(2)
export function setErrorMoneyFormat(format: (cents: number) => string): void {
  moneyText = format
}

/** The refusal's parameters as the message shows them. */
export function messageParams(e: ApiError, t: Translate, te: HasKey): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(e.params)) {
    out[name] = value
    if (typeof value === 'number' && name.endsWith('_cents')) out[name.slice(0, -'_cents'.length)] = moneyText(value)
    const named = `apiErrors.values.${name}.${value}`
    if (typeof value === 'string' && te(named)) out[name] = t(named)
  }
  return out
}

/** The translated text for an error's code and field, or undefined when the UI has none. */
export function translatedApiMessage(e: ApiError, t: Translate, te: HasKey): string | undefined {
  // Nested fields (deadline_hours.repair) become one key segment (deadline_hours_repair).
  const field = e.field?.replace(/[.[\]]+/g, '_').replace(/_$/, '')
  // A field inside a list (charges[1].price_item_id) also reads as its list's (charges).
  const root = e.field?.includes('[') ? e.field.split(/[.[]/)[0] : ''
  const keys = [
    field ? `apiErrors.${e.code}.${field}` : '',
    root ? `apiErrors.${e.code}.${root}` : '',
    `apiErrors.${e.code}.any`,
    field && e.status === 422 ? `apiErrors.validation_failed.${field}` : '',
    `apiErrors.${e.code}.fallback`,
  ].filter(Boolean)
  const key = keys.find((k) => te(k))
  return key ? t(key, messageParams(e, t, te)) : undefined
}

/**
 * The message to show next to the field the error names, always in the user's language: by its
 * code and field where the UI has one, else what the status means. The server's English message
 * is for the logs and never reaches the screen.
 */
export function fieldMessage(e: ApiError, t: Translate, te: HasKey): string {
  return translatedApiMessage(e, t, te) ?? t(e.status === 422 ? 'errors.invalid' : e.status === 409 ? 'errors.conflict' : 'errors.badRequest')
}

export function describeError(e: unknown, t: Translate, te: HasKey): string {
  if (!(e instanceof ApiError)) return t('errors.unexpected')
  switch (e.status) {
    case NETWORK_ERROR:
      return t('errors.network')
    case 401:
      return t('errors.signedOut')
    case 403:
      // A decision this role may not take says which (not_approver); anything else is "not allowed".
      return translatedApiMessage(e, t, te) ?? t('errors.forbidden')
    case 404:
      return t('errors.notFound')
    case 412:
      return t('errors.stale')
    case 413:
      return t('errors.tooLarge')
    case 415:
      return t('errors.unsupportedType')
    case 428:
      return t('errors.stale')
    case 429:
      return t('errors.throttled', { seconds: e.retryAfter ?? 60 })
    case 400:
    case 409:
    case 422:
      return fieldMessage(e, t, te)
    case 503:
      return t('errors.unavailable')
    default:
      return e.status >= 500 ? t('errors.server', { id: e.requestId ?? '-' }) : fieldMessage(e, t, te)
  }
}
