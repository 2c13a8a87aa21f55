import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vite'
import { loginSizeReport } from './scripts/login-size.ts'
import { precompress } from './scripts/precompress.ts'

function chunkLabel(ids: readonly string[], name: string): string {
  if (ids.some((id) => id.includes('/node_modules/vue-i18n/') || id.includes('/node_modules/@vue/runtime-core/')))
    return 'vendor-vue'
  if (ids.some((id) => id.includes('/node_modules/echarts/') || id.includes('/node_modules/zrender/'))) return 'vendor-echarts'
  const element = ids.filter((id) => /\/node_modules\/@?element-plus\//.test(id)).length
  if (element > 0 && element >= ids.length / 2) return 'vendor-element'
  return name
}

// The PropDesk server the dev server forwards to (`./dev run` listens on 8080; PROPDESK_API overrides).
const backend = process.env.PROPDESK_API ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus is imported per component (and its CSS per component), never as a whole.
    AutoImport({ resolvers: [ElementPlusResolver()], dts: 'auto-imports.d.ts' }),
    Components({ resolvers: [ElementPlusResolver()], dts: 'components.d.ts', dirs: [] }),
    loginSizeReport('dist-report'),
    precompress(),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  define: {
    // vue-i18n: Composition API only, so the legacy API is dropped from the bundle.
    __VUE_I18N_LEGACY_API__: false,
    __VUE_I18N_FULL_INSTALL__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    // Vite's own per-file gzip sizes are printed too; dist-report/ holds the login-route sum.
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // Shared chunks get named after whatever module came first ("css-…", "messages-…");
      // naming them by what they hold keeps the size report readable. Still under assets/.
      output: { chunkFileNames: (chunk) => `assets/${chunkLabel(chunk.moduleIds, chunk.name)}-[hash].js` },
    },
  },
  server: {
    // changeOrigin stays off: the server accepts writes whose Origin matches the Host it sees,
    // and the browser's Origin is the dev server's.
    proxy: {
      '/api': { target: backend, ws: true },
      '/healthz': { target: backend },
    },
  },
})
