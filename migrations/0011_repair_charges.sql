-- Repairs that add up (issue 13, MT-3.2 → MT-3.4): the quote the resident consents to is made of
-- price-list lines, the bought materials go on the receipt at their receipt amounts, and a final
-- charge that differs from the consented quote carries its reason.

-- The lines of each proposal (MT-3.2): a new proposal supersedes the lines of the one before,
-- which stay on record; the job's quote is its lines not superseded.
CREATE TABLE repair_quote_lines (
    id {{ID}},
    repair_id BIGINT NOT NULL REFERENCES repairs(id),
    proposed_at BIGINT NOT NULL,
    superseded_at BIGINT,
    price_item_id BIGINT NOT NULL REFERENCES price_items(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    unit_price_cents BIGINT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    amount_cents BIGINT NOT NULL
);
CREATE INDEX repair_quote_lines_repair ON repair_quote_lines (repair_id, id);

-- MT-3.3/3.4: a bought material put on the resident's receipt at its receipt amount (1), or not
-- charged by the office (0: the resident paid the shop, or it was included in the quote).
ALTER TABLE repair_materials ADD COLUMN charged BIGINT NOT NULL DEFAULT 0;

-- The receipt's materials total (total_cents = charge_cents + materials_cents + adjustment_cents),
-- and why the total differs from the consented quote plus the charged materials (MT-3.4).
ALTER TABLE repairs ADD COLUMN materials_cents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE repairs ADD COLUMN charge_reason TEXT NOT NULL DEFAULT '';
