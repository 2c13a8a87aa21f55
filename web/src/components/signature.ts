// The pure part of the signature pad: strokes are kept in coordinates relative to the pad
// (0…1 both ways), so the drawing survives a resize or a phone turned sideways and exports at a
// fixed size whatever the screen's pixel density.

export interface Point {
  x: number
  y: number
}
export type Stroke = Point[]

const clamp = (v: number) => Math.min(1, Math.max(0, v))

/** A pointer position on the page → the point on the pad (0…1), clamped to its edges. */
export function padPoint(clientX: number, clientY: number, rect: Pick<DOMRect, 'left' | 'top' | 'width' | 'height'>): Point {
  if (rect.width <= 0 || rect.height <= 0) return { x: 0, y: 0 }
  return { x: clamp((clientX - rect.left) / rect.width), y: clamp((clientY - rect.top) / rect.height) }
}

/** How far the pen travelled, in pad widths (the height scaled by the pad's aspect). */
export function inkLength(strokes: readonly Stroke[], aspect = 3): number {
  let total = 0
  for (const s of strokes) {
    for (let i = 1; i < s.length; i++) {
      const dx = s[i]!.x - s[i - 1]!.x
      const dy = (s[i]!.y - s[i - 1]!.y) / aspect
      total += Math.hypot(dx, dy)
    }
  }
  return total
}

/**
 * Whether there is a signature: some real pen movement, not a tap or a brush of the screen
 * (a tenth of the pad's width in all).
 */
export function hasInk(strokes: readonly Stroke[], aspect = 3): boolean {
  return inkLength(strokes, aspect) >= 0.1
}

/** The exported image's size: `width` pixels wide, the pad's aspect, at least 1 × 1. */
export function exportSize(padWidth: number, padHeight: number, width = 600): { width: number; height: number } {
  if (padWidth <= 0 || padHeight <= 0) return { width, height: Math.round(width / 3) }
  return { width, height: Math.max(1, Math.round((width * padHeight) / padWidth)) }
}

/** Draws the strokes onto a 2D context of `width` × `height` pixels (white paper, dark ink). */
export function drawStrokes(
  ctx: Pick<CanvasRenderingContext2D, 'fillStyle' | 'strokeStyle' | 'lineWidth' | 'lineCap' | 'lineJoin' | 'fillRect' | 'beginPath' | 'moveTo' | 'lineTo' | 'stroke' | 'arc' | 'fill'>,
  strokes: readonly Stroke[],
  width: number,
  height: number,
): void {
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, width, height)
  ctx.strokeStyle = '#1a1a2e'
  ctx.fillStyle = '#1a1a2e'
  ctx.lineWidth = Math.max(2, width / 200)
  ctx.lineCap = 'round'
  ctx.lineJoin = 'round'
  for (const s of strokes) {
    if (s.length === 0) continue
    ctx.beginPath()
    if (s.length === 1) {
      ctx.arc(s[0]!.x * width, s[0]!.y * height, ctx.lineWidth / 2, 0, Math.PI * 2)
      ctx.fill()
      continue
    }
    ctx.moveTo(s[0]!.x * width, s[0]!.y * height)
    for (const p of s.slice(1)) ctx.lineTo(p.x * width, p.y * height)
    ctx.stroke()
  }
}
