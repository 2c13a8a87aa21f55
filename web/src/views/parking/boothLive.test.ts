import { describe, expect, it } from 'vitest'
import type { Booth, BoothLane, LaneChange, WaitingVisit } from '@/api/parkingTypes'
import { applyLaneChange, barrierOpens, chimeFor, isFresh, playChime } from './boothLive'

const stay = (id: number, status: 'exiting' | 'held' = 'exiting') => ({ id, plate: `粵B${id}`, status }) as WaitingVisit
const lane = (id: number, waiting: WaitingVisit[]): BoothLane => ({ id, waiting, last_change: null }) as unknown as BoothLane
const booth = (): Booth => ({ lanes: [lane(1, []), lane(2, [stay(10, 'held'), stay(11)])], posts: [], me: null })
const change = (kind: LaneChange['kind'], id = 5, visit = 10): LaneChange => ({
  id,
  lane_id: 2,
  visit_id: visit,
  plate: `粵B${visit}`,
  kind,
  by: { id: 3, name: '吳保安班長' },
  at: '2026-12-07T10:00:00+08:00',
})

describe('the booth that knows what happened (issue 13)', () => {
  it('takes a released, paid or freed car off its lane at once, and the lane says so', () => {
    for (const kind of ['released', 'paid', 'freed'] as const) {
      const b = applyLaneChange(booth(), change(kind))
      expect(b.lanes[1]!.waiting.map((v) => v.id)).toEqual([11])
      expect(b.lanes[1]!.last_change?.kind).toBe(kind)
      expect(b.lanes[0]).toEqual(booth().lanes[0]) // other lanes untouched
    }
  })

  it('keeps a car that stays (held, free exit refused) in the list', () => {
    const b = applyLaneChange(booth(), change('free_refused', 6, 11))
    expect(b.lanes[1]!.waiting.map((v) => v.id)).toEqual([10, 11])
    expect(b.lanes[1]!.last_change?.kind).toBe('free_refused')
  })

  it('never replaces a newer change with an older one arriving late', () => {
    const newer = applyLaneChange(booth(), change('paid', 9, 11))
    expect(applyLaneChange(newer, change('released', 5, 10)).lanes[1]!.last_change?.id).toBe(9)
  })

  it('says in large type only while the change is fresh', () => {
    const at = Date.parse('2026-12-07T10:00:00+08:00')
    expect(isFresh(change('paid'), at + 5_000)).toBe(true)
    expect(isFresh(change('paid'), at + 25_000)).toBe(false)
    expect(isFresh(null, at)).toBe(false)
  })

  it('sounds rising notes when the barrier may open, low ones when the car stays', () => {
    expect(barrierOpens('released')).toBe(true)
    expect(barrierOpens('held')).toBe(false)
    const up = chimeFor('released')
    expect(up[1]!.hz).toBeGreaterThan(up[0]!.hz)
    expect(chimeFor('held').every((t) => t.hz < 500)).toBe(true)
  })

  it('plays the tones on the page audio, and nothing without it', () => {
    expect(playChime(chimeFor('paid'), null)).toBe(false)
    const started: number[] = []
    const param = { value: 0, setValueAtTime() {}, exponentialRampToValueAtTime() {} }
    const node = () => ({ connect: (x: unknown) => x })
    const ctx = {
      currentTime: 1,
      destination: {},
      createOscillator: () => ({ ...node(), type: '', frequency: { ...param }, start: (t: number) => started.push(t), stop() {} }),
      createGain: () => ({ ...node(), gain: { ...param } }),
    } as unknown as AudioContext
    expect(playChime(chimeFor('paid'), ctx)).toBe(true)
    expect(started.length).toBe(2)
    expect(started[1]!).toBeGreaterThan(started[0]!)
  })
})
