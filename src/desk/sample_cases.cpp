#include "desk/sample_cases.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "desk/rules.hpp"
#include "desk/store.hpp"
#include "org/store.hpp"
#include "platform/sample/rng.hpp"

namespace propdesk::desk {
namespace {

using sample::Rng;

struct Kind {
    const char* category;
    int weight;
    const char* department;  // the department kind it is dispatched to; "" when answered at the desk
    std::vector<const char*> texts;
};

const std::vector<Kind>& kinds() {
    static const std::vector<Kind> k{
        {"inquiry", 30, "", {"查詢管理費繳交方法", "查詢會所開放時間", "查詢裝修申請手續", "查詢停車月票價錢"}},
        {"repair", 30, "engineering", {"廚房水龍頭漏水", "浴室去水位淤塞", "大門門鎖損壞", "走廊燈不亮", "冷氣機滴水"}},
        {"complaint",
         15,
         "customer_service",
         {"投訴樓上單位噪音", "投訴電梯經常故障", "投訴垃圾房有異味", "投訴保安態度欠佳"}},
        {"suggestion", 10, "customer_service", {"建議增設單車泊位", "建議延長會所開放時間"}},
        {"praise", 5, "", {"表揚保安員協助搬運", "表揚清潔員工作細心"}},
        {"other", 10, "security", {"遺失物品查詢", "訪客登記問題"}},
    };
    return k;
}

const Kind& pick_kind(Rng& rng) {
    int total = 0;
    for (const auto& k : kinds()) total += k.weight;
    int r = static_cast<int>(rng.below(total));
    for (const auto& k : kinds()) {
        if (r < k.weight) return k;
        r -= k.weight;
    }
    return kinds().front();
}

constexpr int64_t kMinute = 60'000, kHour = 3'600'000, kDay = 86'400'000;

}  // namespace

int64_t insert_sample_cases(db::Conn& c, const SampleOptions& o, EpochMs now) {
    std::vector<int64_t> units;
    for (const auto& r : c.query("SELECT id FROM units WHERE site_id = $1 ORDER BY id", o.site_id).rows)
        units.push_back(r.i64(0));
    std::map<int64_t, std::pair<std::string, std::string>> resident_of_unit;  // unit → name, phone
    for (const auto& r : c.query("SELECT ru.unit_id, r.name, r.phones FROM resident_units ru"
                                 " JOIN residents r ON r.id = ru.resident_id WHERE r.site_id = $1",
                                 o.site_id)
                             .rows)
        resident_of_unit.emplace(r.i64(0), std::pair{r.str(1), r.str(2).substr(0, r.str(2).find(','))});
    std::map<std::string, int64_t> departments;
    for (const auto& r :
         c.query("SELECT kind, MIN(id) FROM departments WHERE site_id = $1 GROUP BY kind", o.site_id).rows)
        departments[r.str(0)] = r.i64(1);
    auto desk = store::users_with_roles(c, o.site_id, {"front_desk", "property_assistant"});
    if (units.empty() || desk.empty()) throw std::runtime_error("the site needs units and a front-desk user first");
    Policy policy = store::get_policy(c, o.site_id);
    std::string zone = org::store::site_zone(c, o.site_id);
    Rng rng{o.seed};

    for (int64_t i = 0; i < o.count; ++i) {
        const Kind& kind = pick_kind(rng);
        Case v;
        v.site_id = o.site_id;
        v.channel = rng.chance(60) ? "phone" : rng.chance(80) ? "visit" : "web";
        v.category = kind.category;
        v.unit_id = units[static_cast<size_t>(rng.below(static_cast<int64_t>(units.size())))];
        if (auto it = resident_of_unit.find(*v.unit_id); it != resident_of_unit.end() && rng.chance(85)) {
            v.caller_name = it->second.first;
            v.caller_phone = it->second.second;
        } else {
            v.caller_name = "訪客";
        }
        v.content = kind.texts[static_cast<size_t>(rng.below(static_cast<int64_t>(kind.texts.size())))];
        v.recorded_by = desk[static_cast<size_t>(rng.below(static_cast<int64_t>(desk.size())))];
        // Spread over the period; steps are later, never after now.
        int64_t total = o.total > 0 ? o.total : o.count;
        int64_t span = o.days * kDay;
        int64_t slot = span / std::max<int64_t>(total, 1);
        EpochMs created = now - span + (o.first_index + i) * slot + rng.below(std::max<int64_t>(slot, 1)) - kMinute;
        v.read_back_at = created;
        v.due_at = rules::due_at(created, policy, v.category);
        v.target_due_at = v.due_at;
        v.status = "recorded";
        v.id = store::insert_case(c, v, created);
        v.created_at = created;
        auto event = [&](const char* k, std::optional<int64_t> actor, std::optional<int64_t> dept, EpochMs at) {
            if (o.with_timeline) store::add_event(c, v.id, k, actor, dept, "", at);
        };
        event("recorded", v.recorded_by, std::nullopt, created);
        EpochMs t = created;
        auto step = [&](int64_t min_ms, int64_t spread_ms) {
            t += min_ms + rng.below(spread_ms);
            return t <= now;
        };
        std::string dept_kind = kind.department;
        if (v.category == "complaint" && rng.chance(30)) dept_kind = rng.chance(50) ? "engineering" : "cleaning";
        if (dept_kind.empty() || !departments.count(dept_kind)) {
            if (step(5 * kMinute, 2 * kHour)) {
                v.status = "replied";
                v.reply = "已答覆";
                v.replied_at = t;
                v = rules::handled(v, t);
                event("replied", v.recorded_by, std::nullopt, t);
                if (step(kMinute, kHour)) {
                    v.status = "archived";
                    v.archived_at = t;
                    event("archived", v.recorded_by, std::nullopt, t);
                }
            }
        } else if (step(5 * kMinute, kHour)) {
            int64_t dept = departments[dept_kind];
            v.status = "dispatched";
            v = rules::dispatched(v, dept, std::nullopt, t, policy);
            event("dispatched", v.recorded_by, dept, t);
            if (step(10 * kMinute, 3 * kHour)) {
                v.status = "in_progress";
                v.accepted_at = t;
                event("accepted", std::nullopt, dept, t);
                // Most are done within the deadline; some take days.
                if (step(kHour, rng.chance(90) ? 20 * kHour : 4 * kDay)) {
                    v.status = "completed";
                    v.completed_at = t;
                    v.feedback = "已處理";
                    v = rules::handled(v, t);
                    event("completed", std::nullopt, dept, t);
                    ReturnVisit rv;
                    rv.case_id = v.id;
                    rv.site_id = v.site_id;
                    rv.due_at = rules::return_visit_due(t, policy, zone);
                    rv.id = store::insert_return_visit(c, rv, t);
                    EpochMs completed = t;
                    if (rng.chance(97) && step(30 * kMinute, 20 * kHour)) {
                        rv.status = "done";
                        rv.outcome = rng.chance(92) ? "satisfied" : "not_satisfied";
                        // FD-C: not satisfied is recorded with the resident's reason.
                        if (rv.outcome == "not_satisfied") rv.note = "住戶表示問題未完全解決，即場跟進後接受";
                        rv.done_by = v.recorded_by;
                        rv.done_at = t;
                        store::update_return_visit(c, rv, t);
                        event("return_visit", v.recorded_by, std::nullopt, t);
                        // An unsatisfied call would reopen the case; here it was resolved on the
                        // same visit, so the case still ends return-visited.
                        v.status = "return_visited";
                        v.return_visited_at = t;
                        if (step(kMinute, 2 * kHour)) {
                            v.status = "archived";
                            v.archived_at = t;
                            event("archived", v.recorded_by, std::nullopt, t);
                        }
                    }
                    (void)completed;
                }
            }
        }
        if (v.status != "recorded") {
            EpochMs updated = std::min(t, now);
            if (!store::update_case(c, v, 1, updated)) throw std::runtime_error("sample case changed while written");
        }
    }
    return o.count;
}

}  // namespace propdesk::desk
