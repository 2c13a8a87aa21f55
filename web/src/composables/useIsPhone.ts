import { ref, type Ref } from 'vue'

// One media query shared by every component: below 768 px the app uses its phone layout.
let phone: Ref<boolean> | null = null

export function useIsPhone(): Ref<boolean> {
  if (!phone) {
    const query = window.matchMedia('(max-width: 768px)')
    phone = ref(query.matches)
    query.addEventListener('change', (e) => (phone!.value = e.matches))
  }
  return phone
}
