// A parking card as the set-up keeps it (PK-4): its car park, number, kind, holder and unit, the
// days it is valid (the last one included) and the plates it lets in (one to five).
import type { Card, CardInput } from '@/api/parkingTypes'
import { normalisePlate } from './parkingDisplay'

export const MAX_PLATES = 5

export interface CardForm extends Omit<CardInput, 'lot_id' | 'unit_id'> {
  lot_id: number | undefined
  unit_id: number | undefined
}

export const cardForm = (c: Card | null, lotId?: number): CardForm => ({
  lot_id: c?.lot_id ?? lotId,
  card_no: c?.card_no ?? '',
  kind: c?.kind ?? 'monthly',
  holder_name: c?.holder_name ?? '',
  unit_id: c?.unit_id ?? undefined,
  valid_from: c?.valid_from ?? '',
  valid_to: c?.valid_to ?? '',
  plates: c ? [...c.plates] : [],
})

/** Plates tidied and each once, in the order typed. */
export function cleanPlates(plates: string[]): string[] {
  const out: string[] = []
  for (const p of plates.map(normalisePlate)) if (p && !out.includes(p)) out.push(p)
  return out
}

export function cardMissing(f: CardForm): keyof CardForm | null {
  if (!f.lot_id) return 'lot_id'
  if (!f.card_no.trim()) return 'card_no'
  if (!f.holder_name.trim()) return 'holder_name'
  if (!f.valid_from) return 'valid_from'
  if (!f.valid_to || f.valid_to < f.valid_from) return 'valid_to'
  const plates = cleanPlates(f.plates)
  if (plates.length < 1 || plates.length > MAX_PLATES) return 'plates'
  return null
}

export function cardBody(f: CardForm): CardInput {
  return {
    lot_id: f.lot_id!,
    card_no: f.card_no.trim(),
    kind: f.kind,
    holder_name: f.holder_name.trim(),
    unit_id: f.unit_id ?? null,
    valid_from: f.valid_from,
    valid_to: f.valid_to,
    plates: cleanPlates(f.plates),
  }
}
