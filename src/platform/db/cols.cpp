#include "platform/db/cols.hpp"

namespace propdesk::db {

int64_t next_in_sequence(Conn& c, int64_t site_id, const std::string& name) {
    // One statement on both backends: the first use starts at 1, later ones count on.
    return c
        .one(
            "INSERT INTO number_sequences (site_id, name, next_value) VALUES ($1, $2, 2)"
            " ON CONFLICT (site_id, name) DO UPDATE SET next_value = number_sequences.next_value + 1"
            " RETURNING next_value - 1",
            site_id, name)
        ->i64(0);
}

}  // namespace propdesk::db
