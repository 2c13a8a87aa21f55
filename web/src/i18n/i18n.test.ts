// Every UI string exists, non-empty, in all three languages, and every key the code asks for is there.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { HOME_PARTS, HOME_SECTIONS, HOME_TILE_KEYS } from '@/api/home'
import { describe, expect, it } from 'vitest'
import {
  BREACH_KINDS,
  CASE_ACTIONS,
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_EVENT_KINDS,
  CASE_STATUSES,
  DESK_NOTIFICATION_KINDS,
  KPI_STEPS,
  RESPONSIBILITIES,
  VISIT_OUTCOMES,
  VISIT_STATUSES,
} from '@/api/deskTypes'
import {
  MATERIAL_SOURCES,
  PUNCTUALITIES,
  REPAIR_ACTIONS,
  REPAIR_CHANNELS,
  REPAIR_EVENT_KINDS,
  REPAIR_MODES,
  REPAIR_NOTIFICATION_KINDS,
  REPAIR_STATUSES,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_EVENT_KINDS,
  WORK_ORDER_STATUSES,
} from '@/api/repairTypes'
import {
  CARD_KINDS,
  CARD_STATUSES,
  CHARGE_REASONS,
  DIRECTIONS,
  ENTRY_METHODS,
  ESCALATION_TARGETS,
  EXIT_METHODS,
  FREE_CATEGORIES,
  FREE_REQUEST_STATUSES,
  GATE_DECISIONS,
  GATE_REASONS,
  GOODS_FLAGS,
  HANDOVER_STATUSES,
  HOLD_REASONS,
  HOLD_STATUSES,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  LANE_CHANGE_KINDS,
  PARKING_NOTIFICATION_KINDS,
  PAY_SCHEMES,
  PAYMENT_METHODS,
  POLICY_CLASSES,
  SHIFTS,
  STAFF_FREE_CATEGORIES,
  VISIT_CATEGORIES,
  VISIT_STATUSES as STAY_STATUSES,
  VISITOR_REASONS,
} from '@/api/parkingTypes'
import { AREA_KINDS, DEPARTMENT_KINDS, DEVICE_KINDS, RELATIONS, SITE_ROLES } from '@/api/types'
import { NAV_ITEMS } from '@/nav/access'
import { HANDOVER_ITEMS } from '@/views/parking/handoverForm'
import { LANE_STEPS, VISIT_STEPS } from '@/views/parking/gateSteps'
import en from './en.json'
import zhCN from './zh-CN.json'
import zhTW from './zh-TW.json'

type Tree = { [k: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv)
  }
  return out
}

const languages = { 'zh-TW': flatten(zhTW), 'zh-CN': flatten(zhCN), en: flatten(en) }
const allKeys = new Set(Object.values(languages).flatMap((m) => [...m.keys()]))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sourceFiles(p)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [p] : []
  })
}

describe('i18n messages', () => {
  for (const [lang, messages] of Object.entries(languages)) {
    it(`${lang} has every key, none empty`, () => {
      const missing = [...allKeys].filter((k) => !messages.has(k))
      const empty = [...messages].filter(([, v]) => v.trim() === '').map(([k]) => k)
      expect(missing, `missing in ${lang}`).toEqual([])
      expect(empty, `empty in ${lang}`).toEqual([])
    })
    it(`${lang} keeps the placeholders of zh-TW`, () => {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      for (const [k, v] of languages['zh-TW']) expect(names(messages.get(k) ?? ''), k).toEqual(names(v))
    })
  }

  it('has every key the code names literally', () => {
    const used = new Set<string>()
    for (const file of sourceFiles(fileURLToPath(new URL('..', import.meta.url)))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bte?\(\s*'([a-zA-Z0-9_]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(100)
    expect([...used].filter((k) => !allKeys.has(k))).toEqual([])
  })

  it('has a label for every value the code builds a key from', () => {
    const families = [
      ...[...SITE_ROLES, 'system_admin'].map((r) => `roles.${r}`),
      ...AREA_KINDS.map((k) => `area.kinds.${k}`),
      ...DEPARTMENT_KINDS.map((k) => `department.kinds.${k}`),
      ...DEVICE_KINDS.map((k) => `device.kinds.${k}`),
      ...RELATIONS.map((r) => `relation.${r}`),
      ...NAV_ITEMS.map((i) => `nav.${i.name}`),
      ...['desk', 'repairs', 'parking', 'org', 'settings'].map((g) => `nav.group.${g}`),
      ...HOME_TILE_KEYS.map((k) => `home.tile.${k}`),
      ...HOME_SECTIONS.map((k) => `home.section.${k}`),
      ...HOME_PARTS.map((k) => `home.part.${k}`),
      ...['connecting', 'open', 'waiting', 'stopped'].map((s) => `profile.live.${s}`),
      // The service desk
      ...CASE_CHANNELS.map((c) => `desk.channels.${c}`),
      ...CASE_CATEGORIES.map((c) => `desk.categories.${c}`),
      ...CASE_CATEGORIES.map((c) => `apiErrors.validation_failed.deadline_hours_${c}`),
      ...CASE_STATUSES.map((s) => `desk.statuses.${s}`),
      ...CASE_ACTIONS.map((a) => `desk.actions.${a}`),
      ...CASE_ACTIONS.filter(
        (a) => a !== 'reply' && a !== 'archive' && a !== 'complete' && a !== 'responsibility' && a !== 'raise_repair',
      ).map((a) => `caseAction.note.${a}`),
      ...CASE_EVENT_KINDS.map((k) => `desk.events.${k}`),
      ...[...RESPONSIBILITIES, 'unset'].map((r) => `desk.responsibility.${r}`),
      ...VISIT_OUTCOMES.flatMap((o) => [`desk.outcomes.${o}`, `caseAction.outcomeHint.${o}`, `caseAction.butlerHint.${o}`]),
      ...VISIT_STATUSES.map((s) => `desk.visitStatuses.${s}`),
      ...DESK_NOTIFICATION_KINDS.flatMap((k) => [`notifications.kinds.${k}`, `desk.notified.${k}`]),
      ...KPI_STEPS.map((s) => `kpi.steps.${s}`),
      ...BREACH_KINDS.map((k) => `kpi.breachKinds.${k}`),
      // Repairs
      ...REPAIR_CHANNELS.map((c) => `repairs.channels.${c}`),
      ...REPAIR_MODES.flatMap((m) => [`repairs.modes.${m}`, `repairNew.modeHint.${m}`]),
      ...REPAIR_STATUSES.map((s) => `repairs.statuses.${s}`),
      ...REPAIR_ACTIONS.map((a) => `repairs.actions.${a}`),
      ...REPAIR_EVENT_KINDS.map((k) => `repairs.events.${k}`),
      ...PUNCTUALITIES.map((p) => `repairs.punctuality.${p}`),
      ...MATERIAL_SOURCES.map((s) => `material.sources.${s}`),
      ...REPAIR_NOTIFICATION_KINDS.map((k) => `notifications.kinds.${k}`),
      ...WORK_ORDER_STATUSES.map((s) => `workOrders.statuses.${s}`),
      ...WORK_ORDER_ACTIONS.map((a) => `workOrders.actions.${a}`),
      ...WORK_ORDER_EVENT_KINDS.map((k) => `workOrders.events.${k}`),
      ...['arrivals_immediate', 'arrivals_appointment', 'first_time_fix', 'satisfaction', 'return_visits'].map((k) => `repairKpi.rates.${k}`),
      // The car park
      ...STAY_STATUSES.map((s) => `parking.statuses.${s}`),
      ...VISIT_CATEGORIES.map((c) => `parking.categories.${c}`),
      ...ENTRY_METHODS.map((m) => `parking.entryMethods.${m}`),
      ...EXIT_METHODS.map((m) => `parking.exitMethods.${m}`),
      ...GOODS_FLAGS.map((g) => `parking.goodsFlags.${g}`),
      ...PAYMENT_METHODS.map((m) => `parking.paymentMethods.${m}`),
      ...FREE_CATEGORIES.map((c) => `parking.freeCategories.${c}`),
      ...VISITOR_REASONS.map((r) => `parking.visitorReasons.${r}`),
      ...HOLD_REASONS.map((r) => `parking.holdReasons.${r}`),
      ...GATE_DECISIONS.map((d) => `parking.decisions.${d}`),
      ...GATE_REASONS.map((r) => `parking.reasons.${r}`),
      ...DIRECTIONS.map((d) => `parking.directions.${d}`),
      ...VISIT_STEPS.flatMap((s) => [`parking.steps.${s}`, `parking.result.${s === 'pay' ? 'paid' : s === 'hold' ? 'held' : s}`]),
      ...LANE_STEPS.map((s) => `parking.laneSteps.${s}`),
      ...HOLD_STATUSES.map((s) => `holds.statuses.${s}`),
      ...ESCALATION_TARGETS.map((e) => `escalation.targets.${e}`),
      ...INCIDENT_KINDS.map((k) => `incident.kinds.${k}`),
      ...INCIDENT_STATUSES.map((s) => `incident.statuses.${s}`),
      ...SHIFTS.map((s) => `handover.shifts.${s}`),
      ...[...HANDOVER_STATUSES, 'signed_untaken'].map((s) => `handover.statuses.${s}`),
      ...PAY_SCHEMES.map((s) => `parking.schemes.${s}`),
      ...LANE_CHANGE_KINDS.map((k) => `parking.laneChange.${k}`),
      ...['morning', 'afternoon', 'night'].map((s) => `apiErrors.values.shift.${s}`),
      ...HANDOVER_ITEMS.flatMap((i) => [`handover.itemNames.${i}`, `handover.units.${i}`, `handoverPrint.items.${i}`]),
      ...CARD_KINDS.map((k) => `cards.kinds.${k}`),
      ...CARD_STATUSES.map((s) => `cards.statuses.${s}`),
      ...['lot', 'lane', 'camera'].flatMap((k) => [`setup.add.${k}`, `setup.edit.${k}`]),
      ...['verification_note', 'licence_file_id', 'id_file_id', 'statement_file_id', 'lane_id', 'pass_returned', 'reference', 'received_cents'].map(
        (f) => `release.needs.${f}`,
      ),
      ...['reference', 'received_cents'].map((f) => `parking.missing.${f}`),
      ...CHARGE_REASONS.filter((r) => r !== 'no_entry' && r !== 'fee_due').map((r) => `release.why.${r}`),
      ...['licence', 'id_card'].map((p) => `release.purposes.${p}`),
      ...POLICY_CLASSES.map((c) => `vehicle.policyClasses.${c}`),
      ...FREE_REQUEST_STATUSES.map((s) => `approvals.statuses.${s}`),
      ...STAFF_FREE_CATEGORIES.flatMap((c) => [`approvals.waitingFor.${c}`, `parking.freeHint.${c}`, `parking.result.freeAsked.${c}`]),
      ...['own', 'manager', 'lead', 'decided'].map((b) => `approvals.blocked.${b}`),
      ...PARKING_NOTIFICATION_KINDS.map((k) => `notifications.kinds.${k}`),
      // The refusal codes the server gives (platform/rules/refusal.cpp) and the values their messages name.
      ...['wrong_amount', 'file_in_use', 'file_kind', 'same_file', 'pass_unrecorded', 'not_applicable', 'wrong_status', 'vehicle_waiting', 'vehicle_held',
        'approval_pending', 'self_approval', 'not_approver', 'already_decided', 'authority_not_told', 'handover_exists', 'consent_required', 'wait_not_over',
        'repair_process', 'complaint_ours', 'not_a_complaint', 'responsibility_unset', 'charge_differs_from_quote', 'reason_required', 'amount_short', 'difference_unexplained',
        // issue 13: the car park's refusals say their real reason
        'handover_taken', 'handover_own', 'handover_supervisor', 'handover_not_attendant', 'handover_signed', 'handover_signer_on_shift',
        'stay_status', 'hold_released', 'incident_closed', 'card_suspended_already', 'card_not_suspended', 'no_camera', 'no_tariff'].map((c) => `apiErrors.${c}.any`),
      ...['required', 'no_such_record', 'out_of_range', 'not_one_of'].map((c) => `apiErrors.${c}.fallback`),
      ...['licence', 'id_card', 'statement'].map((p) => `apiErrors.values.purpose.${p}`),
      ...[...STAY_STATUSES, ...FREE_REQUEST_STATUSES, ...INCIDENT_STATUSES].map((s) => `apiErrors.values.status.${s}`),
      ...INCIDENT_KINDS.filter((k) => k !== 'barrier_override').map((k) => `apiErrors.values.kind.${k}`),
    ]
    expect(families.filter((k) => !allKeys.has(k))).toEqual([])
  })
})
