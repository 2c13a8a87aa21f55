#include "platform/report/period.hpp"

#include "platform/error.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::report {

std::optional<EpochMs> day_param(const http::Request& req,
                                 const std::string& name,
                                 const std::string& zone,
                                 bool next_day) {
    auto v = req.query_param(name);
    if (!v) return std::nullopt;
    auto t = timefmt::local_day_start(*v, zone);
    if (!t) throw AppError::invalid(name + " must be a date YYYY-MM-DD", name);
    return next_day ? timefmt::next_day_start(*t, zone) : *t;
}

Period period_of(const http::Request& req, const std::string& zone, EpochMs now) {
    Period p;
    std::string today = timefmt::local_date(now, zone);
    p.from_date = req.query_param("from").value_or(today.substr(0, 8) + "01");
    p.to_date = req.query_param("to").value_or(today);
    auto from = timefmt::local_day_start(p.from_date, zone);
    if (!from) throw AppError::invalid("from must be a date YYYY-MM-DD", "from");
    auto to = timefmt::local_day_start(p.to_date, zone);
    if (!to) throw AppError::invalid("to must be a date YYYY-MM-DD", "to");
    p.from = *from;
    p.to = timefmt::next_day_start(*to, zone);
    if (p.to <= p.from) throw AppError::invalid("to must not be before from", "to");
    // The site's calendar days: 23 or 25 hours long where the clocks change.
    for (EpochMs t = p.from; t < p.to && static_cast<int64_t>(p.day_starts.size()) <= kMaxDays;
         t = timefmt::next_day_start(t, zone))
        p.day_starts.push_back(t);
    p.days = static_cast<int64_t>(p.day_starts.size());
    if (p.days > kMaxDays) throw AppError::invalid("a period is at most 366 days", "to");
    p.day_starts.push_back(p.to);
    return p;
}

}  // namespace propdesk::report
