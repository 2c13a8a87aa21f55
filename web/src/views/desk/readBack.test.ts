import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { readBackSubject, useReadBackGuard } from './readBack'

describe('read back (FD-A)', () => {
  it('covers the text as heard: spaces around it do not count', () => {
    expect(readBackSubject(['漏水 ', 3])).toBe(readBackSubject([' 漏水', 3]))
    expect(readBackSubject(['漏水', 3])).not.toBe(readBackSubject(['滲水', 3]))
    expect(readBackSubject([undefined])).toBe(readBackSubject([null]))
  })

  it('clears the tick when the content changes after it, and says so until ticked again', async () => {
    const confirmed = ref(false)
    const content = ref('廚房漏水')
    const { changed } = useReadBackGuard(confirmed, () => readBackSubject([content.value]))
    content.value = '廚房天花漏水' // before the tick: nothing to clear
    await nextTick()
    expect(changed.value).toBe(false)

    confirmed.value = true
    await nextTick()
    content.value = '廚房天花漏水 ' // a trailing space is not a change
    await nextTick()
    expect(confirmed.value).toBe(true)

    content.value = '廚房天花及浴室漏水'
    await nextTick()
    expect(confirmed.value).toBe(false)
    expect(changed.value).toBe(true)

    confirmed.value = true // read back again
    await nextTick()
    expect(changed.value).toBe(false)
    expect(confirmed.value).toBe(true)
  })

  it('leaves a form without a subject alone', async () => {
    const confirmed = ref(true)
    const { changed } = useReadBackGuard(confirmed, () => undefined)
    await nextTick()
    expect(confirmed.value).toBe(true)
    expect(changed.value).toBe(false)
  })
})
