// The live channel reconnects after 1, 2, 4, 8, 16, 30, 30 … seconds, and starts again at 1 s
// once a connection opens.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { backoffDelay } from './backoff'
import { eventsUrl, LiveEvents, type LiveMessage } from './events'

class FakeSocket {
  static all: FakeSocket[] = []
  onopen: (() => void) | null = null
  onclose: (() => void) | null = null
  onerror: (() => void) | null = null
  onmessage: ((e: { data: string }) => void) | null = null
  closed = false
  constructor(readonly url: string) {
    FakeSocket.all.push(this)
  }
  close() {
    this.closed = true
  }
  /** The server refused or dropped the connection. */
  fail() {
    this.onerror?.()
    this.onclose?.()
  }
}

const latest = () => FakeSocket.all[FakeSocket.all.length - 1]!

function client(onMessage = vi.fn<(m: LiveMessage) => void>()) {
  return new LiveEvents({
    url: 'ws://host/api/v1/events',
    onMessage,
    createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
  })
}

beforeEach(() => {
  FakeSocket.all = []
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

describe('backoffDelay', () => {
  it('doubles from 1 s up to a 30 s cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((n) => backoffDelay(n))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ])
  })

  it('adds at most the jitter fraction, still capped', () => {
    expect(backoffDelay(0, { jitter: 0.2, random: () => 1 })).toBe(1200)
    expect(backoffDelay(0, { jitter: 0.2, random: () => 0 })).toBe(1000)
    expect(backoffDelay(10, { jitter: 0.2, random: () => 1 })).toBe(30000)
  })
})

describe('LiveEvents', () => {
  it('waits longer after each failed attempt, up to 30 s', () => {
    const live = client()
    live.start()
    for (let i = 0; i < 7; i++) {
      latest().fail()
      // No new socket before the delay is over…
      const sockets = FakeSocket.all.length
      vi.advanceTimersByTime(live.delays[i]! - 1)
      expect(FakeSocket.all.length).toBe(sockets)
      // …and one right after it.
      vi.advanceTimersByTime(1)
      expect(FakeSocket.all.length).toBe(sockets + 1)
    }
    expect(live.delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000])
    live.stop()
  })

  it('starts again at 1 s after a connection succeeded', () => {
    const live = client()
    live.start()
    latest().fail()
    vi.advanceTimersByTime(1000)
    latest().fail()
    vi.advanceTimersByTime(2000)
    latest().onopen?.()
    latest().fail() // the server restarts
    vi.advanceTimersByTime(1000)
    expect(live.delays).toEqual([1000, 2000, 1000])
    live.stop()
  })

  it('hands over the messages, skipping what is not JSON', () => {
    const onMessage = vi.fn<(m: LiveMessage) => void>()
    const live = client(onMessage)
    live.start()
    latest().onopen?.()
    latest().onmessage?.({ data: '{"type":"hello"}' })
    latest().onmessage?.({ data: 'garbage' })
    const n = { id: 1, kind: 'test', title: 'T', body: 'B', link: null, created_at: '2026-11-28T08:00:00Z', read: false }
    latest().onmessage?.({ data: JSON.stringify({ type: 'notification', notification: n }) })
    expect(onMessage.mock.calls.map((c) => c[0])).toEqual([{ type: 'hello' }, { type: 'notification', notification: n }])
    live.stop()
  })

  it('stays down after stop()', () => {
    const live = client()
    live.start()
    const s = latest()
    live.stop()
    expect(s.closed).toBe(true)
    vi.advanceTimersByTime(60_000)
    expect(FakeSocket.all.length).toBe(1)
  })

  it('connects to the page origin, wss behind TLS', () => {
    expect(eventsUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/api/v1/events')
    expect(eventsUrl({ protocol: 'https:', host: 'desk.example' })).toBe('wss://desk.example/api/v1/events')
  })
})
