// A KPI period from ?from=YYYY-MM-DD&to=YYYY-MM-DD in the site's calendar (the last day
// included; by default this month so far), with each local day's first instant.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/http/message.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::report {

struct Period {
    std::string from_date, to_date;  // local dates, both included
    EpochMs from = 0, to = 0;        // [from, to)
    int64_t days = 0;
    std::vector<EpochMs> day_starts;  // each local day's first instant, then `to`
};

inline constexpr int64_t kMaxDays = 366;

// ?name=YYYY-MM-DD as the start of that local day (next_day: of the day after, for an end that
// includes the day); nullopt when absent, 422 naming it when not a date.
std::optional<EpochMs> day_param(const http::Request& req,
                                 const std::string& name,
                                 const std::string& zone,
                                 bool next_day);

// 422 naming `from` or `to` when a date is not real, reversed, or the period is over 366 days.
Period period_of(const http::Request& req, const std::string& zone, EpochMs now);

}  // namespace propdesk::report
