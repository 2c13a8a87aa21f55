// Parking fees (PK-5 fee at exit, PK-6 free period) as pure functions: money in int64 cents,
// times in UTC epoch-ms, the calendar and the night window in the site's IANA zone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/time/clock.hpp"

namespace propdesk::parking {

struct Tariff {
    int64_t id = 0;
    EpochMs effective_from = 0;  // versions: a stay is charged by the version in force at ENTRY
    int free_minutes = 0;        // a stay of at most this long is free (exactly 15:00 is free, 15:00.001 is not)
    int first_minutes = 60;      // the first block (0 = no first block, every block is a unit)
    int64_t first_cents = 0;
    int unit_minutes = 30;  // each following block; > 0
    int64_t unit_cents = 0;
    int64_t night_unit_cents = 0;  // a following block that STARTS in the night window costs this instead
    int night_start_minute = 0;    // local minute of day 0..1439, e.g. 22*60
    int night_end_minute = 0;      // e.g. 7*60; start == end means no night rate; the window may wrap midnight
    int64_t daily_cap_cents = 0;   // most charged per LOCAL calendar day (0 = no cap)
};

// One local calendar day of a stay. `capped` is true when the day's blocks reached the cap, so
// the booth can say why further time that day cost nothing.
struct DayCharge {
    std::string date;  // local "YYYY-MM-DD"
    int64_t cents = 0;
    bool capped = false;
};

struct Fee {
    int64_t cents = 0;
    bool free_period = false;     // true when the stay was within free_minutes (cents == 0)
    int64_t minutes = 0;          // stay length, rounded UP to whole minutes
    std::vector<DayCharge> days;  // only days in which a block starts, in order; empty when free
};

// When charged, the free period is NOT deducted: blocks start at entry. The first block is
// [entry, entry + first_minutes), then unit blocks follow; a partial block counts whole, and a stay
// of exactly first_minutes is the first block alone. Each block is charged to the local calendar
// day (in `zone`) in which it starts, and each day's sum is capped at daily_cap_cents. Only unit
// blocks take the night rate, judged on the block start's local wall time (DST-correct).
// exit <= entry gives a zero fee with free_period true. An unknown zone is read as UTC, as
// timefmt does for display; sites' zones are validated when saved.
// The cost is linear in the number of blocks (about 50 a day at 30-minute units, a few µs per
// day), so the caller must refuse absurd timestamps (a camera clock years out) before calling.
Fee stay_fee(const Tariff& t, EpochMs entry, EpochMs exit, const std::string& zone);

// The version in force at `at`: the greatest effective_from <= at (nullptr if none; on a tie the
// greater id). The versions may be in any order.
const Tariff* tariff_at(const std::vector<Tariff>& versions, EpochMs at);

// nullopt when valid; otherwise the JSON field name that is wrong: negative values,
// unit_minutes <= 0, minutes of day outside 0..1439, free_minutes over 7 days, cents over 10^9.
std::optional<std::string> tariff_problem(const Tariff& t);

}  // namespace propdesk::parking
