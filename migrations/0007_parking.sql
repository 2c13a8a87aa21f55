-- Car park (PK-1 … PK-11): lots, lanes and their LPR cameras, versioned tariffs, vehicle files,
-- parking cards, the entry/exit register (車輛出入登記表), held vehicles with their evidence,
-- incidents, every camera event, commands waiting for a camera's heartbeat, and the shift
-- handover (FM-RW528). Plates are matched on plate_key: Simplified, upper-case, no spaces,
-- so a camera's 粤B12345 finds the card bound to 粵B12345.

CREATE TABLE parking_lots (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    name TEXT NOT NULL,
    capacity BIGINT NOT NULL CHECK (capacity >= 0),
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX parking_lots_site ON parking_lots (site_id, id);

CREATE TABLE parking_lanes (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    lot_id BIGINT NOT NULL REFERENCES parking_lots(id),
    name TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('entry', 'exit')),
    booth TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX parking_lanes_site ON parking_lanes (site_id, id);

-- A camera cannot send an Authorization header, so its URL carries a secret; only its hash is kept.
CREATE TABLE gate_cameras (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    lane_id BIGINT NOT NULL REFERENCES parking_lanes(id),
    name TEXT NOT NULL DEFAULT '',
    serialno TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL UNIQUE,
    active BIGINT NOT NULL DEFAULT 1,
    last_seen_at BIGINT,
    last_address TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX gate_cameras_lane ON gate_cameras (lane_id);

-- Each edit is a new row; a stay is charged by the row whose effective_from is the latest at entry.
CREATE TABLE parking_tariffs (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    lot_id BIGINT NOT NULL REFERENCES parking_lots(id),
    effective_from BIGINT NOT NULL,
    free_minutes BIGINT NOT NULL,
    first_minutes BIGINT NOT NULL,
    first_cents BIGINT NOT NULL,
    unit_minutes BIGINT NOT NULL CHECK (unit_minutes > 0),
    unit_cents BIGINT NOT NULL,
    night_unit_cents BIGINT NOT NULL,
    night_start_minute BIGINT NOT NULL,
    night_end_minute BIGINT NOT NULL,
    daily_cap_cents BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX parking_tariffs_lot ON parking_tariffs (lot_id, effective_from);

-- 車輛檔案: what the exit attendant checks the driver against (PK-5).
CREATE TABLE vehicles (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    plate TEXT NOT NULL,
    plate_key TEXT NOT NULL,
    owner_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    unit_id BIGINT REFERENCES units(id),
    photo_file_id BIGINT REFERENCES files(id),
    notes TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (site_id, plate_key)
);

-- 停車卡 (PK-4): valid on [valid_from, valid_to) in UTC ms, the local days chosen by the site.
CREATE TABLE parking_cards (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    lot_id BIGINT NOT NULL REFERENCES parking_lots(id),
    card_no TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('monthly', 'owner')),
    holder_name TEXT NOT NULL DEFAULT '',
    unit_id BIGINT REFERENCES units(id),
    valid_from BIGINT NOT NULL,
    valid_to BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
    suspended_reason TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (site_id, card_no),
    CHECK (valid_to > valid_from)
);

CREATE TABLE parking_card_plates (
    card_id BIGINT NOT NULL REFERENCES parking_cards(id),
    site_id BIGINT NOT NULL REFERENCES sites(id),
    plate TEXT NOT NULL,
    plate_key TEXT NOT NULL,
    PRIMARY KEY (card_id, plate_key)
);
CREATE INDEX parking_card_plates_key ON parking_card_plates (site_id, plate_key);

-- One row per stay: the line of 車輛出入登記表. entry_at is NULL for a car held at the exit
-- with no entry record. 'exiting' is a car at the exit barrier with a fee still due.
CREATE TABLE parking_visits (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    lot_id BIGINT NOT NULL REFERENCES parking_lots(id),
    plate TEXT NOT NULL,
    plate_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('inside', 'exiting', 'held', 'exited', 'refused')),
    category TEXT NOT NULL CHECK (category IN ('card', 'visitor', 'military_police')),
    card_id BIGINT REFERENCES parking_cards(id),
    pass_no TEXT,
    pass_returned BIGINT NOT NULL DEFAULT 0,
    entry_lane_id BIGINT REFERENCES parking_lanes(id),
    entry_at BIGINT,
    entry_method TEXT NOT NULL CHECK (entry_method IN ('camera', 'card', 'manual', 'none')),
    entry_by BIGINT REFERENCES users(id),
    damage_note TEXT NOT NULL DEFAULT '',
    goods_checked BIGINT NOT NULL DEFAULT 0,
    goods_flag TEXT NOT NULL DEFAULT '' CHECK (goods_flag IN ('', 'flammable', 'explosive', 'toxic')),
    refusal_reason TEXT NOT NULL DEFAULT '',
    exit_lane_id BIGINT REFERENCES parking_lanes(id),
    exit_at BIGINT,
    exit_method TEXT NOT NULL DEFAULT '' CHECK (exit_method IN ('', 'camera', 'manual', 'offline')),
    exit_by BIGINT REFERENCES users(id),
    charged_as TEXT NOT NULL DEFAULT '' CHECK (charged_as IN ('', 'card', 'visitor')),
    visitor_reason TEXT NOT NULL DEFAULT ''
        CHECK (visitor_reason IN ('', 'no_card', 'card_expired', 'card_suspended', 'card_mismatch')),
    tariff_id BIGINT REFERENCES parking_tariffs(id),
    fee_cents BIGINT NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
    paid_cents BIGINT NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),
    payment_method TEXT CHECK (payment_method IN ('cash', 'electronic')),
    payment_ref TEXT NOT NULL DEFAULT '',
    paid_at BIGINT,
    paid_by BIGINT REFERENCES users(id),
    receipt_no TEXT,
    free_category TEXT CHECK (free_category IN ('card', 'policy', 'approved', 'free_period')),
    approved_by BIGINT REFERENCES users(id),
    remarks TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- PK-6: a free exit is never charged; an exit is either paid in full or free.
    CHECK (free_category IS NULL OR paid_cents = 0),
    CHECK (status <> 'exited' OR free_category IS NOT NULL OR paid_cents = fee_cents)
);
-- A vehicle is inside (or at the exit, or held) at most once (PK-3).
CREATE UNIQUE INDEX parking_visits_open ON parking_visits (site_id, plate_key)
    WHERE status IN ('inside', 'exiting', 'held');
CREATE INDEX parking_visits_site ON parking_visits (site_id, id);
CREATE INDEX parking_visits_entry ON parking_visits (site_id, entry_at);
CREATE INDEX parking_visits_exit ON parking_visits (site_id, exit_at) WHERE exit_at IS NOT NULL;
CREATE INDEX parking_visits_cash ON parking_visits (site_id, paid_by, paid_at) WHERE paid_by IS NOT NULL;

-- PK-8. The CHECK makes a release without the team lead's verification and the three copies
-- impossible whatever writes the row.
CREATE TABLE parking_holds (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    visit_id BIGINT NOT NULL REFERENCES parking_visits(id),
    lane_id BIGINT REFERENCES parking_lanes(id),
    reason TEXT NOT NULL CHECK (reason IN ('mismatch', 'no_entry', 'no_card', 'suspicious')),
    note TEXT NOT NULL DEFAULT '',
    held_at BIGINT NOT NULL,
    held_by BIGINT REFERENCES users(id),
    status TEXT NOT NULL CHECK (status IN ('held', 'released')),
    verified_by BIGINT REFERENCES users(id),
    verification_note TEXT NOT NULL DEFAULT '',
    licence_file_id BIGINT REFERENCES files(id),
    id_file_id BIGINT REFERENCES files(id),
    statement_file_id BIGINT REFERENCES files(id),
    released_at BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (status <> 'released' OR (verified_by IS NOT NULL AND licence_file_id IS NOT NULL AND
                                    id_file_id IS NOT NULL AND statement_file_id IS NOT NULL AND
                                    released_at IS NOT NULL))
);
CREATE INDEX parking_holds_site ON parking_holds (site_id, held_at);
CREATE INDEX parking_holds_visit ON parking_holds (visit_id);

CREATE TABLE parking_hold_escalations (
    id {{ID}},
    hold_id BIGINT NOT NULL REFERENCES parking_holds(id),
    site_id BIGINT NOT NULL REFERENCES sites(id),
    escalated_to TEXT NOT NULL CHECK (escalated_to IN ('manager', 'police')),
    note TEXT NOT NULL,
    at BIGINT NOT NULL,
    by_user BIGINT NOT NULL REFERENCES users(id)
);
CREATE INDEX parking_hold_escalations_hold ON parking_hold_escalations (hold_id, id);

-- PK-9: gate crashes, abandoned vehicles, military/police plates.
CREATE TABLE parking_incidents (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    kind TEXT NOT NULL CHECK (kind IN ('gate_crash', 'abandoned', 'military_police')),
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
CREATE INDEX parking_incidents_site ON parking_incidents (site_id, id);

-- A camera's picture of an event (base64 JPEG as sent). Cameras are not users, so their
-- pictures are kept apart from staff uploads (files.created_by).
CREATE TABLE gate_snapshots (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    content_type TEXT NOT NULL,
    byte_size BIGINT NOT NULL,
    data TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Every plate push, stored before the camera gets its reply. A repeat of (camera, plateid, sec)
-- is answered from the stored event and creates nothing (GATE-PROTOCOL.md).
CREATE TABLE gate_events (
    id {{ID}},
    site_id BIGINT REFERENCES sites(id),
    camera_id BIGINT REFERENCES gate_cameras(id),
    lane_id BIGINT REFERENCES parking_lanes(id),
    serialno TEXT NOT NULL DEFAULT '',
    plate TEXT NOT NULL DEFAULT '',
    plateid BIGINT NOT NULL DEFAULT 0,
    cam_sec BIGINT NOT NULL DEFAULT 0,
    cam_usec BIGINT NOT NULL DEFAULT 0,
    is_offline BIGINT NOT NULL DEFAULT 0,
    opened_offline BIGINT NOT NULL DEFAULT 0,
    confidence BIGINT,
    received_at BIGINT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('open', 'hold', 'refuse', 'reconciled', 'rejected')),
    reason TEXT NOT NULL DEFAULT '',
    fee_cents BIGINT NOT NULL DEFAULT 0,
    visit_id BIGINT REFERENCES parking_visits(id),
    snapshot_id BIGINT REFERENCES gate_snapshots(id),
    led_text TEXT NOT NULL DEFAULT '',
    channel BIGINT NOT NULL DEFAULT 0  -- with the rest, enough to answer a repeat with the same bytes
);
CREATE UNIQUE INDEX gate_events_dedupe ON gate_events (camera_id, plateid, cam_sec);
CREATE INDEX gate_events_lane ON gate_events (lane_id, id);

-- Attendant overrides waiting for the camera's next heartbeat.
CREATE TABLE gate_commands (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    camera_id BIGINT NOT NULL REFERENCES gate_cameras(id),
    kind TEXT NOT NULL CHECK (kind IN ('open')),
    reason TEXT NOT NULL,
    visit_id BIGINT REFERENCES parking_visits(id),
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    delivered_at BIGINT
);
CREATE INDEX gate_commands_pending ON gate_commands (camera_id, delivered_at, id);

-- What each camera's own whitelist should hold (valid cards), and whether it has been sent.
CREATE TABLE gate_whitelist (
    camera_id BIGINT NOT NULL REFERENCES gate_cameras(id),
    plate_key TEXT NOT NULL,
    plate TEXT NOT NULL,
    enabled BIGINT NOT NULL,
    enable_time BIGINT NOT NULL,
    overdue_time BIGINT NOT NULL,
    synced BIGINT NOT NULL DEFAULT 0,
    sent_at BIGINT,  -- a heartbeat reply can be lost, so enabled entries are sent again daily
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (camera_id, plate_key)
);
CREATE INDEX gate_whitelist_pending ON gate_whitelist (camera_id, synced);

-- Who is on post at which lane (PK-10).
CREATE TABLE parking_posts (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    lane_id BIGINT NOT NULL REFERENCES parking_lanes(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    started_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE INDEX parking_posts_open ON parking_posts (site_id, ended_at);

-- 停車場值班交接班登記表 FM-RW528 (PK-11). The cash counted is compared with the cash the system
-- took from the handing-over attendant in [period_start, period_end).
CREATE TABLE parking_handovers (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    shift_date TEXT NOT NULL,
    shift TEXT NOT NULL CHECK (shift IN ('morning', 'afternoon', 'night')),
    post TEXT NOT NULL,
    period_start BIGINT NOT NULL,
    period_end BIGINT NOT NULL,
    handed_by BIGINT NOT NULL REFERENCES users(id),
    taken_by BIGINT REFERENCES users(id),
    duty_notes TEXT NOT NULL DEFAULT '',
    radios BIGINT NOT NULL DEFAULT 0 CHECK (radios >= 0),
    keys_count BIGINT NOT NULL DEFAULT 0 CHECK (keys_count >= 0),
    batons BIGINT NOT NULL DEFAULT 0 CHECK (batons >= 0),
    torches BIGINT NOT NULL DEFAULT 0 CHECK (torches >= 0),
    tickets BIGINT NOT NULL DEFAULT 0 CHECK (tickets >= 0),
    cash_cents BIGINT NOT NULL CHECK (cash_cents >= 0),
    system_cash_cents BIGINT NOT NULL DEFAULT 0,
    difference_note TEXT NOT NULL DEFAULT '',
    remarks TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('handed', 'taken', 'signed')),
    handed_at BIGINT NOT NULL,
    taken_at BIGINT,
    supervisor_id BIGINT REFERENCES users(id),
    signed_at BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- A difference is explained before the supervisor signs.
    CHECK (status <> 'signed' OR cash_cents = system_cash_cents OR difference_note <> '')
);
CREATE INDEX parking_handovers_site ON parking_handovers (site_id, id);
