// Routes. Only the login page is in the first download; everything else loads when opened.
import { createRouter, createWebHistory, type RouteRecordRaw, type RouteRecordSingleView } from 'vue-router'
import { setUnauthorizedHandler } from '@/api/client'
import { canOpen, landingPath, type Permission } from '@/nav/access'
import { useSessionStore } from '@/stores/session'
import LoginView from '@/views/LoginView.vue'
import { loginLocation } from './redirect'

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without signing in. */
    public?: boolean
    /** Any one of these lets the user open the page (checked for the current site). */
    needs?: Permission[]
    /** i18n key of the page title. */
    title?: string
  }
}

const org: Permission[] = ['org_read']
// A technician opens the jobs and work orders given to them; the server checks whose they are.
const repairView: Permission[] = ['repairs_read', 'repairs_work']
const parkingRead: Permission[] = ['parking_read']
const parkingWork: Permission[] = ['parking_work']
/** PK-6: those who decide free exits — the manager (approved) and the team lead (policy). */
const parkingDecide: Permission[] = ['parking_release', 'parking_approve']

/** A record's printed form, outside the app's layout (`styles/print.css`). */
const printRoute = (base: string, name: string, component: RouteRecordSingleView['component'], needs: Permission[], title: string): RouteRecordRaw => ({
  path: `/${base}/:id(\\d+)/print`,
  name,
  component,
  meta: { needs, title },
})

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true, title: 'login.title' } },
  printRoute('units', 'unit-print', () => import('@/views/org/UnitPrintView.vue'), org, 'unitCard.title'),
  printRoute('cases', 'case-print', () => import('@/views/desk/CasePrintView.vue'), ['cases_read'], 'casePrint.title'),
  printRoute('repairs', 'repair-print', () => import('@/views/repairs/RepairPrintView.vue'), repairView, 'repairPrint.title'),
  // MT-3.4: the resident's receipt, shown on the technician's phone or printed.
  {
    path: '/repairs/:id(\\d+)/receipt',
    name: 'repair-receipt',
    component: () => import('@/views/repairs/RepairReceiptView.vue'),
    meta: { needs: repairView, title: 'repairReceipt.title' },
  },
  printRoute('work-orders', 'work-order-print', () => import('@/views/repairs/WorkOrderPrintView.vue'), repairView, 'workOrderPrint.title'),
  printRoute('parking/visits', 'parking-receipt', () => import('@/views/parking/ReceiptPrintView.vue'), parkingRead, 'parkingReceipt.title'),
  printRoute('parking/handovers', 'parking-handover-print', () => import('@/views/parking/HandoverPrintView.vue'), parkingRead, 'handoverPrint.title'),
  {
    path: '/parking/register/print',
    name: 'parking-register-print',
    component: () => import('@/views/parking/RegisterPrintView.vue'),
    meta: { needs: parkingRead, title: 'registerPrint.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/views/HomeView.vue'), meta: { title: 'nav.home' } },
      { path: 'cases', name: 'cases', component: () => import('@/views/desk/CasesView.vue'), meta: { needs: ['cases_read'], title: 'nav.cases' } },
      { path: 'cases/new', name: 'case-new', component: () => import('@/views/desk/CaseNewView.vue'), meta: { needs: ['cases_write'], title: 'intake.title' } },
      { path: 'cases/:id(\\d+)', name: 'case', component: () => import('@/views/desk/CaseDetailView.vue'), meta: { needs: ['cases_read'], title: 'case.title' } },
      { path: 'queue', name: 'queue', component: () => import('@/views/desk/QueueView.vue'), meta: { needs: ['cases_work'], title: 'nav.queue' } },
      { path: 'return-visits', name: 'return-visits', component: () => import('@/views/desk/ReturnVisitsView.vue'), meta: { needs: ['cases_read'], title: 'nav.returnVisits' } },
      { path: 'desk/kpi', name: 'desk-kpi', component: () => import('@/views/desk/DeskKpiView.vue'), meta: { needs: ['desk_kpi'], title: 'nav.deskKpi' } },
      { path: 'desk/policy', name: 'desk-policy', component: () => import('@/views/desk/DeskPolicyView.vue'), meta: { needs: ['desk_admin'], title: 'nav.deskPolicy' } },
      { path: 'repairs', name: 'repairs', component: () => import('@/views/repairs/RepairsView.vue'), meta: { needs: ['repairs_read'], title: 'nav.repairs' } },
      { path: 'repairs/new', name: 'repair-new', component: () => import('@/views/repairs/RepairNewView.vue'), meta: { needs: ['repairs_write'], title: 'repairNew.title' } },
      { path: 'repairs/:id(\\d+)', name: 'repair', component: () => import('@/views/repairs/RepairDetailView.vue'), meta: { needs: repairView, title: 'repair.title' } },
      { path: 'my-jobs', name: 'my-jobs', component: () => import('@/views/repairs/MyJobsView.vue'), meta: { needs: ['repairs_work'], title: 'nav.myJobs' } },
      { path: 'work-orders', name: 'work-orders', component: () => import('@/views/repairs/WorkOrdersView.vue'), meta: { needs: repairView, title: 'nav.workOrders' } },
      { path: 'work-orders/:id(\\d+)', name: 'work-order', component: () => import('@/views/repairs/WorkOrderDetailView.vue'), meta: { needs: repairView, title: 'workOrder.title' } },
      { path: 'repairs/prices', name: 'price-list', component: () => import('@/views/repairs/PriceListView.vue'), meta: { needs: repairView, title: 'nav.priceList' } },
      { path: 'repairs/kpi', name: 'repair-kpi', component: () => import('@/views/repairs/RepairKpiView.vue'), meta: { needs: ['repair_kpi'], title: 'nav.repairKpi' } },
      { path: 'repairs/policy', name: 'repair-policy', component: () => import('@/views/repairs/RepairPolicyView.vue'), meta: { needs: ['repairs_admin'], title: 'nav.repairPolicy' } },
      { path: 'parking', redirect: '/parking/booth' },
      { path: 'parking/booth', name: 'parking-booth', component: () => import('@/views/parking/BoothView.vue'), meta: { needs: parkingRead, title: 'nav.parkingBooth' } },
      { path: 'parking/register', name: 'parking-register', component: () => import('@/views/parking/RegisterView.vue'), meta: { needs: parkingRead, title: 'nav.parkingRegister' } },
      { path: 'parking/visits', redirect: '/parking/register' },
      { path: 'parking/visits/:id(\\d+)', name: 'parking-visit', component: () => import('@/views/parking/VisitDetailView.vue'), meta: { needs: parkingRead, title: 'parkingVisit.title' } },
      { path: 'parking/approvals', name: 'parking-approvals', component: () => import('@/views/parking/ApprovalsView.vue'), meta: { needs: parkingDecide, title: 'nav.parkingApprovals' } },
      { path: 'parking/approvals/:id(\\d+)', name: 'parking-approval', component: () => import('@/views/parking/ApprovalDetailView.vue'), meta: { needs: parkingDecide, title: 'approvals.title' } },
      { path: 'parking/holds', name: 'parking-holds', component: () => import('@/views/parking/HoldsView.vue'), meta: { needs: parkingRead, title: 'nav.parkingHolds' } },
      { path: 'parking/holds/:id(\\d+)', name: 'parking-hold', component: () => import('@/views/parking/HoldDetailView.vue'), meta: { needs: parkingRead, title: 'parkingHold.title' } },
      { path: 'parking/incidents', name: 'parking-incidents', component: () => import('@/views/parking/IncidentsView.vue'), meta: { needs: parkingRead, title: 'nav.parkingIncidents' } },
      // A notification's link (the team lead's override, PK-8): the list with that incident open.
      { path: 'parking/incidents/:id(\\d+)', name: 'parking-incident', component: () => import('@/views/parking/IncidentsView.vue'), meta: { needs: parkingRead, title: 'nav.parkingIncidents' } },
      { path: 'parking/handovers', name: 'parking-handovers', component: () => import('@/views/parking/HandoversView.vue'), meta: { needs: parkingRead, title: 'nav.parkingHandovers' } },
      { path: 'parking/handovers/new', name: 'parking-handover-new', component: () => import('@/views/parking/HandoverNewView.vue'), meta: { needs: parkingWork, title: 'handover.new' } },
      { path: 'parking/handovers/:id(\\d+)', name: 'parking-handover', component: () => import('@/views/parking/HandoverDetailView.vue'), meta: { needs: parkingRead, title: 'handover.title' } },
      { path: 'parking/peak', name: 'parking-peak', component: () => import('@/views/parking/PeakView.vue'), meta: { needs: parkingRead, title: 'nav.parkingPeak' } },
      { path: 'parking/cards', name: 'parking-cards', component: () => import('@/views/parking/CardsView.vue'), meta: { needs: parkingRead, title: 'nav.parkingCards' } },
      { path: 'parking/setup', name: 'parking-setup', component: () => import('@/views/parking/SetupView.vue'), meta: { needs: parkingRead, title: 'nav.parkingSetup' } },
      { path: 'sites', name: 'sites', component: () => import('@/views/org/SitesView.vue'), meta: { needs: ['sites_admin', 'org_write'], title: 'nav.sites' } },
      { path: 'areas', name: 'areas', component: () => import('@/views/org/AreasView.vue'), meta: { needs: org, title: 'nav.areas' } },
      { path: 'buildings', name: 'buildings', component: () => import('@/views/org/BuildingsView.vue'), meta: { needs: org, title: 'nav.buildings' } },
      { path: 'units', name: 'units', component: () => import('@/views/org/UnitsView.vue'), meta: { needs: org, title: 'nav.units' } },
      { path: 'units/:id(\\d+)', name: 'unit', component: () => import('@/views/org/UnitDetailView.vue'), meta: { needs: org, title: 'unit.title' } },
      { path: 'residents', name: 'residents', component: () => import('@/views/org/ResidentsView.vue'), meta: { needs: ['residents_read'], title: 'nav.residents' } },
      { path: 'residents/:id(\\d+)', name: 'resident', component: () => import('@/views/org/ResidentDetailView.vue'), meta: { needs: ['residents_read'], title: 'resident.title' } },
      { path: 'departments', name: 'departments', component: () => import('@/views/org/DepartmentsView.vue'), meta: { needs: org, title: 'nav.departments' } },
      { path: 'staff', name: 'staff', component: () => import('@/views/staff/StaffView.vue'), meta: { needs: ['staff_read'], title: 'nav.staff' } },
      { path: 'staff/:id(\\d+)', name: 'staff-member', component: () => import('@/views/staff/StaffDetailView.vue'), meta: { needs: ['staff_read'], title: 'staff.title' } },
      { path: 'devices', name: 'devices', component: () => import('@/views/org/DevicesView.vue'), meta: { needs: ['devices_admin'], title: 'nav.devices' } },
      { path: 'import', name: 'import', component: () => import('@/views/org/ImportView.vue'), meta: { needs: ['import_data'], title: 'nav.import' } },
      { path: 'profile', name: 'profile', component: () => import('@/views/ProfileView.vue'), meta: { title: 'nav.profile' } },
      { path: 'not-allowed', name: 'not-allowed', component: () => import('@/views/NotAllowedView.vue'), meta: { title: 'notAllowed.title' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue'), meta: { title: 'notFound.title' } },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  const session = useSessionStore()
  if (!session.loaded) await session.load()
  if (to.meta.public) return to.name === 'login' && session.me ? '/' : true
  if (!session.me) return loginLocation(to.fullPath)
  // The attendant's day starts at the booth, a technician's at their jobs.
  if (to.name === 'home') {
    const landing = landingPath(session.me, session.siteId)
    if (landing !== '/') return landing
  }
  if (!canOpen(session.me, to.meta.needs, session.siteId)) {
    return { name: 'not-allowed', query: { from: to.fullPath } }
  }
  return true
})

// A request answered 401 mid-work: the session expired or was ended elsewhere.
setUnauthorizedHandler(() => {
  const session = useSessionStore()
  session.forget()
  const current = router.currentRoute.value
  if (!current.meta.public) void router.push(loginLocation(current.fullPath))
})

// After a new release the old hashed chunks are gone; a full load fetches the new index.html.
router.onError((err: Error, to) => {
  if (/dynamically imported module|Importing a module script failed/i.test(err.message)) {
    window.location.assign(to.fullPath)
  }
})
