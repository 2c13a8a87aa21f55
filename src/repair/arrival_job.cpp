#include "repair/arrival_job.hpp"

#include "platform/audit/audit.hpp"
#include "repair/api_common.hpp"
#include "repair/json.hpp"
#include "repair/store.hpp"

namespace propdesk::repair {

int flag_missed_arrivals(db::Db& db, EpochMs now) {
    return jobs::in_batches(db, 200, [&](db::Conn& c, int batch) {
        auto jobs = store::unflagged_missed_arrivals(c, now, batch);
        for (const auto& before : jobs) {
            if (!rules::arrival_missed(before, now)) continue;
            Repair r = before;
            r.arrival_missed_at = now;
            // Changed meanwhile (checked in, or another server flagged it): the next pass decides.
            if (!store::update_repair(c, r, before.version, now)) continue;
            store::add_event(c, r.id, std::nullopt, "arrival_missed", std::nullopt,
                             r.technician_id ? r.technician_name : "", now);
            auto told = detail::engineering_heads(c, r.site_id);
            auto desk = detail::desk_staff(c, r.site_id);
            told.insert(told.end(), desk.begin(), desk.end());
            detail::alert(c, r, {"repair_arrival_missed", "30分鐘未到場 " + rules::repair_number(r.id), r.description},
                          told, std::nullopt, now);
            auto zone = detail::zone_of(c, r.site_id);
            auto saved = *store::get_repair(c, r.id);
            audit::append(c, audit::Actor::system(), now,
                          {r.site_id, "repair", r.id, "arrival_missed", json::repair_text(before, zone, now),
                           json::repair_text(saved, zone, now)});
        }
        return static_cast<int>(jobs.size());
    });
}

jobs::Job missed_arrival_job(std::function<void()> notify_changed) {
    jobs::Job job;
    job.name = "repair_missed_arrival";
    job.interval_ms = 60'000;
    job.run = [notify_changed](db::Db& db, EpochMs now) {
        if (flag_missed_arrivals(db, now) > 0) notify_changed();
    };
    return job;
}

}  // namespace propdesk::repair
