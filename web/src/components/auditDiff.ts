// The fields an audit entry changed, in words: each row carries the field's label as the form shows it
// and the values as a person reads them (dates in the site's zone, money, 是/否, enum names). Never a
// field name, a code or JSON. Pure: the caller passes the translate and format functions.

export interface DiffRow {
  field: string // the key, for :key only; never shown
  label: string
  before: string
  after: string
}

export interface AuditView {
  entity: string
  t: (key: string, params?: Record<string, unknown>) => string
  te: (key: string) => boolean
  dateTime: (v: string) => string
  money: (cents: number) => string
}

// Labels the forms already have: reused rather than repeated under audit.fields.
const FORM_LABELS: Record<string, Record<string, string>> = {
  case: {
    number: 'case.number',
    channel: 'case.channel',
    category: 'case.category',
    unit_label: 'case.unit',
    caller_name: 'case.callerName',
    caller_phone: 'case.callerPhone',
    content: 'case.content',
    status: 'case.status',
    department: 'case.department',
    due_at: 'case.dueAt',
    target_due_at: 'case.targetDueAt',
    overdue: 'case.overdue',
    responsibility: 'case.responsibility',
    reply: 'case.reply',
    feedback: 'case.feedback',
    reopen_reason: 'case.reopenReason',
    recorded_by: 'case.recordedBy',
    read_back_at: 'case.readBack',
    handled_at: 'case.handledAt',
    handled_on_time: 'case.onTime',
  },
  repair: {
    case_number: 'repair.case',
    channel: 'case.channel',
    unit_label: 'case.unit',
    caller_name: 'case.callerName',
    caller_phone: 'case.callerPhone',
    location: 'repair.location',
    description: 'repair.description',
    mode: 'repair.mode',
    simple: 'repair.simple',
    requested_at: 'repair.requestedAt',
    slot: 'repair.slot',
    due_at: 'repair.arriveBy',
    overdue: 'case.overdue',
    arrival_missed_at: 'repair.arrivalMissed',
    status: 'common.status',
    technician: 'repair.technician',
    assigned_at: 'repair.assignedAt',
    arrived_at: 'repair.arrivedAt',
    first_arrived_at: 'repair.firstArrival',
    solution: 'repair.solution',
    materials: 'repair.proposalMaterials',
    minutes: 'repair.proposalMinutes',
    price_cents: 'repair.proposalPrice',
    consent_note: 'repair.consent',
    started_at: 'repair.startedAt',
    completed_at: 'repair.completedAt',
    work_done: 'repair.workDone',
    restored: 'repair.restored',
    cleaned: 'repair.cleaned',
    opinion: 'repair.opinion',
    signed_by: 'repair.signedBy',
    materials_cents: 'repair.materials',
    adjustment_cents: 'repair.adjustment',
    adjustment_reason: 'repair.adjustmentReason',
    total_cents: 'repair.total',
    quote_cents: 'repair.consentedQuote',
    charge_reason: 'repair.chargeReason',
    receipt_no: 'repair.receiptNo',
    close_reason: 'repair.closeReason',
  },
  unit: {
    building_name: 'unit.building',
    number: 'unit.number',
    floor: 'unit.floor',
    floor_area_m2: 'unit.area',
  },
  resident: {
    name: 'case.callerName',
    phones: 'resident.phones',
    email: 'resident.email',
    notes: 'resident.notes',
    units: 'resident.units',
  },
  parking_visit: {
    plate: 'parking.plate',
    status: 'common.status',
    category: 'parking.category',
    card_no: 'parking.cardNo',
    pass_no: 'parking.passNo',
    pass_returned: 'parking.passReturned',
    entry_lane_name: 'parking.entryLane',
    entry_at: 'parking.entryAt',
    entry_method: 'parking.entryMethod',
    damage_note: 'parking.damageNote',
    goods_checked: 'parking.goodsCheck',
    exit_lane_name: 'parking.exitLane',
    exit_at: 'parking.exitAt',
    charged_as: 'parking.chargedAs',
    fee_cents: 'parking.fee',
    paid_cents: 'parking.paid',
    received_cents: 'parking.received',
    change_cents: 'parking.change',
    payment_method: 'parking.paymentMethod',
    payment_ref: 'parking.paymentRef',
    paid_at: 'parking.paidAt',
    receipt_no: 'repair.receiptNo',
    free_category: 'parking.freeCategory',
  },
  user: { login: 'staff.login', phone: 'staff.phone', roles: 'staff.roles', active: 'staff.active' },
  building: { floors: 'building.floors', area: 'building.area' },
}

// Coded values and where their names live.
const ENUMS: Record<string, Record<string, string>> = {
  case: {
    status: 'desk.statuses',
    category: 'desk.categories',
    channel: 'desk.channels',
    responsibility: 'desk.responsibility',
  },
  repair: {
    status: 'repairs.statuses',
    channel: 'repairs.channels',
    mode: 'repairs.modes',
    return_visit_outcome: 'desk.outcomes',
  },
  parking_visit: {
    status: 'parking.statuses',
    category: 'parking.categories',
    charged_as: 'parking.categories',
    entry_method: 'parking.entryMethods',
    exit_method: 'parking.exitMethods',
    payment_method: 'parking.paymentMethods',
    free_category: 'parking.freeCategories',
  },
  common: { relation: 'relation' },
}

// Bookkeeping: identifiers, versions, stamps and search helpers say nothing to a person.
const BOOKKEEPING = new Set(['id', 'version', 'created_at', 'updated_at', 'site_id', 'actions'])
const hidden = (field: string) => BOOKKEEPING.has(field) || field.endsWith('_id') || field.startsWith('search')

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/
const EMPTY = '—'

export function fieldLabel(field: string, v: AuditView): string | null {
  const own = `audit.fields.${v.entity}.${field}`
  if (v.te(own)) return v.t(own)
  const form = FORM_LABELS[v.entity]?.[field]
  if (form && v.te(form)) return v.t(form)
  const common = `audit.fields.common.${field}`
  if (v.te(common)) return v.t(common)
  return null
}

function enumLabel(field: string, value: string, v: AuditView): string | null {
  const prefix = ENUMS[v.entity]?.[field] ?? ENUMS.common[field]
  const key = prefix && `${prefix}.${value}`
  return key && v.te(key) ? v.t(key) : null
}

// One item of a list, or an object field, told in a few words.
function summarize(o: Record<string, unknown>, v: AuditView): string {
  if (typeof o.name === 'string' && o.name) return o.name // a reference {id, name}
  if ('start' in o && 'end' in o) return `${render('start_at', o.start, v)} – ${render('end_at', o.end, v)}`
  if (typeof o.unit_number === 'string') {
    const unit = [o.building_name, o.unit_number].filter(Boolean).join(' ')
    const rel = typeof o.relation === 'string' ? enumLabel('relation', o.relation, v) : null
    return rel ? `${unit}（${rel}）` : unit
  }
  const parts: string[] = []
  for (const [k, val] of Object.entries(o)) {
    if (hidden(k)) continue
    const label = fieldLabel(k, v)
    const shown = render(k, val, v)
    if (label && shown !== EMPTY) parts.push(`${label}：${shown}`)
  }
  return parts.length ? parts.join('；') : v.t('audit.details')
}

export function render(field: string, value: unknown, v: AuditView): string {
  if (value === undefined || value === null || value === '') return EMPTY
  if (typeof value === 'boolean') return v.t(value ? 'audit.yes' : 'audit.no')
  if (typeof value === 'number') return field.endsWith('_cents') ? v.money(value) : String(value)
  if (typeof value === 'string') {
    if (RFC3339.test(value)) return v.dateTime(value)
    return enumLabel(field, value, v) ?? value
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY
    if (value.every((x) => typeof x === 'string' || typeof x === 'number'))
      return value.map((x) => (typeof x === 'string' ? (enumLabel(field, x, v) ?? x) : String(x))).join('、')
    if (value.every((x) => x && typeof x === 'object' && !Array.isArray(x)))
      return value.map((x) => summarize(x as Record<string, unknown>, v)).join('、')
    return v.t('audit.items', { n: value.length })
  }
  if (typeof value === 'object') return summarize(value as Record<string, unknown>, v)
  return String(value)
}

export function auditDiff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  v: AuditView,
): DiffRow[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const labelled: DiffRow[] = []
  const other: DiffRow[] = []
  for (const field of keys) {
    if (hidden(field)) continue
    const row = { field, label: '', before: render(field, before?.[field], v), after: render(field, after?.[field], v) }
    // Compared as shown, so "" → null (both "—") is no change either.
    if (row.before === row.after) continue
    const label = fieldLabel(field, v)
    if (label) labelled.push({ ...row, label })
    else other.push({ ...row, label: v.t('audit.other') })
  }
  // A field without a label is shown only when it is all that changed, and then under "other", never by name.
  return labelled.length ? labelled : other
}
