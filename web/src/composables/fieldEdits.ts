// Which fields of a form the user has changed since its last check, by the names the server uses
// in error.field: a field's message goes as soon as the user edits it (useSubmit.clearOnEdit),
// the others stay until they too are fixed or the form is sent again.

/** Each value by its field name; an object's members also by their dotted path (deadline_hours.repair). */
export function fieldValues(form: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(form)) {
    const key = prefix + name
    out[key] = JSON.stringify(value ?? null)
    if (value && typeof value === 'object' && !Array.isArray(value))
      Object.assign(out, fieldValues(value as Record<string, unknown>, key + '.'))
  }
  return out
}

/** The fields whose value differs between two snapshots of fieldValues. */
export function changedFields(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...names].filter((n) => before[n] !== after[n])
}
