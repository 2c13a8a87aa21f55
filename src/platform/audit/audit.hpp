// The audit trail: every create, update and state change appends who, when, what and
// before/after values, in the same transaction as the change. Rows are never changed or deleted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/auth/principal.hpp"
#include "platform/db/db.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::audit {

struct Actor {
    std::optional<int64_t> user_id;
    std::optional<int64_t> device_id;
    std::string request_id;
    static Actor of(const auth::Principal& p, std::string request_id);
    static Actor system() { return {}; }
};

struct Change {
    std::optional<int64_t> site_id;
    std::string entity;  // "site", "unit", "resident", …
    int64_t entity_id = 0;
    std::string action;  // "create", "update", "link_unit", "dispatch", …
    std::optional<std::string> before_json;
    std::optional<std::string> after_json;
};

struct Entry {
    int64_t id = 0;
    std::optional<int64_t> site_id;
    std::string entity;
    int64_t entity_id = 0;
    std::string action;
    std::optional<int64_t> actor_user_id;
    std::string actor_name;  // the user's name, or "device #n" / "system"
    std::optional<int64_t> actor_device_id;
    EpochMs at = 0;
    std::string request_id;
    std::optional<std::string> before_json;
    std::optional<std::string> after_json;
};

void append(db::Conn& c, const Actor& actor, EpochMs at, const Change& change);
// Oldest first, after the cursor id.
std::vector<Entry> history(db::Conn& c, const std::string& entity, int64_t entity_id, int64_t after_id, int limit);

}  // namespace propdesk::audit
