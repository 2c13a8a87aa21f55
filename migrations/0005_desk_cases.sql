-- The service desk (FD-A…D, I, N): cases from visits, calls and the web, their steps, return
-- visits and each site's deadlines. Times are epoch-ms UTC; a NULL step time means not reached.
CREATE TABLE desk_policies (
    site_id BIGINT PRIMARY KEY REFERENCES sites(id),
    return_visit_hours BIGINT NOT NULL DEFAULT 24 CHECK (return_visit_hours BETWEEN 1 AND 720),
    max_unreachable BIGINT NOT NULL DEFAULT 3 CHECK (max_unreachable BETWEEN 1 AND 10),
    inquiry_hours BIGINT NOT NULL DEFAULT 24,
    repair_hours BIGINT NOT NULL DEFAULT 48,
    complaint_hours BIGINT NOT NULL DEFAULT 24,
    suggestion_hours BIGINT NOT NULL DEFAULT 72,
    praise_hours BIGINT NOT NULL DEFAULT 72,
    other_hours BIGINT NOT NULL DEFAULT 48,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE cases (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    channel TEXT NOT NULL CHECK (channel IN ('visit', 'phone', 'web')),
    category TEXT NOT NULL CHECK (category IN ('inquiry', 'repair', 'complaint', 'suggestion', 'praise', 'other')),
    unit_id BIGINT REFERENCES units(id),
    resident_id BIGINT REFERENCES residents(id),
    caller_name TEXT NOT NULL,
    caller_phone TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('recorded', 'dispatched', 'in_progress', 'completed', 'return_visited',
                                           'replied', 'archived')),
    department_id BIGINT REFERENCES departments(id),
    due_at BIGINT NOT NULL,
    overdue_at BIGINT,         -- when the overdue job flagged it; cleared by a new deadline
    escalated_at BIGINT,       -- a complaint past its deadline, raised to the managers
    responsibility TEXT CHECK (responsibility IN ('ours', 'not_ours')),
    reply TEXT NOT NULL DEFAULT '',     -- what the desk told the resident (for "not ours": the explanation)
    feedback TEXT NOT NULL DEFAULT '',  -- the department's report on completion
    repair_request_id BIGINT,  -- the repair request raised from this case (repair module)
    reopen_count BIGINT NOT NULL DEFAULT 0,
    recorded_by BIGINT NOT NULL REFERENCES users(id),
    read_back_at BIGINT NOT NULL,  -- 復清楚: the content was read back to the caller
    dispatched_at BIGINT,
    accepted_at BIGINT,
    completed_at BIGINT,
    return_visited_at BIGINT,
    replied_at BIGINT,
    archived_at BIGINT,
    handled_at BIGINT,       -- first completion or reply: "handled" for the on-time KPI (FD-I)
    handled_on_time BIGINT,  -- 1 when handled_at was within the deadline of that moment, else 0
    search_text TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX cases_site ON cases (site_id, id);
CREATE INDEX cases_site_status ON cases (site_id, status, id);
CREATE INDEX cases_site_department ON cases (site_id, department_id, id);
-- Covers the KPI scan (FD-I): a period's cases are read from this index alone, never the rows.
CREATE INDEX cases_site_created ON cases (site_id, created_at, category, department_id, recorded_by, due_at, handled_at,
                                          handled_on_time, dispatched_at, accepted_at, completed_at, return_visited_at,
                                          replied_at, archived_at);
CREATE INDEX cases_unit ON cases (unit_id, id);
CREATE INDEX cases_open_due ON cases (due_at) WHERE overdue_at IS NULL AND status IN ('recorded', 'dispatched', 'in_progress');

-- The timeline of a case: each step, note and notification, with who and when (FD-N).
CREATE TABLE case_events (
    id {{ID}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,
    actor_id BIGINT REFERENCES users(id),  -- NULL: the system (the overdue job)
    department_id BIGINT REFERENCES departments(id),
    note TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);

-- A call back after the department completes (FD-C); one open task per case at a time.
CREATE TABLE return_visits (
    id {{ID}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    site_id BIGINT NOT NULL REFERENCES sites(id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'escalated', 'done', 'cancelled')),
    due_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    outcome TEXT CHECK (outcome IN ('satisfied', 'not_satisfied', 'unreachable')),
    note TEXT NOT NULL DEFAULT '',
    done_by BIGINT REFERENCES users(id),
    done_at BIGINT,
    escalated_at BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX return_visits_case ON return_visits (case_id, id);
CREATE INDEX return_visits_site ON return_visits (site_id, status, id);
CREATE INDEX return_visits_site_due ON return_visits (site_id, due_at);
CREATE INDEX return_visits_site_done ON return_visits (site_id, done_at);
