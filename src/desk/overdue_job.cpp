#include "desk/overdue_job.hpp"

#include "desk/api_common.hpp"
#include "desk/json.hpp"
#include "desk/rules.hpp"
#include "desk/store.hpp"

namespace propdesk::desk {

int flag_overdue(db::Db& db, EpochMs now) {
    return jobs::in_batches(db, 200, [&](db::Conn& c, int batch) {
        auto cases = store::unflagged_overdue(c, now, batch);
        for (auto v : cases) {
            const Case before = v;
            v.overdue_at = now;
            bool escalate = rules::escalates_when_overdue(v);
            if (escalate) v.escalated_at = now;
            if (!store::update_case(c, v, v.version, now)) continue;  // changed meanwhile: next pass
            store::add_event(c, v.id, "overdue", std::nullopt, v.department_id, "", now);
            std::vector<int64_t> told = detail::desk_staff(c, v.site_id);
            if (v.department_id)
                told = detail::merged(told, store::users_in_department(c, v.site_id, *v.department_id));
            detail::alert(c, v, {"case_overdue", "個案逾期 " + json::case_number(v.id), v.content}, told, std::nullopt,
                          now);
            if (escalate) {
                store::add_event(c, v.id, "escalated", std::nullopt, std::nullopt, "", now);
                auto heads = detail::merged(detail::complaint_heads(c, v.site_id),
                                            store::users_with_roles(c, v.site_id, {"site_manager"}));
                detail::alert(c, v, {"complaint_escalated", "投訴逾期升級 " + json::case_number(v.id), v.content},
                              heads, std::nullopt, now);
            }
            auto zone = detail::zone_of(c, v.site_id);
            audit::append(c, audit::Actor::system(), now,
                          {v.site_id, "case", v.id, escalate ? "escalate" : "overdue",
                           json::case_text(before, zone, now), json::case_text(v, zone, now)});
        }
        return static_cast<int>(cases.size());
    });
}

int flag_overdue_visits(db::Db& db, EpochMs now) {
    return jobs::in_batches(db, 200, [&](db::Conn& c, int batch) {
        auto visits = store::unflagged_overdue_visits(c, now, batch);
        for (const auto& rv : visits) {
            // Another server, or an answer, got there first: nothing to tell.
            if (!store::flag_visit_overdue(c, rv.id, now)) continue;
            auto v = store::get_case(c, rv.case_id);
            if (!v) continue;
            store::add_event(c, v->id, "return_visit_overdue", std::nullopt, std::nullopt, "", now);
            detail::alert(c, *v, {"return_visit_overdue", "回訪逾期 " + json::case_number(v->id), v->content},
                          detail::merged(detail::desk_staff(c, v->site_id), detail::butlers(c, v->site_id)),
                          std::nullopt, now);
            auto zone = detail::zone_of(c, v->site_id);
            ReturnVisit after = rv;
            after.overdue_at = now;
            after.version += 1;
            audit::append(c, audit::Actor::system(), now,
                          {v->site_id, "return_visit", rv.id, "overdue", json::text(json::return_visit(rv, zone, now)),
                           json::text(json::return_visit(after, zone, now))});
        }
        return static_cast<int>(visits.size());
    });
}

jobs::Job overdue_job(std::function<void()> notify_changed) {
    jobs::Job job;
    job.name = "desk_overdue";
    job.interval_ms = 60'000;
    job.run = [notify_changed](db::Db& db, EpochMs now) {
        if (flag_overdue(db, now) + flag_overdue_visits(db, now) > 0) notify_changed();
    };
    return job;
}

}  // namespace propdesk::desk
