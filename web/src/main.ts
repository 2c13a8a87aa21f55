import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { applyLanguage, i18n, storedLanguage } from './i18n'
import { router } from './router'
import './styles/base.css'
import './styles/print.css'

async function start() {
  // The login page speaks the language this browser last used; /me overrides it after sign-in.
  await applyLanguage(storedLanguage())
  createApp(App).use(createPinia()).use(i18n).use(router).mount('#app')
}

void start()
