#include "platform/auth/store.hpp"

namespace propdesk::auth::store {

std::optional<Credentials> credentials_by_login(db::Conn& c, const std::string& login) {
    auto row = c.one("SELECT id, password_hash, active FROM users WHERE login = $1", login);
    if (!row) return std::nullopt;
    return Credentials{row->i64(0), row->str(1), row->i64(2) != 0};
}

std::optional<SessionRow> session_by_token_hash(db::Conn& c, const std::string& token_hash) {
    auto row = c.one("SELECT id, user_id, last_seen_at, expires_at FROM sessions WHERE token_hash = $1", token_hash);
    if (!row) return std::nullopt;
    return SessionRow{row->i64(0), row->i64(1), row->i64(2), row->i64(3)};
}

int64_t create_session(db::Conn& c,
                       const std::string& token_hash,
                       int64_t user_id,
                       EpochMs now,
                       EpochMs expires_at,
                       const std::string& remote_address) {
    return c
        .one(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, remote_address)"
            " VALUES ($1, $2, $3, $3, $4, $5) RETURNING id",
            token_hash, user_id, now, expires_at, remote_address)
        ->i64(0);
}

void touch_session(db::Conn& c, int64_t session_id, EpochMs now) {
    c.exec("UPDATE sessions SET last_seen_at = $1 WHERE id = $2", now, session_id);
}

void delete_session(db::Conn& c, int64_t session_id) {
    c.exec("DELETE FROM sessions WHERE id = $1", session_id);
}

void delete_user_sessions_except(db::Conn& c, int64_t user_id, int64_t keep_session_id) {
    c.exec("DELETE FROM sessions WHERE user_id = $1 AND id <> $2", user_id, keep_session_id);
}

int64_t delete_expired_sessions(db::Conn& c, EpochMs idle_cutoff, EpochMs now) {
    return c.exec("DELETE FROM sessions WHERE last_seen_at < $1 OR expires_at <= $2", idle_cutoff, now);
}

std::optional<Principal> load_user(db::Conn& c, int64_t user_id) {
    auto row = c.one("SELECT id, login, name, language, system_admin FROM users WHERE id = $1 AND active = 1", user_id);
    if (!row) return std::nullopt;
    Principal p;
    p.kind = Principal::Kind::user;
    p.user_id = row->i64(0);
    p.login = row->str(1);
    p.name = row->str(2);
    p.language = row->str(3);
    p.system_admin = row->i64(4) != 0;
    auto roles = c.query(
        "SELECT site_id, role, department_id FROM user_site_roles WHERE user_id = $1 ORDER BY site_id, role", user_id);
    for (const auto& r : roles.rows) {
        if (auto role = parse_role(r.str(1))) p.roles.push_back({r.i64(0), *role, r.opt_i64(2)});
    }
    return p;
}

FailureCount failures(db::Conn& c, const std::string& key) {
    auto row = c.one("SELECT failures, last_failure_at FROM login_failures WHERE throttle_key = $1", key);
    if (!row) return {};
    return {row->i64(0), row->i64(1)};
}

void record_failure(db::Conn& c, const std::string& key, int64_t failures, EpochMs now) {
    c.exec(
        "INSERT INTO login_failures (throttle_key, failures, last_failure_at) VALUES ($1, $2, $3)"
        " ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures,"
        " last_failure_at = excluded.last_failure_at",
        key, failures, now);
}

void clear_failures(db::Conn& c, const std::string& key) {
    c.exec("DELETE FROM login_failures WHERE throttle_key = $1", key);
}

std::optional<DeviceRow> device_by_token_hash(db::Conn& c, const std::string& token_hash) {
    auto row = c.one("SELECT id, site_id, active FROM devices WHERE token_hash = $1", token_hash);
    if (!row) return std::nullopt;
    return DeviceRow{row->i64(0), row->i64(1), row->i64(2) != 0};
}

void set_password(db::Conn& c, int64_t user_id, const std::string& password_hash, EpochMs now) {
    c.exec(
        "UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2, version = version + 1"
        " WHERE id = $3",
        password_hash, now, user_id);
}

std::optional<std::string> password_hash_of(db::Conn& c, int64_t user_id) {
    auto row = c.one("SELECT password_hash FROM users WHERE id = $1", user_id);
    if (!row) return std::nullopt;
    return row->str(0);
}

void set_language(db::Conn& c, int64_t user_id, const std::string& language, EpochMs now) {
    c.exec("UPDATE users SET language = $1, updated_at = $2, version = version + 1 WHERE id = $3", language, now,
           user_id);
}

}  // namespace propdesk::auth::store

namespace propdesk::auth::store {
std::vector<SiteSummary> sites_of(db::Conn& c, const Principal& p) {
    auto r = p.system_admin ? c.query("SELECT id, name, time_zone, currency FROM sites ORDER BY id")
                            : c.query(
                                  "SELECT id, name, time_zone, currency FROM sites WHERE id IN"
                                  " (SELECT site_id FROM user_site_roles WHERE user_id = $1) ORDER BY id",
                                  p.user_id);
    std::vector<SiteSummary> out;
    for (const auto& row : r.rows) out.push_back({row.i64(0), row.str(1), row.str(2), row.str(3)});
    return out;
}
}  // namespace propdesk::auth::store
