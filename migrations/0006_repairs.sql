-- Repairs (MT-1 … MT-5.0): the repair register and flow sheet, technicians' arrivals, materials,
-- the paid-service price list, public work orders, each site's return-visit policy, and the
-- uploaded files (signatures, receipt photos). Times are epoch-ms UTC; money is int64 cents.

-- An uploaded file, base64 in a text column so both databases hold it the same way.
CREATE TABLE files (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    kind TEXT NOT NULL CHECK (kind IN ('signature', 'receipt', 'photo', 'document')),
    content_type TEXT NOT NULL,
    byte_size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    data TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX files_site ON files (site_id, id);

-- Numbered documents (receipts, work orders): the next number per site, name and year.
CREATE TABLE number_sequences (
    site_id BIGINT NOT NULL REFERENCES sites(id),
    name TEXT NOT NULL,
    next_value BIGINT NOT NULL,
    PRIMARY KEY (site_id, name)
);

CREATE TABLE repair_policies (
    site_id BIGINT PRIMARY KEY REFERENCES sites(id),
    return_visit_hours BIGINT NOT NULL DEFAULT 48 CHECK (return_visit_hours BETWEEN 1 AND 720),
    return_visit_percent BIGINT NOT NULL DEFAULT 100 CHECK (return_visit_percent BETWEEN 1 AND 100),
    min_wait_minutes BIGINT NOT NULL DEFAULT 5 CHECK (min_wait_minutes BETWEEN 0 AND 10),
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- 特約服務收費指導標準: each edit is a new row (version) of the same item_key; a job's charge
-- lines point at the row in force when it was charged, so old jobs keep their old prices.
CREATE TABLE price_items (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    item_key BIGINT NOT NULL,  -- the id of the item's first version
    version BIGINT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    price_cents BIGINT NOT NULL CHECK (price_cents >= 0),
    active BIGINT NOT NULL DEFAULT 1,
    superseded_at BIGINT,  -- NULL: the version in force
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    UNIQUE (item_key, version)
);
CREATE INDEX price_items_current ON price_items (site_id, superseded_at, code);

CREATE TABLE repairs (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    case_id BIGINT NOT NULL REFERENCES cases(id),
    channel TEXT NOT NULL CHECK (channel IN ('visit', 'phone', 'web')),
    unit_id BIGINT REFERENCES units(id),
    caller_name TEXT NOT NULL,
    caller_phone TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('immediate', 'appointment')),
    simple BIGINT NOT NULL DEFAULT 0,  -- 1: no survey step (MT-3.2)
    requested_at BIGINT NOT NULL,
    slot_start BIGINT,  -- appointment: the booked slot
    slot_end BIGINT,
    due_at BIGINT NOT NULL,  -- arrive by (immediate: requested + 30 min) or at (appointment: slot start)
    status TEXT NOT NULL CHECK (status IN ('recorded', 'assigned', 'on_site', 'rebook', 'proposed', 'consented',
                                           'in_progress', 'completed', 'return_visited', 'closed')),
    technician_id BIGINT REFERENCES users(id),
    assigned_by BIGINT REFERENCES users(id),
    assigned_at BIGINT,
    arrived_at BIGINT,            -- the latest check-in
    first_arrived_at BIGINT,      -- response time = first_arrived_at - requested_at
    first_on_time BIGINT,         -- 1 when the first arrival was on time
    proposal_solution TEXT NOT NULL DEFAULT '',
    proposal_materials TEXT NOT NULL DEFAULT '',
    proposal_minutes BIGINT,
    proposal_price_cents BIGINT,
    proposed_at BIGINT,
    consent_at BIGINT,
    consent_note TEXT NOT NULL DEFAULT '',
    started_at BIGINT,
    completed_at BIGINT,
    work_done TEXT NOT NULL DEFAULT '',
    restored BIGINT NOT NULL DEFAULT 0,
    cleaned BIGINT NOT NULL DEFAULT 0,
    opinion TEXT NOT NULL DEFAULT '',
    signature_file_id BIGINT REFERENCES files(id),
    signed_by TEXT NOT NULL DEFAULT '',
    charge_cents BIGINT NOT NULL DEFAULT 0,
    adjustment_cents BIGINT NOT NULL DEFAULT 0,
    adjustment_reason TEXT NOT NULL DEFAULT '',
    total_cents BIGINT NOT NULL DEFAULT 0,
    receipt_no TEXT,
    visit_count BIGINT NOT NULL DEFAULT 0,
    no_one_home_count BIGINT NOT NULL DEFAULT 0,
    reopen_count BIGINT NOT NULL DEFAULT 0,
    first_time_fix BIGINT,        -- set on completion: 1 when fixed at the first visit, never reopened
    return_visit_due_at BIGINT,   -- sampled for a return visit under the policy
    return_visit_outcome TEXT,    -- the latest answer: satisfied, not_satisfied
    visits_answered BIGINT NOT NULL DEFAULT 0,   -- return visits answered, over every completion
    visits_satisfied BIGINT NOT NULL DEFAULT 0,  -- of those, satisfied (MT-1 satisfaction)
    return_visited_at BIGINT,
    close_reason TEXT NOT NULL DEFAULT '',
    closed_at BIGINT,
    created_by BIGINT NOT NULL REFERENCES users(id),
    search_text TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX repairs_site ON repairs (site_id, id);
CREATE INDEX repairs_site_status ON repairs (site_id, status, id);
CREATE INDEX repairs_case ON repairs (case_id);
CREATE INDEX repairs_technician ON repairs (technician_id, id);
-- A technician's open jobs by deadline: the phone page.
CREATE INDEX repairs_technician_open ON repairs (technician_id, due_at, id)
    WHERE status IN ('assigned', 'on_site', 'rebook', 'proposed', 'consented', 'in_progress');
-- Covers the KPI scan (MT-1): a period's jobs are read from this index alone.
CREATE INDEX repairs_site_requested ON repairs (site_id, requested_at, technician_id, mode, first_arrived_at,
                                               first_on_time, completed_at, first_time_fix, return_visit_due_at,
                                               visits_answered, visits_satisfied, status);

-- Each check-in at the door: punctuality against the deadline or booking (MT-3.2, MT-3.4).
CREATE TABLE repair_arrivals (
    id {{ID}},
    repair_id BIGINT NOT NULL REFERENCES repairs(id),
    site_id BIGINT NOT NULL REFERENCES sites(id),
    technician_id BIGINT NOT NULL REFERENCES users(id),
    mode TEXT NOT NULL,
    expected_at BIGINT NOT NULL,
    arrived_at BIGINT NOT NULL,
    punctuality TEXT NOT NULL CHECK (punctuality IN ('on_time', 'early', 'late')),
    outcome TEXT CHECK (outcome IN ('no_one_home')),
    waited_ms BIGINT,
    left_at BIGINT
);
CREATE INDEX repair_arrivals_repair ON repair_arrivals (repair_id, id);
CREATE INDEX repair_arrivals_site ON repair_arrivals (site_id, arrived_at, technician_id, mode, punctuality);

CREATE TABLE repair_materials (
    id {{ID}},
    repair_id BIGINT NOT NULL REFERENCES repairs(id),
    source TEXT NOT NULL CHECK (source IN ('resident', 'bought')),
    name TEXT NOT NULL,
    quantity TEXT NOT NULL DEFAULT '',
    quality_ok BIGINT,                       -- resident's: 1 good enough, 0 not (with the note)
    quality_note TEXT NOT NULL DEFAULT '',
    resident_decision TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',          -- bought: where the resident asked
    amount_cents BIGINT,
    receipt_file_id BIGINT REFERENCES files(id),
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    recorded_at BIGINT NOT NULL
);
CREATE INDEX repair_materials_repair ON repair_materials (repair_id, id);

CREATE TABLE repair_charges (
    id {{ID}},
    repair_id BIGINT NOT NULL REFERENCES repairs(id),
    price_item_id BIGINT NOT NULL REFERENCES price_items(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    unit_price_cents BIGINT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    amount_cents BIGINT NOT NULL
);
CREATE INDEX repair_charges_repair ON repair_charges (repair_id, id);

-- 派工單 (MT-3.5): issued by the engineering head or a team lead, inspected by the issuer.
CREATE TABLE work_orders (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    instructions TEXT NOT NULL,
    issued_by BIGINT NOT NULL REFERENCES users(id),
    issued_at BIGINT NOT NULL,
    technician_id BIGINT NOT NULL REFERENCES users(id),
    due_at BIGINT,
    status TEXT NOT NULL CHECK (status IN ('issued', 'reported', 'returned', 'accepted', 'archived')),
    report TEXT NOT NULL DEFAULT '',
    reported_at BIGINT,
    return_reason TEXT NOT NULL DEFAULT '',
    returned_count BIGINT NOT NULL DEFAULT 0,
    inspection_note TEXT NOT NULL DEFAULT '',
    accepted_by BIGINT REFERENCES users(id),
    accepted_at BIGINT,
    signature_file_id BIGINT REFERENCES files(id),
    archived_at BIGINT,
    search_text TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (site_id, number)
);
CREATE INDEX work_orders_site ON work_orders (site_id, id);
CREATE INDEX work_orders_technician ON work_orders (technician_id, status, id);

-- The timeline of a repair or a work order: each step and note, with who and when.
CREATE TABLE repair_events (
    id {{ID}},
    repair_id BIGINT REFERENCES repairs(id),
    work_order_id BIGINT REFERENCES work_orders(id),
    kind TEXT NOT NULL,
    actor_id BIGINT REFERENCES users(id),
    note TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
CREATE INDEX repair_events_repair ON repair_events (repair_id, id);
CREATE INDEX repair_events_work_order ON repair_events (work_order_id, id);
