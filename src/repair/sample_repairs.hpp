// Made-up but plausible repair jobs for the demo site and for benchmarks: calls and bookings,
// technicians' arrivals (mostly on time), no-one-home revisits, completions, charges and return
// visits, each with its desk case; the same every run for a given seed.
#pragma once

#include <cstdint>

#include "platform/db/db.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::repair {

struct SampleOptions {
    int64_t site_id = 1;
    int64_t count = 0;
    int64_t days = 30;
    uint64_t seed = 7;
    bool with_detail = false;  // timelines, charges and receipts (the demo); benchmarks skip them
    int64_t first_index = 0;   // as desk::SampleOptions: batches pass their first index
    int64_t total = 0;
};

// The demo site's paid-service price list (特約服務收費指導標準), when it has none yet.
void insert_sample_price_list(db::Conn& c, int64_t site_id, int64_t created_by, EpochMs now);

// Inserts opts.count jobs in the caller's transaction; returns how many. Needs the site's units,
// an engineering department, technicians and a front-desk user.
int64_t insert_sample_repairs(db::Conn& c, const SampleOptions& opts, EpochMs now);

}  // namespace propdesk::repair
