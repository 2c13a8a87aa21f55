// Shared by the car park's browser specs: the gate cameras played by the server binary's
// `propdesk gate-sim`, the demo's lanes, and the booth's lane cards and waiting cars.
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { apiGet, baseURL } from './support'

const webDir = fileURLToPath(new URL('..', import.meta.url))
export const bin = resolve(process.env.PROPDESK_BIN ?? join(webDir, '..', 'build', 'release', 'propdesk'))

/** Plays a demo camera: `propdesk gate-sim … --json`; the replies, one JSON object a line. */
export function gateSim(camera: 'entry' | 'exit', args: string[]): Promise<Record<string, unknown>[]> {
  const all = ['gate-sim', '--url', baseURL(), '--token', `demo-${camera}-token`, '--serialno', `demo-${camera}-0001`, ...args, '--json']
  return new Promise((ok, fail) => {
    const child = spawn(bin, all, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (b: Buffer) => (out += b.toString()))
    child.stderr.on('data', (b: Buffer) => (err += b.toString()))
    child.on('error', fail)
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`gate-sim ${all.join(' ')} exited ${code}: ${err}${out}`))
      ok(out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>))
    })
  })
}

/** Money as the site shows it (HK$20.00). */
export const hkd = (cents: number) => new Intl.NumberFormat('zh-TW', { style: 'currency', currency: 'HKD' }).format(cents / 100)

interface SetupAnswer {
  lots: { lanes: { id: number; name: string; direction: string }[] }[]
}
/** The demo car park's two lanes (入口 A, 出口 A). */
export async function setupLanes(p: Page): Promise<{ entry: number; exit: number }> {
  const lanes = (await apiGet<SetupAnswer>(p, '/sites/1/parking/setup')).lots.flatMap((l) => l.lanes)
  return { entry: lanes.find((l) => l.name === '入口 A')!.id, exit: lanes.find((l) => l.name === '出口 A')!.id }
}

export const lane = (p: Page, id: number) => p.locator(`[data-test=lane-${id}]`)
export const latestPlate = (p: Page, id: number) => lane(p, id).locator('[data-test=latest-plate]').textContent()
export const waiting = (p: Page, plate: string) => p.locator('[data-test=waiting]').filter({ hasText: plate })
