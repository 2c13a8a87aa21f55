// The time now, ticking while the component is mounted (countdowns, "late" highlighting).
import { onBeforeUnmount, onMounted, ref } from 'vue'

export function useNow(everyMs = 1000) {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => (now.value = Date.now()), everyMs)
  })
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
