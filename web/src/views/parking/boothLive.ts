// The booth that knows what happened (issue 13): when a waiting car is paid, released by the team
// lead, let out free, refused its free exit or held — on this page or any other — every booth
// page hears it on the live channel (`lane_change`). The lane card changes at once (the car
// leaves its waiting list before the booth is fetched again), says what happened in large type
// for a while, and the attendant hears a short sound: two rising notes when the barrier may open,
// a low double note when the car must stay.
import type { Booth, LaneChange, LaneChangeKind } from '@/api/parkingTypes'

/** A change after which the barrier opens for the car. */
export const barrierOpens = (kind: LaneChangeKind): boolean => kind === 'paid' || kind === 'released' || kind === 'freed'

/** The booth with the change applied: the car leaves the waiting list when it may go, and the lane says what happened. */
export function applyLaneChange(booth: Booth, ch: LaneChange): Booth {
  return {
    ...booth,
    lanes: booth.lanes.map((l) => {
      const here = l.id === ch.lane_id || l.waiting.some((v) => v.id === ch.visit_id)
      if (!here) return l
      const waiting = barrierOpens(ch.kind) ? l.waiting.filter((v) => v.id !== ch.visit_id) : l.waiting
      // A change never replaces a newer one the booth already has.
      const last = l.last_change && l.last_change.id > ch.id ? l.last_change : ch
      return { ...l, waiting, last_change: l.id === ch.lane_id ? last : l.last_change }
    }),
  }
}

/** How long a lane card shows a change in large type. */
export const FLASH_MS = 20_000

/** Whether the lane's last change is still fresh enough to show in large type. */
export const isFresh = (ch: Pick<LaneChange, 'at'> | null | undefined, now: number, ms = FLASH_MS): boolean =>
  !!ch && now - Date.parse(ch.at) < ms

export interface Tone {
  hz: number
  ms: number
}
/** The sound of a change: rising when the barrier may open, low when the car stays. */
export function chimeFor(kind: LaneChangeKind): Tone[] {
  return barrierOpens(kind)
    ? [
        { hz: 880, ms: 120 },
        { hz: 1320, ms: 180 },
      ]
    : [
        { hz: 330, ms: 160 },
        { hz: 330, ms: 160 },
      ]
}

type AudioCtor = new () => AudioContext
let audio: AudioContext | null = null

/** The page's audio, made on the first tap or key (browsers start it only after one). */
export function unlockAudio(Ctor: AudioCtor | undefined = globalThis.AudioContext): void {
  if (!Ctor) return
  audio ??= new Ctor()
  if (audio.state === 'suspended') void audio.resume().catch(() => {})
}

/** Plays the tones one after the other (a quiet sine, no file); silent where there is no audio yet. */
export function playChime(tones: Tone[], ctx: AudioContext | null = audio): boolean {
  if (!ctx) return false
  let at = ctx.currentTime + 0.02
  for (const tone of tones) {
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    osc.type = 'sine'
    osc.frequency.value = tone.hz
    gain.gain.setValueAtTime(0.0001, at)
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.015)
    gain.gain.exponentialRampToValueAtTime(0.0001, at + tone.ms / 1000)
    osc.connect(gain).connect(ctx.destination)
    osc.start(at)
    osc.stop(at + tone.ms / 1000 + 0.02)
    at += tone.ms / 1000 + 0.04
  }
  return true
}
