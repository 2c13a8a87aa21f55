// Build plugin: measures what the login page downloads (the entry chunk with everything it
// imports statically, and their CSS), gzip-compressed, writes dist-report/, and fails the
// build when the JavaScript goes over the budget in issue 3 (login route ≤ 300 KB gzip).
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

export const LOGIN_JS_BUDGET_BYTES = 300 * 1000

interface ChunkLike {
  type: 'chunk'
  fileName: string
  code: string
  isEntry: boolean
  imports: string[]
  moduleIds: string[]
  viteMetadata?: { importedCss: Set<string> }
}
interface AssetLike {
  type: 'asset'
  fileName: string
  source: string | Uint8Array
}
type Output = ChunkLike | AssetLike

const gz = (data: string | Uint8Array) => gzipSync(data).length

/** What a chunk is made of: npm packages by name, and "app" for our own sources. */
function origins(ids: string[]): string[] {
  const names = ids.map((id) => {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id)
    return m ? m[1]! : 'app'
  })
  return [...new Set(names)].sort()
}
const kb = (n: number) => (n / 1000).toFixed(1) + ' kB'

export function loginSizeReport(reportDir: string): Plugin {
  return {
    name: 'propdesk-login-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = bundle as unknown as Record<string, Output>
      const entry = Object.values(files).find((f): f is ChunkLike => f.type === 'chunk' && f.isEntry)
      if (!entry) return
      const js = new Set<string>()
      const css = new Set<string>()
      const visit = (name: string) => {
        const chunk = files[name]
        if (!chunk || chunk.type !== 'chunk' || js.has(name)) return
        js.add(name)
        chunk.viteMetadata?.importedCss.forEach((c) => css.add(c))
        chunk.imports.forEach(visit)
      }
      visit(entry.fileName)

      const sizeOf = (name: string) => {
        const f = files[name]
        if (!f) return { raw: 0, gzip: 0 }
        const body = f.type === 'chunk' ? f.code : f.source
        return { raw: typeof body === 'string' ? Buffer.byteLength(body) : body.length, gzip: gz(body) }
      }
      const rows = [...js, ...css].map((name) => {
        const f = files[name]
        return { name, ...sizeOf(name), from: f?.type === 'chunk' ? origins(f.moduleIds) : undefined }
      })
      const jsGzip = rows.filter((r) => js.has(r.name)).reduce((s, r) => s + r.gzip, 0)
      const cssGzip = rows.filter((r) => css.has(r.name)).reduce((s, r) => s + r.gzip, 0)

      const all = Object.values(files)
        .map((f) => ({ name: f.fileName, ...sizeOf(f.fileName) }))
        .sort((a, b) => b.gzip - a.gzip)

      const dir = resolve(reportDir)
      mkdirSync(dir, { recursive: true })
      writeFileSync(
        resolve(dir, 'login-route.json'),
        JSON.stringify({ js_gzip_bytes: jsGzip, css_gzip_bytes: cssGzip, budget_js_gzip_bytes: LOGIN_JS_BUDGET_BYTES, files: rows }, null, 2) + '\n',
      )
      writeFileSync(
        resolve(dir, 'chunks.txt'),
        all.map((r) => `${kb(r.gzip).padStart(10)} gzip ${kb(r.raw).padStart(10)} raw  ${r.name}`).join('\n') + '\n',
      )
      const summary = `login route: JS ${kb(jsGzip)} gzip in ${js.size} files, CSS ${kb(cssGzip)} gzip (budget JS ${kb(LOGIN_JS_BUDGET_BYTES)})`
      this.info(summary)
      console.log('\n' + summary + ` — details in ${reportDir}/`)
      if (jsGzip > LOGIN_JS_BUDGET_BYTES) this.error(`${summary}: over budget`)
    },
  }
}
