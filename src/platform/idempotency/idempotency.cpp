#include "platform/idempotency/idempotency.hpp"

namespace propdesk::idempotency {

std::optional<Stored> find(db::Conn& c, int64_t user_id, const std::string& key) {
    auto r = c.one(
        "SELECT route, body_hash, status, response_body FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2",
        user_id, key);
    if (!r) return std::nullopt;
    return Stored{r->str(0), r->str(1), static_cast<int>(r->i64(2)), r->str(3)};
}

bool save(db::Conn& c, int64_t user_id, const std::string& key, const Stored& s, EpochMs now) {
    return c.exec(
               "INSERT INTO idempotency_keys (user_id, idem_key, route, body_hash, status, response_body, created_at)"
               " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id, idem_key) DO NOTHING",
               user_id, key, s.route, s.body_hash, s.status, s.response_body, now) == 1;
}

int64_t delete_older_than(db::Conn& c, EpochMs cutoff) {
    return c.exec("DELETE FROM idempotency_keys WHERE created_at < $1", cutoff);
}

}  // namespace propdesk::idempotency
