// Build plugin: a brotli and a gzip copy beside every text file of the built app (app.js →
// app.js.br, app.js.gz), so the server sends a phone the smallest one its browser takes without
// compressing anything per request (src/platform/http/static_files.cpp).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.webmanifest', '.ico'])
// Below this the headers cost more than compression saves.
const MIN_BYTES = 1024

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else yield path
  }
}

export function precompress(): Plugin {
  let outDir = 'dist'
  return {
    name: 'propdesk-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    closeBundle() {
      for (const path of files(outDir)) {
        if (!TEXT.has(extname(path))) continue
        const data = readFileSync(path)
        if (data.length < MIN_BYTES) continue
        writeFileSync(path + '.gz', gzipSync(data, { level: 9 }))
        writeFileSync(
          path + '.br',
          brotliCompressSync(data, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
          }),
        )
      }
    },
  }
}
