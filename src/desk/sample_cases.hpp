// Made-up but plausible cases for the demo site and for benchmarks: a year of a desk's work
// (categories, departments, step times, return visits), the same every run for a given seed.
#pragma once

#include <cstdint>

#include "platform/db/db.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::desk {

struct SampleOptions {
    int64_t site_id = 1;
    int64_t count = 0;
    int64_t days = 365;          // spread over the days before now
    uint64_t seed = 1;           // same seed, same cases
    bool with_timeline = false;  // case_events for each step (the demo); benchmarks skip them
    // Cases are recorded in time order, as a real desk's are: case i of `total` (0: count) is
    // recorded at about i/total of the way through the period. Batches pass their first index.
    int64_t first_index = 0;
    int64_t total = 0;
};

// Inserts opts.count cases (and their return visits) in the caller's transaction; returns how
// many. Needs the site's units, residents, departments and at least one desk user.
int64_t insert_sample_cases(db::Conn& c, const SampleOptions& opts, EpochMs now);

}  // namespace propdesk::desk
