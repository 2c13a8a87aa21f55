// The fields an audit entry changed: what was before and what came after, one row per field.

export interface DiffRow {
  field: string
  before: string
  after: string
}

// Bookkeeping every change touches; listing them would bury the real change.
const NOISE = new Set(['version', 'updated_at'])

const show = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '—'
  return typeof v === 'string' ? v : JSON.stringify(v)
}

export function auditDiff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): DiffRow[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const rows: DiffRow[] = []
  for (const field of keys) {
    if (NOISE.has(field)) continue
    // A new record: show what it was created with, not "— → value" for its bookkeeping.
    if (!before && (field === 'id' || field === 'created_at' || field === 'site_id')) continue
    const row = { field, before: show(before?.[field]), after: show(after?.[field]) }
    // Compared as shown, so "" → null (both "—") is no change either.
    if (row.before !== row.after) rows.push(row)
  }
  return rows
}
