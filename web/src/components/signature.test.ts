import { describe, expect, it } from 'vitest'
import { drawStrokes, exportSize, hasInk, inkLength, padPoint } from './signature'

const rect = { left: 10, top: 20, width: 300, height: 100 }

describe('signature pad geometry', () => {
  it('maps a pointer to the pad, clamped to its edges', () => {
    expect(padPoint(10, 20, rect)).toEqual({ x: 0, y: 0 })
    expect(padPoint(160, 70, rect)).toEqual({ x: 0.5, y: 0.5 })
    expect(padPoint(400, 0, rect)).toEqual({ x: 1, y: 0 })
    expect(padPoint(5, 5, { ...rect, width: 0 })).toEqual({ x: 0, y: 0 })
  })

  it('counts pen travel, not taps', () => {
    expect(inkLength([])).toBe(0)
    expect(hasInk([[{ x: 0.5, y: 0.5 }]])).toBe(false)
    expect(hasInk([[{ x: 0.1, y: 0.5 }, { x: 0.15, y: 0.5 }]])).toBe(false)
    const line = [{ x: 0.1, y: 0.5 }, { x: 0.4, y: 0.5 }]
    expect(inkLength([line])).toBeCloseTo(0.3)
    expect(hasInk([line])).toBe(true)
    // Two short strokes add up.
    expect(hasInk([[{ x: 0, y: 0 }, { x: 0.06, y: 0 }], [{ x: 0.5, y: 0 }, { x: 0.56, y: 0 }]])).toBe(true)
  })

  it('exports at a fixed width in the pad\u2019s aspect', () => {
    expect(exportSize(300, 100)).toEqual({ width: 600, height: 200 })
    expect(exportSize(390, 180, 600)).toEqual({ width: 600, height: 277 })
    expect(exportSize(0, 0)).toEqual({ width: 600, height: 200 })
  })

  it('draws each stroke scaled to the image', () => {
    const calls: string[] = []
    const ctx = {
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 0,
      lineCap: 'butt' as CanvasLineCap,
      lineJoin: 'miter' as CanvasLineJoin,
      fillRect: (x: number, y: number, w: number, h: number) => calls.push(`rect ${x},${y},${w},${h}`),
      beginPath: () => calls.push('begin'),
      moveTo: (x: number, y: number) => calls.push(`move ${x},${y}`),
      lineTo: (x: number, y: number) => calls.push(`line ${x},${y}`),
      stroke: () => calls.push('stroke'),
      arc: (x: number, y: number) => calls.push(`dot ${x},${y}`),
      fill: () => calls.push('fill'),
    }
    drawStrokes(ctx, [[{ x: 0, y: 0 }, { x: 0.5, y: 1 }], [{ x: 1, y: 0.5 }]], 600, 200)
    expect(calls).toEqual(['rect 0,0,600,200', 'begin', 'move 0,0', 'line 300,200', 'stroke', 'begin', 'dot 600,100', 'fill'])
    expect(ctx.lineWidth).toBe(3)
  })
})
