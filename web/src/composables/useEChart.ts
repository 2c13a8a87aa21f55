// An ECharts chart in a div: drawn when mounted, drawn again when its option changes, resized
// with its box, disposed with the component. The component registers the ECharts parts it uses
// (so only those are bundled, into its own page's chunk).
import { init, type ECharts, type EChartsCoreOption } from 'echarts/core'
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'

/** `notMerge`: each drawing replaces the last one (series may come and go). */
export function useEChart(el: Ref<HTMLElement | undefined>, option: () => EChartsCoreOption, notMerge = false) {
  let chart: ECharts | null = null
  let resize: ResizeObserver | null = null
  onMounted(() => {
    chart = init(el.value!)
    chart.setOption(option(), notMerge)
    resize = new ResizeObserver(() => chart?.resize())
    resize.observe(el.value!)
  })
  watch(option, (o) => chart?.setOption(o, notMerge))
  onBeforeUnmount(() => {
    resize?.disconnect()
    chart?.dispose()
  })
}
