// The bell: unread count, the latest notifications, and the live channel that feeds them.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ApiError, get, post } from '@/api/client'
import type { Notification, Page } from '@/api/types'
import { eventsUrl, LiveEvents, type LiveMessage, type LiveState } from '@/live/events'

/** What the booth follows live: camera events, and what became of a lane's waiting cars. */
export type GateMessage = Extract<LiveMessage, { type: 'gate_event' | 'lane_change' }>

export const useNotificationsStore = defineStore('notifications', () => {
  const unread = ref(0)
  const items = ref<Notification[]>([])
  const nextCursor = ref<string | null>(null)
  /** False while the server has no notifications API: the bell then stays quiet. */
  const available = ref(true)
  const liveState = ref<LiveState>('stopped')
  /** Called for each notification that arrives live (the layout shows a toast). */
  let onArrival: (n: Notification) => void = () => {}
  /** Pages that react to what arrives (a technician's jobs reload on `repair_assigned`). */
  const listeners = new Set<(n: Notification) => void>()
  /** Pages that follow the car park's camera events and lane changes (the booth console). */
  const gateListeners = new Set<(m: GateMessage) => void>()
  let live: LiveEvents | null = null

  function unavailable(e: unknown): boolean {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405 || e.status === 501)) {
      available.value = false
      return true
    }
    return false
  }

  async function refreshCount(): Promise<void> {
    try {
      unread.value = (await get<{ count: number }>('/notifications/unread-count')).count
      available.value = true
    } catch (e) {
      if (!unavailable(e)) throw e
    }
  }

  async function loadLatest(): Promise<void> {
    try {
      const page = await get<Page<Notification>>('/notifications', { query: { limit: 20 } })
      items.value = page.items
      nextCursor.value = page.next_cursor
    } catch (e) {
      if (!unavailable(e)) throw e
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value) return
    const page = await get<Page<Notification>>('/notifications', { query: { limit: 20, cursor: nextCursor.value } })
    items.value.push(...page.items)
    nextCursor.value = page.next_cursor
  }

  async function markRead(n: Notification): Promise<void> {
    if (n.read) return
    await post(`/notifications/${n.id}/read`)
    n.read = true
    unread.value = Math.max(0, unread.value - 1)
  }

  async function markAllRead(): Promise<void> {
    await post('/notifications/read-all')
    items.value.forEach((n) => (n.read = true))
    unread.value = 0
  }

  /** Asks the server to send the caller a test notification, which must come back live. */
  async function sendTest(): Promise<void> {
    await post('/notifications/test')
  }

  function receive(n: Notification): void {
    if (items.value.some((x) => x.id === n.id)) return
    items.value.unshift(n)
    if (!n.read) unread.value += 1
    onArrival(n)
    listeners.forEach((l) => l(n))
  }

  /** Calls `listener` for each notification that arrives live; returns the way to stop. */
  function subscribe(listener: (n: Notification) => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  /** Calls `listener` for each camera event or lane change that arrives live; returns the way to stop. */
  function subscribeGate(listener: (m: GateMessage) => void): () => void {
    gateListeners.add(listener)
    return () => gateListeners.delete(listener)
  }

  function connect(arrival: (n: Notification) => void): void {
    onArrival = arrival
    if (live) return
    live = new LiveEvents({
      url: eventsUrl(window.location),
      jitter: 0.2,
      onMessage: (m) => {
        if (m.type === 'notification') receive(m.notification)
        else if (m.type === 'gate_event' || m.type === 'lane_change') gateListeners.forEach((l) => l(m))
      },
      onState: (s) => {
        liveState.value = s
        // Whatever arrived while the socket was down is only in the count: fetch it again.
        if (s === 'open') void refreshCount().catch(() => {})
      },
    })
    live.start()
    void refreshCount().catch(() => {})
  }

  function disconnect(): void {
    live?.stop()
    live = null
    unread.value = 0
    items.value = []
    nextCursor.value = null
  }

  return {
    unread,
    items,
    nextCursor,
    available,
    liveState,
    refreshCount,
    loadLatest,
    loadMore,
    markRead,
    markAllRead,
    sendTest,
    receive,
    subscribe,
    subscribeGate,
    connect,
    disconnect,
  }
})
