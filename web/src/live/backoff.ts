// Reconnect delays for the live-events socket: 1 s, 2 s, 4 s … capped at 30 s, so a server
// restart is noticed quickly but a long outage does not get hammered by every open browser.

export interface BackoffOptions {
  baseMs?: number
  capMs?: number
  /** Fraction of the delay added at random, so many browsers do not reconnect in step. */
  jitter?: number
  random?: () => number
}

export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const { baseMs = 1000, capMs = 30_000, jitter = 0, random = Math.random } = opts
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt))
  return Math.min(capMs, Math.round(exp * (1 + jitter * random())))
}
