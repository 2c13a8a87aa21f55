// Who is calling, as the desk types it for a new case or repair: a resident of the site (chosen
// by unit, phone or name) or a visitor by name, the unit, and a phone to call back on.
import type { CallerInput } from '@/api/types'

export type CallerKind = 'resident' | 'visitor'

export interface CallerForm {
  kind: CallerKind
  resident_id: number | undefined
  unit_id: number | undefined
  caller_name: string
  caller_phone: string
}

export const blankCaller = (): CallerForm => ({
  kind: 'resident',
  resident_id: undefined,
  unit_id: undefined,
  caller_name: '',
  caller_phone: '',
})

/** The caller as sent: only what was given, trimmed; a visitor has no resident. */
export function callerBody(c: CallerForm): CallerInput {
  const b: CallerInput = {}
  if (c.unit_id) b.unit_id = c.unit_id
  if (c.kind === 'resident' && c.resident_id) b.resident_id = c.resident_id
  if (c.caller_name.trim()) b.caller_name = c.caller_name.trim()
  if (c.caller_phone.trim()) b.caller_phone = c.caller_phone.trim()
  return b
}
