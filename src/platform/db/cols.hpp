// Reads a row's columns in order, so a store's mapping reads like its SELECT.
#pragma once

#include "platform/db/db.hpp"

namespace propdesk::db {

struct Cols {
    const Row& r;
    size_t i = 0;
    int64_t i64() { return r.i64(i++); }
    std::string str() { return r.str(i++); }
    std::optional<int64_t> opt() { return r.opt_i64(i++); }
    std::optional<std::string> opt_str() { return r.opt_str(i++); }
    bool flag() { return r.i64(i++) != 0; }
    std::optional<bool> opt_flag() {
        auto v = r.opt_i64(i++);
        if (!v) return std::nullopt;
        return *v != 0;
    }
};

// The next number of a per-site sequence (receipts, passes, work orders): 1 at first use.
int64_t next_in_sequence(Conn& c, int64_t site_id, const std::string& name);

}  // namespace propdesk::db
