// Every code the server can send (issue 13, item 7) has its words in zh-TW, zh-CN and en: the
// server's sources are read for each AppError, each rule refusal (invalid_value / not_now) and the
// code → status table, and each literal field of a 422 `validation_failed`. A new code without a
// translation fails here before a user meets it in English.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import en from './en.json'
import zhCN from './zh-CN.json'
import zhTW from './zh-TW.json'

const srcDir = fileURLToPath(new URL('../../../src', import.meta.url))

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(cpp|hpp)$/.test(name) ? [readFileSync(path, 'utf8')] : []
  })
}

const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => m[1]!)
const code = sources(srcDir).join('\n')
const codes = new Set([
  ...all(/AppError\(\d+, "([a-z_]+)"/g, code),
  ...all(/AppError e\{\d+, "([a-z_]+)"/g, code),
  ...all(/return \{\d+, "([a-z_]+)"/g, code),
  ...all(/(?:invalid_value|not_now)\(\s*"([a-z_]+)"/g, code),
  ...all(/CodeStatus\{"([a-z_]+)"/g, code),
])
// A duplicate (409 conflict) names the field it clashes on: each has its sentence.
const conflictFields = new Set(all(/AppError::conflict\([^;]*?,\s*"([a-z_]+)"\)/gs, code))
const invalidFields = new Set(all(/AppError::invalid\([^;]*?,\s*"([a-z_.[\]0-9]+)"\)/gs, code).map((f) => f.replace(/[.[\]]+/g, '_').replace(/_$/, '')))

type Tree = Record<string, unknown>
const languages: [string, Tree][] = [
  ['zh-TW', zhTW as Tree],
  ['zh-CN', zhCN as Tree],
  ['en', en as Tree],
]

describe('every code the server sends has its words', () => {
  it('finds the codes in the sources', () => {
    // A guard on the scanner itself: these are sent today.
    for (const c of ['validation_failed', 'version_mismatch', 'not_found', 'vehicle_held', 'policy_stretch', 'required']) expect(codes.has(c), c).toBe(true)
    expect(invalidFields.size).toBeGreaterThan(20)
  })

  it.each(languages)('%s has a message for every code', (_, messages) => {
    const api = messages.apiErrors as Record<string, unknown>
    expect([...codes].filter((c) => typeof api[c] !== 'object').sort()).toEqual([])
  })

  it.each(languages)('%s names every field a duplicate clashes on', (_, messages) => {
    const conflict = (messages.apiErrors as Record<string, Record<string, string>>).conflict!
    expect(conflictFields.size).toBeGreaterThan(5)
    expect([...conflictFields].filter((f) => !conflict[f]).sort()).toEqual([])
  })

  it.each(languages)('%s names every field a validation_failed is given', (_, messages) => {
    const failed = (messages.apiErrors as Record<string, Record<string, string>>).validation_failed!
    expect([...invalidFields].filter((f) => !failed[f]).sort()).toEqual([])
  })
})
