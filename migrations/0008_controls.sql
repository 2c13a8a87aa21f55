-- The manual's controls that must hold whatever the caller tries (issue 12).

-- A piece of evidence serves one record (PK-8, MT-3.4, MT-3.5): a file, or the same bytes
-- uploaded again as another file, is claimed by the first record that uses it.
CREATE TABLE file_uses (
    file_id BIGINT PRIMARY KEY REFERENCES files(id),
    site_id BIGINT NOT NULL REFERENCES sites(id),
    sha256 TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    purpose TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX file_uses_bytes ON file_uses (site_id, sha256);

-- Uses made before this table existed, oldest first; a later duplicate keeps the first claim.
INSERT INTO file_uses (file_id, site_id, sha256, entity, entity_id, purpose, created_at)
SELECT f.id, f.site_id, f.sha256, u.entity, u.entity_id, u.purpose, u.at
  FROM (SELECT licence_file_id AS file_id, 'parking_hold' AS entity, id AS entity_id, 'licence' AS purpose,
               updated_at AS at FROM parking_holds WHERE licence_file_id IS NOT NULL
        UNION ALL SELECT id_file_id, 'parking_hold', id, 'id_card', updated_at FROM parking_holds
                  WHERE id_file_id IS NOT NULL
        UNION ALL SELECT statement_file_id, 'parking_hold', id, 'statement', updated_at FROM parking_holds
                  WHERE statement_file_id IS NOT NULL
        UNION ALL SELECT signature_file_id, 'repair', id, 'signature', updated_at FROM repairs
                  WHERE signature_file_id IS NOT NULL
        UNION ALL SELECT receipt_file_id, 'repair_material', id, 'receipt', recorded_at FROM repair_materials
                  WHERE receipt_file_id IS NOT NULL
        UNION ALL SELECT signature_file_id, 'work_order', id, 'signature', updated_at FROM work_orders
                  WHERE signature_file_id IS NOT NULL
        UNION ALL SELECT snapshot_file_id, 'parking_incident', id, 'snapshot', updated_at FROM parking_incidents
                  WHERE snapshot_file_id IS NOT NULL
        UNION ALL SELECT photo_file_id, 'vehicle', id, 'photo', updated_at FROM vehicles
                  WHERE photo_file_id IS NOT NULL) u
  JOIN files f ON f.id = u.file_id
 WHERE true
 ORDER BY u.at, f.id
ON CONFLICT DO NOTHING;

-- PK-8: a held car with no entry record pays by the site's rule (days at the daily cap).
-- PK-10: a lane this busy with fewer people on post than this alerts the team lead.
ALTER TABLE parking_lots ADD COLUMN no_entry_days BIGINT NOT NULL DEFAULT 1 CHECK (no_entry_days BETWEEN 0 AND 30);
ALTER TABLE parking_lots ADD COLUMN peak_per_hour BIGINT NOT NULL DEFAULT 0 CHECK (peak_per_hour >= 0);
ALTER TABLE parking_lots ADD COLUMN peak_min_staff BIGINT NOT NULL DEFAULT 2 CHECK (peak_min_staff >= 0);

-- PK-6: the site's policy-free register is the vehicle files with a class.
ALTER TABLE vehicles ADD COLUMN policy_class TEXT NOT NULL DEFAULT ''
    CHECK (policy_class IN ('', 'ambulance', 'fire', 'police', 'military', 'government', 'utility'));

-- PK-5: a visitor pass not handed back at the exit is recorded as lost, with a note.
ALTER TABLE parking_visits ADD COLUMN pass_lost_note TEXT NOT NULL DEFAULT '';

-- PK-6: free exits an attendant asked for, until a manager (approved) or the team lead (policy,
-- vehicle not on the register) decides. One pending request per stay.
CREATE TABLE parking_free_requests (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    visit_id BIGINT NOT NULL REFERENCES parking_visits(id),
    lane_id BIGINT REFERENCES parking_lanes(id),
    category TEXT NOT NULL CHECK (category IN ('approved', 'policy')),
    reason TEXT NOT NULL CHECK (reason <> ''),
    fee_cents BIGINT NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),  -- owed when asked: what an approval waives
    requested_by BIGINT NOT NULL REFERENCES users(id),
    requested_at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused', 'cancelled')),
    decided_by BIGINT REFERENCES users(id),
    decided_at BIGINT,
    decision_note TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- Decided by someone else, and a refusal says why.
    CHECK (status IN ('pending', 'cancelled') OR (decided_by IS NOT NULL AND decided_by <> requested_by)),
    CHECK (status <> 'refused' OR decision_note <> '')
);
CREATE UNIQUE INDEX parking_free_requests_pending ON parking_free_requests (visit_id) WHERE status = 'pending';
CREATE INDEX parking_free_requests_site ON parking_free_requests (site_id, status, id);

-- PK-7: a stay the camera let out while offline with its fee still due (exit_at set) is no longer
-- inside: the car's next live entry is a new stay, and the old one waits for the fee.
DROP INDEX parking_visits_open;
CREATE UNIQUE INDEX parking_visits_open ON parking_visits (site_id, plate_key)
    WHERE status IN ('inside', 'exiting', 'held') AND exit_at IS NULL;

-- PK-11: the system's cash of a post is every cash payment at its lanes in the shift.
CREATE INDEX parking_visits_cash_at ON parking_visits (site_id, paid_at) WHERE payment_method = 'cash';
-- PK-11: one handover per post and shift.
CREATE UNIQUE INDEX parking_handovers_post_shift ON parking_handovers (site_id, shift_date, shift, post);

-- PK-10: a lane's understaffing is told to the team lead once per lane and hour.
CREATE TABLE parking_peak_alerts (
    lane_id BIGINT NOT NULL REFERENCES parking_lanes(id),
    hour_start BIGINT NOT NULL,
    passes BIGINT NOT NULL,
    on_post BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (lane_id, hour_start)
);

-- PK-7: an exit the camera replayed offline before the entry it closes. Kept until the entry
-- arrives (its camera time earlier), which then becomes a closed stay.
CREATE TABLE parking_orphan_exits (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    lot_id BIGINT NOT NULL REFERENCES parking_lots(id),
    lane_id BIGINT NOT NULL REFERENCES parking_lanes(id),
    plate TEXT NOT NULL,
    plate_key TEXT NOT NULL,
    exit_at BIGINT NOT NULL,
    visit_id BIGINT REFERENCES parking_visits(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX parking_orphan_exits_open ON parking_orphan_exits (site_id, plate_key, exit_at) WHERE visit_id IS NULL;
-- PK-7: a stay replayed offline before a later one, whose exit the camera has not reported yet.
CREATE INDEX parking_visits_exit_unknown ON parking_visits (site_id, plate_key, entry_at)
    WHERE status = 'exited' AND exit_at IS NULL AND entry_at IS NOT NULL;
