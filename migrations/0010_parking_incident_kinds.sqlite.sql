-- PK-8: a team lead opening a lane where a held or unpaid car waits is an incident too. SQLite
-- cannot change a CHECK in place, so the table is rebuilt (no other table refers to it).
CREATE TABLE parking_incidents_new (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    kind TEXT NOT NULL CHECK (kind IN ('gate_crash', 'abandoned', 'military_police', 'barrier_override')),
    plate TEXT NOT NULL DEFAULT '',
    lane_id BIGINT REFERENCES parking_lanes(id),
    visit_id BIGINT REFERENCES parking_visits(id),
    occurred_at BIGINT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    authority TEXT NOT NULL DEFAULT '',
    authority_notified_at BIGINT,
    outcome TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    snapshot_file_id BIGINT REFERENCES files(id),
    event_id BIGINT,  -- the camera event whose snapshot shows it (gate_events.id)
    recorded_by BIGINT REFERENCES users(id),
    closed_by BIGINT REFERENCES users(id),
    closed_at BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (status <> 'closed' OR outcome <> '')
);
INSERT INTO parking_incidents_new (id, site_id, kind, plate, lane_id, visit_id, occurred_at, description, authority, authority_notified_at, outcome, status, snapshot_file_id, event_id, recorded_by, closed_by, closed_at, version, created_at, updated_at)
SELECT id, site_id, kind, plate, lane_id, visit_id, occurred_at, description, authority, authority_notified_at, outcome, status, snapshot_file_id, event_id, recorded_by, closed_by, closed_at, version, created_at, updated_at FROM parking_incidents;
DROP TABLE parking_incidents;
ALTER TABLE parking_incidents_new RENAME TO parking_incidents;
CREATE INDEX parking_incidents_site ON parking_incidents (site_id, id);
