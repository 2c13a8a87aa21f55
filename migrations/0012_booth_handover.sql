-- The booth that knows what happened (issue 13, PK-5, PK-8): the cash handed over and the change
-- given, which QR an electronic payment was scanned from, the QR images each car park shows, and
-- the changes to a lane's waiting cars that every booth page hears of live.
-- Columns and a table only: no CHECK changes (SQLite would need parking_visits rebuilt).

-- PK-5: what the driver handed over and the change given back (cash; an electronic payment
-- receives exactly the fee). The rule refuses less than the fee; paid_cents stays the fee.
ALTER TABLE parking_visits ADD COLUMN received_cents BIGINT NOT NULL DEFAULT 0 CHECK (received_cents >= 0);
ALTER TABLE parking_visits ADD COLUMN change_cents BIGINT NOT NULL DEFAULT 0 CHECK (change_cents >= 0);
-- The QR the driver scanned for an electronic payment ('' for cash, or not said).
ALTER TABLE parking_visits ADD COLUMN payment_scheme TEXT NOT NULL DEFAULT ''
    CHECK (payment_scheme IN ('', 'fps', 'wechat', 'alipay'));
-- Payments from before were taken exactly.
UPDATE parking_visits SET received_cents = paid_cents WHERE paid_at IS NOT NULL;

-- The payment QR images a car park shows at its booths (files of kind photo, uploaded in set-up).
ALTER TABLE parking_lots ADD COLUMN qr_fps_file_id BIGINT REFERENCES files(id);
ALTER TABLE parking_lots ADD COLUMN qr_wechat_file_id BIGINT REFERENCES files(id);
ALTER TABLE parking_lots ADD COLUMN qr_alipay_file_id BIGINT REFERENCES files(id);

-- A waiting car's fate, written in the transaction that decided it: paid, released by the team
-- lead, let out free, its free exit refused, or held. The live feed sends each to the booth pages
-- (several servers on one database see it through this table, as with gate_events).
CREATE TABLE parking_lane_changes (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    lane_id BIGINT REFERENCES parking_lanes(id),
    visit_id BIGINT NOT NULL REFERENCES parking_visits(id),
    plate TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('paid', 'released', 'freed', 'free_refused', 'held')),
    by_user BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX parking_lane_changes_lane ON parking_lane_changes (lane_id, id);
