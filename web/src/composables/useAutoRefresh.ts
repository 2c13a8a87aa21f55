// A page that keeps itself current: loaded when mounted, again every `everyMs` (a fallback for a
// live channel that dropped, or the only source), and soon after `poke()` — a burst of live
// events within `debounceMs` makes one request. Stops with the component; a hidden tab skips the
// timer's turns and catches up when shown again.
import { onBeforeUnmount, onMounted } from 'vue'

export function createRefresher(load: () => unknown, opts: { everyMs: number; debounceMs?: number }) {
  let poll: ReturnType<typeof setInterval> | undefined
  let soon: ReturnType<typeof setTimeout> | undefined
  const visible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden'
  const run = () => {
    clearTimeout(soon)
    soon = undefined
    void load()
  }
  const onVisible = () => {
    if (visible()) run()
  }
  return {
    start() {
      run()
      poll = setInterval(() => visible() && run(), opts.everyMs)
      if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible)
    },
    stop() {
      clearInterval(poll)
      clearTimeout(soon)
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible)
    },
    /** Something changed: load again once the burst is over. */
    poke() {
      clearTimeout(soon)
      soon = setTimeout(run, opts.debounceMs ?? 100)
    },
  }
}

export function useAutoRefresh(load: () => unknown, opts: { everyMs: number; debounceMs?: number }) {
  const r = createRefresher(load, opts)
  onMounted(r.start)
  onBeforeUnmount(r.stop)
  return { poke: r.poke, refresh: () => void load() }
}
