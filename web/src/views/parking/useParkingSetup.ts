// The site's car parks as the pickers need them: lots, every lane (named with its lot when there
// are several), a car park's exit lanes, and the car park's staff. Fetched when the page opens.
import { computed, onMounted } from 'vue'
import { parkingSetup } from '@/api/parking'
import type { LaneWithCameras, ParkingSetup } from '@/api/parkingTypes'
import { useLoader } from '@/composables/useLoader'
import { useSessionStore } from '@/stores/session'

export function useParkingSetup() {
  const session = useSessionStore()
  const loader = useLoader<ParkingSetup | null>(() => parkingSetup.get(session.siteId!), null)
  onMounted(loader.load)
  const lots = computed(() => loader.data.value?.lots ?? [])
  const lanes = computed<(LaneWithCameras & { label: string })[]>(() =>
    lots.value.flatMap((lot) => lot.lanes.map((l) => ({ ...l, label: lots.value.length > 1 ? `${lot.name} ${l.name}` : l.name }))),
  )
  /** The exits a car of that car park may be let out at (the server refuses any other). */
  const exitLanesOf = (lotId: number | undefined) => lanes.value.filter((l) => l.direction === 'exit' && l.lot_id === lotId)
  const attendants = computed(() => loader.data.value?.attendants ?? [])
  return { setup: loader.data, loading: loader.loading, error: loader.error, load: loader.load, lots, lanes, exitLanesOf, attendants }
}
