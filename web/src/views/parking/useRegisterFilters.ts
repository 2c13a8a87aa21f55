// The register's filters (車輛出入登記表), kept in the address: the list, its workbook and its
// printed form read the same ones, so what is printed is what was on screen.
import type { VisitFilters } from '@/api/parking'
import { param, useListFilters } from '@/composables/useListFilters'

export function useRegisterFilters() {
  const f = useListFilters({
    status: param.list(),
    plate: param.text(),
    from: param.text(),
    to: param.text(),
    lane: param.id(),
    card: param.text(),
    category: param.text(),
    attendant: param.id(),
  })
  const { filters } = f
  /** The filters as the server names them; unset ones left out. */
  function serverFilters(): VisitFilters {
    return {
      plate: filters.plate.trim() || undefined,
      from: filters.from || undefined,
      to: filters.to || undefined,
      lane_id: filters.lane,
      card_no: filters.card || undefined,
      category: filters.category || undefined,
      status: filters.status.join(',') || undefined,
      attendant_id: filters.attendant,
    }
  }
  return { ...f, serverFilters }
}
