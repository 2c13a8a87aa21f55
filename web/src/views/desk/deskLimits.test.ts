// The desk's forms count against the server's limits: each one here is the maxLength that
// docs/openapi.yaml (the server's contract, held to the routes by the server's tests) gives it.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { DESK_TEXT_LIMITS } from '@/api/deskTypes'

const openapi = readFileSync(fileURLToPath(new URL('../../../../docs/openapi.yaml', import.meta.url)), 'utf8')

/** The maxLength of `field` in the schema `schema` (written in the flow style `field: {…, maxLength: N}`). */
function maxLength(schema: string, field: string): number | undefined {
  const start = openapi.indexOf(`\n    ${schema}:\n`)
  if (start < 0) return undefined
  const next = openapi.slice(start + 1).search(/\n {4}\S/)
  const body = openapi.slice(start, next < 0 ? undefined : start + 1 + next)
  const m = new RegExp(`\\n\\s+${field}: \\{[^}]*maxLength: (\\d+)`).exec(body)
  return m ? Number(m[1]) : undefined
}

describe('desk text limits', () => {
  it.each([
    ['CaseCreate', 'content'],
    ['CaseCreate', 'caller_name'],
    ['CaseCreate', 'caller_phone'],
    ['CaseNote', 'note'],
    ['CaseReturnVisit', 'note'],
    ['CaseComplete', 'feedback'],
    ['CaseReply', 'reply'],
  ] as const)('%s.%s is the server’s', (schema, field) => {
    expect(maxLength(schema, field)).toBe(DESK_TEXT_LIMITS[field])
  })
})
