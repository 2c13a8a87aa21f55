// Idempotency-Key on creates: a client that retries after a lost response gets the first
// response again instead of a second record. The same key with another body is refused (422).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "platform/db/db.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::idempotency {

struct Stored {
    std::string route;
    std::string body_hash;
    int status = 0;
    std::string response_body;
};

std::optional<Stored> find(db::Conn& c, int64_t user_id, const std::string& key);
// false when another request stored the key first.
bool save(db::Conn& c, int64_t user_id, const std::string& key, const Stored& s, EpochMs now);
int64_t delete_older_than(db::Conn& c, EpochMs cutoff);

}  // namespace propdesk::idempotency
