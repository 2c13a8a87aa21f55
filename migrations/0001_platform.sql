-- Platform and organisation. Times are epoch-ms UTC; mutable rows carry version for If-Match.
-- search_text holds the lower-cased, Simplified-folded text that `q` searches match.

CREATE TABLE companies (
    id {{ID}},
    name TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE sites (
    id {{ID}},
    company_id BIGINT NOT NULL REFERENCES companies(id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    currency TEXT NOT NULL,
    search_text TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE areas (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    kind TEXT NOT NULL CHECK (kind IN ('building', 'district', 'sales_centre', 'clubhouse', 'car_park')),
    name TEXT NOT NULL,
    search_text TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (site_id, name)
);

CREATE TABLE buildings (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    name TEXT NOT NULL,
    floors BIGINT NOT NULL DEFAULT 0,
    search_text TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (site_id, name)
);

CREATE TABLE units (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    building_id BIGINT NOT NULL REFERENCES buildings(id),
    number TEXT NOT NULL,
    floor BIGINT NOT NULL,
    floor_area_cm2 BIGINT NOT NULL,  -- m² × 10 000, so areas stay exact integers
    search_text TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (building_id, number)
);
CREATE INDEX units_site ON units (site_id, id);

CREATE TABLE residents (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    name TEXT NOT NULL,
    phones TEXT NOT NULL DEFAULT '',  -- comma-separated digits
    email TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX residents_site ON residents (site_id, id);

CREATE TABLE resident_units (
    resident_id BIGINT NOT NULL REFERENCES residents(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    relation TEXT NOT NULL CHECK (relation IN ('owner', 'tenant', 'occupant')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (resident_id, unit_id)
);
CREATE INDEX resident_units_unit ON resident_units (unit_id);

CREATE TABLE departments (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    kind TEXT NOT NULL CHECK (kind IN ('customer_service', 'engineering', 'security', 'cleaning', 'greening',
                                       'finance', 'admin', 'other')),
    name TEXT NOT NULL,
    search_text TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (site_id, name)
);

CREATE TABLE users (
    id {{ID}},
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'zh-TW',
    system_admin BIGINT NOT NULL DEFAULT 0,
    active BIGINT NOT NULL DEFAULT 1,
    search_text TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL
);

CREATE TABLE user_site_roles (
    user_id BIGINT NOT NULL REFERENCES users(id),
    site_id BIGINT NOT NULL REFERENCES sites(id),
    role TEXT NOT NULL,
    department_id BIGINT REFERENCES departments(id),
    PRIMARY KEY (user_id, site_id, role)
);
CREATE INDEX user_site_roles_site ON user_site_roles (site_id);

CREATE TABLE sessions (
    id {{ID}},
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,  -- the absolute limit
    remote_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    throttle_key TEXT PRIMARY KEY,  -- 'login:<name>' or 'addr:<ip>'
    failures BIGINT NOT NULL,
    last_failure_at BIGINT NOT NULL
);

CREATE TABLE devices (
    id {{ID}},
    site_id BIGINT NOT NULL REFERENCES sites(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('gate_camera', 'gate_controller', 'other')),
    token_hash TEXT NOT NULL UNIQUE,
    active BIGINT NOT NULL DEFAULT 1,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_seen_at BIGINT
);

CREATE TABLE audit_log (
    id {{ID}},
    site_id BIGINT,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    actor_user_id BIGINT,
    actor_device_id BIGINT,
    at BIGINT NOT NULL,
    request_id TEXT NOT NULL DEFAULT '',
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);

CREATE TABLE idempotency_keys (
    user_id BIGINT NOT NULL,
    idem_key TEXT NOT NULL,
    route TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    status BIGINT NOT NULL,
    response_body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);

CREATE TABLE job_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    last_run_at BIGINT NOT NULL DEFAULT 0,
    runs BIGINT NOT NULL DEFAULT 0
);
