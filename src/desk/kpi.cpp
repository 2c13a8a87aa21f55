#include "desk/kpi.hpp"

#include <algorithm>

namespace propdesk::desk::kpi {

void Counts::add(const Counts& o) {
    cases += o.cases;
    complaints += o.complaints;
    complaints_due += o.complaints_due;
    complaints_on_time += o.complaints_on_time;
    visits_due += o.visits_due;
    visits_done += o.visits_done;
    dispatch_ms += o.dispatch_ms;
    dispatch_n += o.dispatch_n;
    accept_ms += o.accept_ms;
    accept_n += o.accept_n;
    complete_ms += o.complete_ms;
    complete_n += o.complete_n;
    visit_ms += o.visit_ms;
    visit_n += o.visit_n;
    reply_ms += o.reply_ms;
    reply_n += o.reply_n;
    archive_ms += o.archive_ms;
    archive_n += o.archive_n;
}

Summary summarise(const std::vector<Row>& rows, int64_t days_in_period) {
    Summary s;
    s.days.resize(static_cast<size_t>(std::max<int64_t>(days_in_period, 0)));
    std::map<std::optional<int64_t>, Counts> depts;
    std::map<int64_t, Counts> staff;
    for (const auto& r : rows) {
        s.total.add(r.counts);
        depts[r.department_id].add(r.counts);
        staff[r.staff_id].add(r.counts);
        if (r.day >= 0 && r.day < static_cast<int64_t>(s.days.size())) s.days[static_cast<size_t>(r.day)].add(r.counts);
    }
    for (auto& [id, c] : depts) s.departments.push_back({id, c});
    for (auto& [id, c] : staff) s.staff.push_back({id, c});
    return s;
}

rules::Rate complaints_on_time(const Counts& c) {
    return {c.complaints_on_time, c.complaints_due};
}

rules::Rate return_visit_rate(const Counts& c) {
    return {c.visits_done, c.visits_due};
}

Averages averages_minutes(const Counts& c) {
    auto m = [](int64_t total, int64_t n) -> std::optional<int64_t> {
        auto avg = rules::average_ms(total, n);
        if (!avg) return std::nullopt;
        return *avg / 60'000;
    };
    return {m(c.dispatch_ms, c.dispatch_n), m(c.accept_ms, c.accept_n), m(c.complete_ms, c.complete_n),
            m(c.visit_ms, c.visit_n),       m(c.reply_ms, c.reply_n),   m(c.archive_ms, c.archive_n)};
}

Counts of_case(const CaseTimes& t, EpochMs now) {
    Counts c;
    c.cases = 1;
    if (t.complaint) {
        c.complaints = 1;
        if (t.handled_at || t.target_due_at < now) c.complaints_due = 1;  // at the deadline it may still be on time
        if (rules::on_time(t.status, t.handled_on_time, t.target_due_at, now)) c.complaints_on_time = 1;
    }
    auto span = [](const std::optional<EpochMs>& a, const std::optional<EpochMs>& b, int64_t& total, int64_t& n) {
        if (!a || !b) return;
        total += *b - *a;
        n += 1;
    };
    std::optional<EpochMs> created = t.created_at;
    span(created, t.dispatched_at, c.dispatch_ms, c.dispatch_n);
    span(t.dispatched_at, t.accepted_at, c.accept_ms, c.accept_n);
    span(t.accepted_at, t.completed_at, c.complete_ms, c.complete_n);
    span(t.completed_at, t.return_visited_at, c.visit_ms, c.visit_n);
    span(created, t.replied_at, c.reply_ms, c.reply_n);
    span(created, t.archived_at, c.archive_ms, c.archive_n);
    return c;
}

Counts of_visit(EpochMs due_at, bool done, EpochMs now) {
    Counts c;
    if (done || due_at <= now) c.visits_due = 1;
    if (done) c.visits_done = 1;
    return c;
}

void Accumulator::add(std::optional<int64_t> department_id, int64_t staff_id, EpochMs at, const Counts& c) {
    // The day whose start is the last at or before `at`: -1 before the period, the day count after it.
    auto after = std::upper_bound(day_starts_.begin(), day_starts_.end(), at);
    int64_t day = static_cast<int64_t>(after - day_starts_.begin()) - 1;
    groups_[{department_id, staff_id, day}].add(c);
}

std::vector<Row> Accumulator::rows() const {
    std::vector<Row> out;
    out.reserve(groups_.size());
    for (const auto& [key, counts] : groups_)
        out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), counts});
    return out;
}

}  // namespace propdesk::desk::kpi
