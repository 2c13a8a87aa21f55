#include "parking/peak_job.hpp"

#include <map>
#include <vector>

#include "parking/api_common.hpp"
#include "parking/rules.hpp"
#include "parking/store.hpp"

namespace propdesk::parking {

int check_peak_staffing(db::Db& db, EpochMs now) {
    constexpr EpochMs kHour = 3'600'000;
    struct Short {
        Lot lot;
        Lane lane;
        int64_t passes = 0, on_post = 0;
    };
    // The scan reads; only a lane found short takes the (single) writer, so the gates do not wait
    // on this every minute.
    auto found = db.read_value([&](db::Conn& c) {
        std::vector<Short> out;
        for (const auto& lot : store::lots_with_peak_threshold(c)) {
            std::map<int64_t, int64_t> passes, on_post;
            for (const auto& p : store::lane_passes(c, lot.site_id, now - kHour, now + 1)) ++passes[p.lane_id];
            for (const auto& p : store::posts_on_duty(c, lot.site_id)) ++on_post[p.lane_id];
            for (const auto& lane : store::lanes_of_site(c, lot.site_id))
                if (lane.lot_id == lot.id && rules::understaffed(passes[lane.id], on_post[lane.id], lot))
                    out.push_back({lot, lane, passes[lane.id], on_post[lane.id]});
        }
        return out;
    });
    if (found.empty()) return 0;
    return db.write_value([&](db::Conn& c) {
        int reported = 0;
        for (const auto& s : found) {
            if (!store::note_peak_alert(c, s.lane.id, now - now % kHour, s.passes, s.on_post, now)) continue;
            detail::alert(c, s.lot.site_id, detail::team_leads(c, s.lot.site_id), std::nullopt, "parking_understaffed",
                          "車道人手不足 " + s.lane.name,
                          "近一小時 " + std::to_string(s.passes) + " 車次，在崗 " + std::to_string(s.on_post) +
                              " 人（需 " + std::to_string(s.lot.peak_min_staff) + " 人）",
                          "/parking/peak", now);
            ++reported;
        }
        return reported;
    });
}

jobs::Job peak_job(std::function<void()> notify_changed) {
    jobs::Job job;
    job.name = "parking_peak_staffing";
    job.interval_ms = 60'000;
    job.run = [notify_changed = std::move(notify_changed)](db::Db& db, EpochMs now) {
        if (check_peak_staffing(db, now) > 0) notify_changed();
    };
    return job;
}

}  // namespace propdesk::parking
