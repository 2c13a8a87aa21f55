#include "repair/sample_repairs.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "desk/rules.hpp"
#include "desk/store.hpp"
#include "org/store.hpp"
#include "platform/sample/rng.hpp"
#include "platform/time/zone.hpp"
#include "repair/rules.hpp"
#include "repair/store.hpp"

namespace propdesk::repair {
namespace {

using sample::Rng;
constexpr int64_t kMinute = 60'000, kHour = 3'600'000, kDay = 86'400'000;

struct Job {
    const char* text;
    const char* price_code;  // the price-list item it is usually charged as
};
const Job kJobs[] = {
    {"廚房水龍頭漏水", "P01"}, {"浴室去水位淤塞", "P02"}, {"客廳燈不亮", "P03"},
    {"大門門鎖損壞", "P04"},   {"冷氣機滴水", "P05"},     {"洗手盆水喉爆裂", "P06"},
};

struct PriceSeed {
    const char* code;
    const char* name;
    const char* unit;
    int64_t cents;
};
const PriceSeed kPrices[] = {
    {"P01", "更換水龍頭", "個", 8000}, {"P02", "疏通去水", "次", 12000},     {"P03", "更換燈泡/光管", "個", 2000},
    {"P04", "更換門鎖", "把", 15000},  {"P05", "維修冷氣滴水", "次", 20000}, {"P06", "更換水喉", "米", 6000},
};

}  // namespace

void insert_sample_price_list(db::Conn& c, int64_t site_id, int64_t created_by, EpochMs now) {
    if (!store::current_prices(c, site_id, true).empty()) return;
    for (const auto& p : kPrices) {
        PriceItem item;
        item.site_id = site_id;
        item.code = p.code;
        item.name = p.name;
        item.unit = p.unit;
        item.price_cents = p.cents;
        item.created_by = created_by;
        store::insert_price(c, item, now);
    }
}

int64_t insert_sample_repairs(db::Conn& c, const SampleOptions& o, EpochMs now) {
    std::vector<int64_t> units;
    for (const auto& r : c.query("SELECT id FROM units WHERE site_id = $1 ORDER BY id", o.site_id).rows)
        units.push_back(r.i64(0));
    auto techs = desk::store::users_with_roles(c, o.site_id, {"technician"});
    auto desk_staff = desk::store::users_with_roles(c, o.site_id, {"front_desk", "property_assistant"});
    auto heads = desk::store::users_with_roles(c, o.site_id, {"eng_head"});
    auto dept = store::engineering_department(c, o.site_id);
    if (units.empty() || techs.empty() || desk_staff.empty() || !dept)
        throw std::runtime_error("the site needs units, technicians, an engineering department and a front desk first");
    std::vector<PriceItem> prices = store::current_prices(c, o.site_id, false);
    auto policy = store::get_policy(c, o.site_id);
    auto desk_policy = desk::store::get_policy(c, o.site_id);
    std::string zone = org::store::site_zone(c, o.site_id);
    Rng rng{o.seed};
    int64_t total = o.total > 0 ? o.total : o.count;
    int64_t span = o.days * kDay;
    int64_t slot = span / std::max<int64_t>(total, 1);

    for (int64_t i = 0; i < o.count; ++i) {
        const Job& job = kJobs[rng.below(static_cast<int64_t>(std::size(kJobs)))];
        EpochMs requested = now - span + (o.first_index + i) * slot + rng.below(std::max<int64_t>(slot, 1)) - 3 * kHour;
        int64_t recorder = desk_staff[static_cast<size_t>(rng.below(static_cast<int64_t>(desk_staff.size())))];
        int64_t tech = techs[static_cast<size_t>(rng.below(static_cast<int64_t>(techs.size())))];

        desk::Case v;
        v.site_id = o.site_id;
        v.channel = rng.chance(75) ? "phone" : "visit";
        v.category = "repair";
        v.unit_id = units[static_cast<size_t>(rng.below(static_cast<int64_t>(units.size())))];
        v.caller_name = "住戶";
        v.content = job.text;
        v.recorded_by = recorder;
        v.read_back_at = requested;
        v.due_at = desk::rules::due_at(requested, desk_policy, "repair");
        v.status = "recorded";
        v.id = desk::store::insert_case(c, v, requested, std::string(job.text));

        Repair r;
        r.site_id = o.site_id;
        r.case_id = v.id;
        r.channel = v.channel;
        r.unit_id = v.unit_id;
        r.caller_name = v.caller_name;
        r.description = job.text;
        r.simple = rng.chance(70);
        r.requested_at = requested;
        r.created_by = recorder;
        if (rng.chance(65)) {
            r.mode = "immediate";
            r.due_at = rules::immediate_deadline(requested);
        } else {
            r.mode = "appointment";
            r.slot_start = requested + kDay + rng.below(2 * kDay) / kHour * kHour;
            r.slot_end = *r.slot_start + kHour;
            r.due_at = *r.slot_start;
        }
        r.id = store::insert_repair(c, r, requested);
        v = rules::raised_case(v, r.id, requested, desk_policy, *dept);
        auto event = [&](const char* kind, std::optional<int64_t> actor, EpochMs at, const std::string& note = "") {
            if (o.with_detail) store::add_event(c, r.id, std::nullopt, kind, actor, note, at);
        };
        event("recorded", recorder, requested, r.mode);
        EpochMs t = requested + 2 * kMinute + rng.below(8 * kMinute);
        if (t <= now) {
            r.status = "assigned";
            r.technician_id = tech;
            r.assigned_by = heads.empty() ? recorder : heads.front();
            r.assigned_at = t;
            event("assigned", r.assigned_by, t);
            // Most arrive within the promise; a few are late.
            EpochMs arrive =
                r.mode == "immediate"
                    ? requested + 8 * kMinute + rng.below(rng.chance(90) ? 22 * kMinute : 40 * kMinute)
                    : *r.slot_start - 6 * kMinute + rng.below(rng.chance(92) ? 11 * kMinute : 30 * kMinute);
            int visits = rng.chance(5) ? 2 : 1;  // nobody home the first time
            for (int visit = 0; visit < visits && arrive <= now; ++visit) {
                Arrival a{0,
                          r.id,
                          r.site_id,
                          tech,
                          "",
                          r.mode,
                          r.due_at,
                          arrive,
                          std::string(rules::punctuality_name(rules::punctuality(r.mode, r.due_at, arrive)))};
                a.id = store::insert_arrival(c, a);
                r.status = "on_site";
                r.arrived_at = arrive;
                r.visit_count += 1;
                if (!r.first_arrived_at) {
                    r.first_arrived_at = arrive;
                    r.first_on_time = a.punctuality == "on_time";
                    v.status = "in_progress";
                    v.accepted_at = arrive;
                }
                event("checked_in", tech, arrive, a.punctuality);
                if (visit + 1 < visits) {
                    store::mark_no_one_home(c, a.id, 6 * kMinute, arrive + 6 * kMinute);
                    r.no_one_home_count += 1;
                    event("no_one_home", tech, arrive + 6 * kMinute);
                    r.mode = "appointment";
                    r.slot_start = arrive + kDay;
                    r.slot_end = *r.slot_start + kHour;
                    r.due_at = *r.slot_start;
                    r.status = "assigned";
                    arrive = *r.slot_start - 3 * kMinute + rng.below(6 * kMinute);
                }
            }
            EpochMs done = r.arrived_at.value_or(now + 1) + 20 * kMinute + rng.below(90 * kMinute);
            if (r.status == "on_site" && done <= now) {
                if (!r.simple) {
                    r.proposal_solution = "更換損壞部件";
                    r.proposed_at = r.consent_at = *r.arrived_at + 5 * kMinute;
                }
                r.started_at = *r.arrived_at + 10 * kMinute;
                r.status = "completed";
                r.completed_at = done;
                r.work_done = "已完成維修";
                r.restored = r.cleaned = true;
                r.opinion = "滿意";
                r.signed_by = r.caller_name;
                r.first_time_fix = rules::first_time_fix(r.visit_count, r.no_one_home_count, 0);
                if (o.with_detail) {
                    auto price = std::find_if(prices.begin(), prices.end(),
                                              [&](const PriceItem& p) { return p.code == job.price_code; });
                    if (price != prices.end()) {
                        ChargeLine line{0,           price->id,          price->code, price->name,
                                        price->unit, price->price_cents, 1,           price->price_cents};
                        store::insert_charges(c, r.id, {line});
                        r.charge_cents = r.total_cents = price->price_cents;
                    }
                    int year = std::stoi(timefmt::local_date(done, "UTC").substr(0, 4));
                    r.receipt_no = rules::receipt_number(
                        year, store::next_number(c, r.site_id, "repair_receipt:" + std::to_string(year)));
                    event("completed", tech, done, r.work_done);
                }
                v.status = "completed";
                v.completed_at = done;
                v.feedback = r.work_done;
                v = desk::rules::handled(v, done);
                if (rules::sampled_for_return_visit(r.id, policy.return_visit_percent)) {
                    r.return_visit_due_at = rules::return_visit_due(done, policy, zone);
                    desk::ReturnVisit rv;
                    rv.case_id = v.id;
                    rv.site_id = v.site_id;
                    rv.due_at = *r.return_visit_due_at;
                    rv.id = desk::store::insert_return_visit(c, rv, done);
                    EpochMs called = done + 2 * kHour + rng.below(30 * kHour);
                    if (called <= now && rng.chance(96)) {
                        r.return_visit_outcome = rng.chance(94) ? "satisfied" : "not_satisfied";
                        r.visits_answered = 1;
                        r.visits_satisfied = *r.return_visit_outcome == "satisfied" ? 1 : 0;
                        r.return_visited_at = called;
                        r.status = "return_visited";
                        rv.status = "done";
                        rv.outcome = r.return_visit_outcome;
                        rv.done_by = recorder;
                        rv.done_at = called;
                        desk::store::update_return_visit(c, rv, called);
                        v.status = "return_visited";
                        v.return_visited_at = called;
                    }
                } else {
                    v.status = "archived";
                    v.archived_at = done;
                }
            }
        }
        if (!store::update_repair(c, r, 1, std::min(now, std::max(requested, r.updated_at))))
            throw std::runtime_error("sample repair changed while written");
        if (!desk::store::update_case(c, v, 1, requested))
            throw std::runtime_error("sample case changed while written");
    }
    return o.count;
}

}  // namespace propdesk::repair
