// The live-events channel: one WebSocket to /api/v1/events per signed-in tab, reconnected with
// exponential back-off after any drop, the back-off reset once a connection opens.
import type { GateEvent, LaneChange } from '@/api/parkingTypes'
import type { Notification } from '@/api/types'
import { backoffDelay, type BackoffOptions } from './backoff'

export type LiveMessage =
  | { type: 'hello' }
  | { type: 'notification'; notification: Notification }
  /** A camera event at a car park of the site, as soon as it is stored (PK-7). */
  | { type: 'gate_event'; site_id: number; event: GateEvent }
  /** A waiting car paid, released, let out free, refused a free exit or held (issue 13). */
  | { type: 'lane_change'; site_id: number; change: LaneChange }

export type LiveState = 'connecting' | 'open' | 'waiting' | 'stopped'

export interface LiveEventsOptions extends BackoffOptions {
  url: string
  onMessage: (m: LiveMessage) => void
  onState?: (s: LiveState) => void
  /** Injected by tests; the browser's WebSocket otherwise. */
  createSocket?: (url: string) => WebSocket
}

export class LiveEvents {
  private socket: WebSocket | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private attempt = 0
  private running = false
  /** Delays actually waited, newest last: what the back-off test reads. */
  readonly delays: number[] = []

  constructor(private readonly opts: LiveEventsOptions) {}

  start(): void {
    if (this.running) return
    this.running = true
    this.connect()
  }

  stop(): void {
    this.running = false
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const s = this.socket
    this.socket = null
    if (s) {
      s.onopen = s.onclose = s.onerror = s.onmessage = null
      s.close()
    }
    this.opts.onState?.('stopped')
  }

  private connect(): void {
    this.timer = null
    this.opts.onState?.('connecting')
    const make = this.opts.createSocket ?? ((url: string) => new WebSocket(url))
    let s: WebSocket
    try {
      s = make(this.opts.url)
    } catch {
      this.retry()
      return
    }
    this.socket = s
    s.onopen = () => {
      this.attempt = 0
      this.opts.onState?.('open')
    }
    s.onmessage = (ev: MessageEvent) => {
      let msg: LiveMessage
      try {
        msg = JSON.parse(String(ev.data)) as LiveMessage
      } catch {
        return // a message this client does not understand is not worth a reconnect
      }
      this.opts.onMessage(msg)
    }
    // A failed connection fires error then close; reconnecting on close covers both.
    s.onclose = () => {
      if (this.socket !== s) return
      this.socket = null
      this.retry()
    }
  }

  private retry(): void {
    if (!this.running) return
    const delay = backoffDelay(this.attempt++, this.opts)
    this.delays.push(delay)
    this.opts.onState?.('waiting')
    this.timer = setTimeout(() => this.connect(), delay)
  }
}

/** ws:// or wss:// to the events path on the page's own origin (the session cookie goes along). */
export function eventsUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  return (loc.protocol === 'https:' ? 'wss://' : 'ws://') + loc.host + '/api/v1/events'
}
