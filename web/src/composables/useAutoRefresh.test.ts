import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createRefresher } from './useAutoRefresh'

describe('auto refresh', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('loads at once, then on every turn of the timer', () => {
    const load = vi.fn()
    const r = createRefresher(load, { everyMs: 10_000 })
    r.start()
    expect(load).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(30_000)
    expect(load).toHaveBeenCalledTimes(4)
    r.stop()
    vi.advanceTimersByTime(30_000)
    expect(load).toHaveBeenCalledTimes(4)
  })

  it('turns a burst of pokes into one load after the pause', () => {
    const load = vi.fn()
    const r = createRefresher(load, { everyMs: 10_000, debounceMs: 100 })
    r.start()
    load.mockClear()
    r.poke()
    vi.advanceTimersByTime(60)
    r.poke()
    vi.advanceTimersByTime(60)
    r.poke()
    expect(load).not.toHaveBeenCalled()
    vi.advanceTimersByTime(100)
    expect(load).toHaveBeenCalledTimes(1)
    r.stop()
  })

  it('drops a pending poke when stopped', () => {
    const load = vi.fn()
    const r = createRefresher(load, { everyMs: 10_000 })
    r.start()
    load.mockClear()
    r.poke()
    r.stop()
    vi.advanceTimersByTime(1000)
    expect(load).not.toHaveBeenCalled()
  })
})
