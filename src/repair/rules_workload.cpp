// The technician picker (MT-3.1: engineering assigns a technician): how many open jobs each one
// has today and when the register says they are next free.
#include <algorithm>
#include <vector>

#include "platform/text/text.hpp"
#include "repair/rules.hpp"

namespace propdesk::repair::rules {

std::optional<Busy> busy_interval(const Repair& job, EpochMs now) {
    using text::is_one_of;
    if (job.status == "assigned") {
        if (job.mode == "appointment" && job.slot_start && job.slot_end) return Busy{*job.slot_start, *job.slot_end};
        // Immediate: on the way now, then the job itself.
        return Busy{std::min(now, job.due_at), std::max(now, job.due_at) + kJobMs};
    }
    if (is_one_of(job.status, {"on_site", "proposed", "consented", "in_progress"})) {
        EpochMs from = job.started_at.value_or(job.arrived_at.value_or(now));
        int64_t length = job.proposal_minutes ? *job.proposal_minutes * kMinuteMs : kJobMs;
        return Busy{job.arrived_at.value_or(from), std::max(now, from + length)};
    }
    return std::nullopt;  // rebook (no time yet), or not open
}

Workload workload(std::span<const Repair> open_jobs, EpochMs now, EpochMs day_end) {
    Workload out;
    out.next_free_at = now;
    std::vector<Busy> busy;
    for (const auto& job : open_jobs) {
        auto b = busy_interval(job, now);
        if (!b) continue;
        if (job.due_at < day_end) ++out.open_today;
        if (b->end > now) busy.push_back(*b);
    }
    std::sort(busy.begin(), busy.end(), [](const Busy& a, const Busy& b) { return a.start < b.start; });
    for (const auto& b : busy) {
        if (b.start > out.next_free_at) break;  // a gap: free before this job starts
        out.next_free_at = std::max(out.next_free_at, b.end);
    }
    return out;
}

}  // namespace propdesk::repair::rules
