// SQL for sign-in: users' credentials, sessions, login throttling and device tokens.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/auth/principal.hpp"
#include "platform/db/db.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::auth::store {

struct Credentials {
    int64_t user_id = 0;
    std::string password_hash;
    bool active = false;
};
std::optional<Credentials> credentials_by_login(db::Conn& c, const std::string& login);

struct SessionRow {
    int64_t session_id = 0;
    int64_t user_id = 0;
    EpochMs last_seen_at = 0;
    EpochMs expires_at = 0;
};
std::optional<SessionRow> session_by_token_hash(db::Conn& c, const std::string& token_hash);
int64_t create_session(db::Conn& c,
                       const std::string& token_hash,
                       int64_t user_id,
                       EpochMs now,
                       EpochMs expires_at,
                       const std::string& remote_address);
void touch_session(db::Conn& c, int64_t session_id, EpochMs now);
void delete_session(db::Conn& c, int64_t session_id);
// Other sessions of the user end when the password changes.
void delete_user_sessions_except(db::Conn& c, int64_t user_id, int64_t keep_session_id);
int64_t delete_expired_sessions(db::Conn& c, EpochMs idle_cutoff, EpochMs now);

// The staff member with their roles per site; nullopt when missing or inactive.
std::optional<Principal> load_user(db::Conn& c, int64_t user_id);

struct FailureCount {
    int64_t failures = 0;
    EpochMs last_failure_at = 0;
};
FailureCount failures(db::Conn& c, const std::string& key);
void record_failure(db::Conn& c, const std::string& key, int64_t failures, EpochMs now);
void clear_failures(db::Conn& c, const std::string& key);

struct DeviceRow {
    int64_t id = 0;
    int64_t site_id = 0;
    bool active = false;
};
std::optional<DeviceRow> device_by_token_hash(db::Conn& c, const std::string& token_hash);

void set_password(db::Conn& c, int64_t user_id, const std::string& password_hash, EpochMs now);
std::optional<std::string> password_hash_of(db::Conn& c, int64_t user_id);
void set_language(db::Conn& c, int64_t user_id, const std::string& language, EpochMs now);

}  // namespace propdesk::auth::store

namespace propdesk::auth::store {
struct SiteSummary {
    int64_t id = 0;
    std::string name;
    std::string time_zone;
    std::string currency;
};
// The sites a staff member works in (every site for a system admin).
std::vector<SiteSummary> sites_of(db::Conn& c, const Principal& p);
}  // namespace propdesk::auth::store
