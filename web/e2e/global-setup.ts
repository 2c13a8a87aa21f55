// Starts the real server binary on a free port with a throwaway database and the demo site,
// serving the built web app; the specs drive it with Chromium. Stopped with SIGTERM afterwards.
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

const webDir = fileURLToPath(new URL('..', import.meta.url))

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => ok(port))
    })
  })
}

// A process killed by a signal (a crash) has a signalCode and no exitCode.
const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null

async function waitHealthy(url: string, child: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (!running(child)) throw new Error(`propdesk exited (${child.exitCode ?? child.signalCode}); see ${logPath}`)
    try {
      const res = await fetch(url + '/healthz')
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`propdesk did not answer ${url}/healthz within 60 s; see ${logPath}`)
}

export default async function setup(project: TestProject) {
  // A server started by hand (a fresh `propdesk serve --demo`): the specs run against it as is.
  const external = process.env.PROPDESK_E2E_URL
  if (external) {
    project.provide('baseURL', external.replace(/\/$/, ''))
    return
  }
  const bin = resolve(process.env.PROPDESK_BIN ?? join(webDir, '..', 'build', 'release', 'propdesk'))
  if (!existsSync(bin)) throw new Error(`server binary not found: ${bin} (build it, or set PROPDESK_BIN)`)
  const dist = join(webDir, 'dist')
  if (!existsSync(join(dist, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first')

  const dataDir = mkdtempSync(join(tmpdir(), 'propdesk-e2e-'))
  const port = await freePort()
  const logPath = join(dataDir, 'server.log')
  const log = createWriteStream(logPath)
  // No past desk cases or repair jobs: the desk and repair specs count what they record themselves
  // (a past repair job has a desk case and a return visit too).
  const args = ['serve', '--port', String(port), '--data', dataDir, '--demo', '--demo-cases', '0', '--demo-repairs', '0', '--web', dist]
  const child = spawn(bin, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.pipe(log)
  child.stderr!.pipe(log)

  const baseURL = `http://127.0.0.1:${port}`
  try {
    await waitHealthy(baseURL, child, logPath)
  } catch (e) {
    child.kill('SIGKILL')
    throw e
  }
  project.provide('baseURL', baseURL)

  return async () => {
    if (running(child)) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    log.end()
    // A server that crashed during the run fails it, whatever the specs said; its log is kept.
    const crashed = child.signalCode !== null && child.signalCode !== 'SIGTERM' && child.signalCode !== 'SIGKILL'
    if (crashed || process.env.PROPDESK_E2E_KEEP) console.log(`e2e server data and log kept in ${dataDir}`)
    else rmSync(dataDir, { recursive: true, force: true })
    if (crashed) throw new Error(`propdesk died with ${child.signalCode} during the browser specs; see ${logPath}`)
  }
}
