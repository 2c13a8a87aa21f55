#include "desk/overdue_job.hpp"

#include "desk/api_common.hpp"
#include "desk/json.hpp"
#include "desk/store.hpp"

namespace propdesk::desk {

int flag_overdue(db::Db& db, EpochMs now) {
    constexpr int kBatch = 200;
    int flagged = 0;
    for (;;) {
        int n = db.write_value([&](db::Conn& c) {
            auto cases = store::unflagged_overdue(c, now, kBatch);
            for (auto v : cases) {
                const Case before = v;
                v.overdue_at = now;
                bool escalate = v.category == "complaint" && !v.escalated_at;
                if (escalate) v.escalated_at = now;
                if (!store::update_case(c, v, v.version, now)) continue;  // changed meanwhile: next pass
                store::add_event(c, v.id, "overdue", std::nullopt, v.department_id, "", now);
                std::vector<int64_t> told = detail::desk_staff(c, v.site_id);
                if (v.department_id)
                    told = detail::merged(told, store::users_in_department(c, v.site_id, *v.department_id));
                detail::alert(c, v, {"case_overdue", "個案逾期 " + json::case_number(v.id), v.content}, told,
                              std::nullopt, now);
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
        flagged += n;
        if (n < kBatch) return flagged;
    }
}

jobs::Job overdue_job() {
    jobs::Job job;
    job.name = "desk_overdue";
    job.interval_ms = 60'000;
    job.run = [](db::Db& db, EpochMs now) { flag_overdue(db, now); };
    return job;
}

}  // namespace propdesk::desk
