// What to tell the user when a request fails, in their language. The server's own message is
// kept where it says something specific about the input (422, 409, 400); statuses that mean
// the same thing everywhere get a translated sentence.
import { ApiError, NETWORK_ERROR } from './client'

type Translate = (key: string, named?: Record<string, unknown>) => string

export function describeError(e: unknown, t: Translate): string {
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
      return e.message
    case 503:
      return t('errors.unavailable')
    default:
      return e.status >= 500 ? t('errors.server', { id: e.requestId ?? '-' }) : e.message
  }
}
