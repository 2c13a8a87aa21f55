#include "repair/api_common.hpp"

#include <algorithm>

#include "desk/api_common.hpp"
#include "desk/rules.hpp"
#include "desk/store.hpp"
#include "org/site.hpp"
#include "platform/audit/audit.hpp"
#include "platform/json/json_in.hpp"
#include "platform/notify/notify.hpp"
#include "repair/json.hpp"
#include "repair/store.hpp"

namespace propdesk::repair::detail {

using auth::Permission;

bool may_read(const Repair& r, const auth::Principal& who) {
    if (who.can(Permission::repairs_read, r.site_id)) return true;
    return who.can(Permission::repairs_work, r.site_id) && r.technician_id == who.user_id;
}

Repair repair_in_path(db::Conn& c, const http::Request& req) {
    auto r = store::get_repair(c, req.id_param("id"));
    if (!r || !req.principal.in_site(r->site_id)) throw AppError::not_found("repair");
    if (!may_read(*r, req.principal)) throw AppError::forbidden("only the job's technician or engineering may see it");
    return std::move(*r);
}

namespace {
bool manages(const auth::Principal& who, int64_t site_id) {
    return who.can(Permission::repairs_assign, site_id);
}
}  // namespace

bool may(const Repair& r, rules::Action a, const auth::Principal& who) {
    using A = rules::Action;
    switch (a) {
        case A::assign:
            return manages(who, r.site_id);
        case A::rebook:
        case A::close:
            return who.can(Permission::repairs_write, r.site_id) || manages(who, r.site_id);
        case A::note:
            return may_read(r, who);
        case A::return_visit:
            return false;  // the desk's return visit of the job's case decides it (return_visits.cpp)
        default:
            // MT-3.4: the technician's steps are the assigned technician's alone; the engineering
            // head reassigns the job instead of checking in for someone else.
            return who.can(Permission::repairs_work, r.site_id) && r.technician_id == who.user_id;
    }
}

std::vector<rules::Action> allowed_actions(const Repair& r, const auth::Principal& who) {
    using A = rules::Action;
    std::vector<A> out;
    for (A a : {A::assign, A::check_in, A::no_one_home, A::rebook, A::propose, A::consent, A::start, A::material,
                A::complete, A::close, A::note}) {
        if (!rules::next_status(r.status, a)) continue;
        if (a == A::start && rules::start_refusal(r)) continue;
        if (!r.technician_id && rules::by_technician(a)) continue;
        if (may(r, a, who)) out.push_back(a);
    }
    return out;
}

// MT-3.1: the booked slot, or the 30-minute promise.
void schedule(Repair& r, const propdesk::json::JsonIn& in, const std::string& zone, EpochMs now, EpochMs called_at) {
    r.mode = in.req_enum("mode", {"immediate", "appointment"});
    r.slot_start = r.slot_end = std::nullopt;
    r = rules::rescheduled(r);
    if (r.mode == "immediate") {
        if (in.raw("slot") && !in.raw("slot")->is_null())
            throw AppError::invalid("an immediate request has no booked slot", "slot");
        r.due_at = rules::immediate_deadline(called_at);
        return;
    }
    const auto* slot = in.raw("slot");
    if (!slot || !slot->is_object()) throw AppError::invalid("book a slot: {date, start, end}", "slot");
    for (const auto& kv : slot->as_object())
        if (kv.key() != "date" && kv.key() != "start" && kv.key() != "end")
            throw AppError::unknown_field("slot." + std::string(kv.key()));
    auto text = [&](const char* k) -> std::string {
        auto* v = slot->as_object().if_contains(k);
        if (!v || !v->is_string()) throw AppError::invalid(std::string("give slot.") + k, std::string("slot.") + k);
        return std::string(v->as_string());
    };
    auto res = rules::slot_of(text("date"), text("start"), text("end"), zone);
    if (!res.slot) throw AppError::invalid(res.problem->message, res.problem->field);
    if (res.slot->end <= now) throw AppError::invalid("the booked slot is already over", "slot.end");
    r.slot_start = res.slot->start;
    r.slot_end = res.slot->end;
    r.due_at = res.slot->start;
}

void audit_repair(db::Conn& c,
                  const http::Request& req,
                  EpochMs now,
                  const Repair& after,
                  const char* action,
                  const std::optional<Repair>& before,
                  const std::string& zone) {
    std::optional<std::string> before_text;
    if (before) before_text = json::repair_text(*before, zone, now);
    audit::append(c, audit::Actor::of(req.principal, req.request_id), now,
                  {after.site_id, "repair", after.id, action, before_text, json::repair_text(after, zone, now)});
}

void alert(db::Conn& c,
           const Repair& about,
           const Alert& a,
           const std::vector<int64_t>& users,
           std::optional<int64_t> actor_id,
           EpochMs now) {
    int sent = 0;
    std::vector<int64_t> unique = users;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    for (int64_t user : unique) {
        if (actor_id && user == *actor_id) continue;
        notify::create(c, {user, about.site_id, a.kind, a.title, a.body, "/repairs/" + std::to_string(about.id)}, now);
        ++sent;
    }
    if (sent > 0)
        store::add_event(c, about.id, std::nullopt, "notified", std::nullopt, a.kind + " ×" + std::to_string(sent),
                         now);
}

std::vector<int64_t> desk_staff(db::Conn& c, int64_t site_id) {
    return desk::store::users_with_roles(c, site_id, {"front_desk", "property_assistant"});
}

std::vector<int64_t> engineering_heads(db::Conn& c, int64_t site_id) {
    return desk::store::users_with_roles(c, site_id, {"eng_head", "eng_lead"});
}

void case_follows(
    db::Conn& c, const http::Request& req, const Repair& r, const char* step, EpochMs now, const std::string& zone) {
    auto found = desk::store::get_case(c, r.case_id);
    if (!found) return;
    desk::Case v = *found;
    const desk::Case before = v;
    std::string s = step;
    std::optional<int64_t> actor = req.principal.user_id;
    auto event = [&](const char* kind, const std::string& note) {
        desk::store::add_event(c, v.id, kind, actor, v.department_id, note, now);
    };
    if (s == "registered") {
        v.repair_request_id = r.id;
        if (v.status == "recorded") {
            v = rules::raised_case(v, r.id, now, desk::store::get_policy(c, r.site_id),
                                   *store::engineering_department(c, r.site_id));
            event("dispatched", "請修單 " + rules::repair_number(r.id));
        }
    } else if (s == "checked_in") {
        if (v.status != "dispatched") return;
        v.status = "in_progress";
        v.accepted_at = now;
        event("accepted", "技工到場 " + rules::repair_number(r.id));
    } else if (s == "completed") {
        v.status = "completed";
        v.completed_at = now;
        v.feedback = r.work_done;
        v = desk::rules::handled(v, now);
        event("completed", r.work_done);
        if (r.return_visit_due_at) {  // MT-4.0: sampled; the desk calls back within the policy's window
            desk::ReturnVisit rv;
            rv.case_id = v.id;
            rv.site_id = v.site_id;
            rv.due_at = *r.return_visit_due_at;
            desk::store::insert_return_visit(c, rv, now);
        } else {
            v.status = "archived";
            v.archived_at = now;
            event("archived", "not sampled for a return visit");
        }
    } else if (s == "closed") {
        if (v.status == "archived" || v.status == "replied") return;
        v.status = "replied";
        v.reply = r.close_reason;
        v.replied_at = now;
        v = desk::rules::handled(v, now);
        event("replied", r.close_reason);
    } else {
        return;
    }
    if (!desk::store::update_case(c, v, before.version, now)) throw AppError::stale();
    desk::detail::audit_case(c, req, now, *desk::store::get_case(c, v.id), "repair_step", before, zone);
}

}  // namespace propdesk::repair::detail
