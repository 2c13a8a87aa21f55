// The steps of a case (FD-A…D): each one action with If-Match, checked against the lifecycle,
// the caller's role and department, in one transaction with its timeline event, notifications
// and audit entry.
#include <boost/json.hpp>
#include <functional>

#include "desk/actions.hpp"
#include "desk/api_common.hpp"
#include "desk/hooks.hpp"
#include "desk/rules.hpp"
#include "desk/store.hpp"
#include "platform/http/api_support.hpp"
#include "platform/json/json_in.hpp"

namespace propdesk::desk {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
using rules::Action;
namespace bj = boost::json;

struct Step {
    db::Conn& c;
    const Request& req;
    const propdesk::json::JsonIn& in;
    Case& v;
    const Case& before;
    const Policy& policy;
    EpochMs now;
    int64_t actor;
};

Response act(Context& ctx,
             Request& req,
             Action a,
             std::initializer_list<std::string_view> fields,
             const std::function<void(Step&)>& apply) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body.empty() ? std::string_view("{}") : std::string_view(req.body), fields);
    std::string outcome =
        a == Action::return_visit ? in.req_enum("outcome", {"satisfied", "not_satisfied", "unreachable"}) : "";
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        Case v = case_in_path(c, req, Permission::cases_read);
        if (!may(v, a, req.principal))
            throw AppError::forbidden(rules::by_department(a)
                                          ? "only the department the case is dispatched to may do this"
                                          : "your role may not do this");
        if (v.version != expected) throw AppError::stale();
        auto next = rules::next_status(v.status, a, outcome);
        if (!next)
            throw AppError::illegal_state("cannot " + std::string(rules::action_name(a)) +
                                          " a case in its current status: " + v.status);
        const Case before = v;
        v.status = *next;
        auto policy = store::get_policy(c, v.site_id);
        Step step{c, req, in, v, before, policy, now, req.principal.user_id};
        apply(step);
        if (!store::update_case(c, v, expected, now)) throw AppError::stale();
        auto saved = *store::get_case(c, v.id);
        auto zone = zone_of(c, v.site_id);
        audit_case(c, req, now, saved, std::string(rules::action_name(a)).c_str(), before, zone);
        return case_detail(c, saved, zone, req.principal, now);
    });
    ctx.notify_changed();
    int64_t version = out.at("version").as_int64();
    return http::record_response(out, version);
}

// FD-B: the department and its deadline (the category's under the site's policy unless given).
void send_to_department(Step& s, const char* event_kind) {
    int64_t dept = s.in.req_int("department_id", 1, INT64_MAX);
    if (!store::department_in_site(s.c, s.v.site_id, dept))
        throw AppError::invalid("no such department in this site", "department_id");
    if (std::string(event_kind) == "reassigned" && s.v.department_id == dept)
        throw AppError::invalid("the case is already with that department", "department_id");
    auto due = s.in.opt_time("due_at");
    if (due && *due <= s.now) throw AppError::invalid("the deadline must be in the future", "due_at");
    std::string note = s.in.opt_string("note", 0, 2000).value_or("");
    if (std::string(event_kind) == "reassigned" && note.empty())
        throw AppError::invalid("say why the case is reassigned", "note");
    s.v.department_id = dept;
    s.v.due_at = due.value_or(rules::due_at(s.now, s.policy, s.v.category));
    s.v.dispatched_at = s.now;
    s.v.accepted_at = std::nullopt;
    s.v.overdue_at = std::nullopt;
    store::add_event(s.c, s.v.id, event_kind, s.actor, dept, note, s.now);
    auto saved = s.v;
    alert(s.c, saved, {"case_dispatched", "新派單 " + json::case_number(s.v.id), s.v.content},
          store::users_in_department(s.c, s.v.site_id, dept), s.actor, s.now);
}

// FD-I: the first completion or reply is when the case was handled, on time or not.
void mark_handled(Case& v, EpochMs now) {
    if (v.handled_at) return;
    v.handled_at = now;
    v.handled_on_time = now <= v.due_at;
}

Response dispatch(Context& ctx, Request& req) {
    return act(ctx, req, Action::dispatch, {"department_id", "due_at", "note"},
               [](Step& s) { send_to_department(s, "dispatched"); });
}

Response reassign(Context& ctx, Request& req) {
    return act(ctx, req, Action::reassign, {"department_id", "due_at", "note"},
               [](Step& s) { send_to_department(s, "reassigned"); });
}

Response accept(Context& ctx, Request& req) {
    return act(ctx, req, Action::accept, {"note"}, [](Step& s) {
        s.v.accepted_at = s.now;
        store::add_event(s.c, s.v.id, "accepted", s.actor, s.v.department_id,
                         s.in.opt_string("note", 0, 2000).value_or(""), s.now);
    });
}

Response progress(Context& ctx, Request& req) {
    return act(ctx, req, Action::progress, {"note"}, [](Step& s) {
        store::add_event(s.c, s.v.id, "progress", s.actor, s.v.department_id, s.in.req_string("note", 1, 2000), s.now);
    });
}

Response complete(Context& ctx, Request& req) {
    return act(ctx, req, Action::complete, {"feedback"}, [](Step& s) {
        s.v.feedback = s.in.req_string("feedback", 1, 2000);
        s.v.completed_at = s.now;
        mark_handled(s.v, s.now);
        store::add_event(s.c, s.v.id, "completed", s.actor, s.v.department_id, s.v.feedback, s.now);
        // FD-C: the desk calls the resident back within the site's policy.
        ReturnVisit rv;
        rv.case_id = s.v.id;
        rv.site_id = s.v.site_id;
        rv.due_at = rules::return_visit_due(s.now, s.policy);
        store::insert_return_visit(s.c, rv, s.now);
        alert(s.c, s.v, {"case_completed", "待回訪 " + json::case_number(s.v.id), s.v.feedback},
              desk_staff(s.c, s.v.site_id), s.actor, s.now);
    });
}

Response return_visit(Context& ctx, Request& req) {
    return act(ctx, req, Action::return_visit, {"outcome", "note"}, [](Step& s) {
        auto rv = store::open_return_visit(s.c, s.v.id);
        if (!rv) throw AppError::illegal_state("the case has no open return visit");
        std::string outcome = s.in.req_enum("outcome", {"satisfied", "not_satisfied", "unreachable"});
        std::string note = s.in.opt_string("note", 0, 2000).value_or("");
        rv->outcome = outcome;
        rv->note = note;
        if (outcome == "unreachable") {
            rv->attempts += 1;
            store::add_event(s.c, s.v.id, "return_visit", s.actor, std::nullopt,
                             "unreachable #" + std::to_string(rv->attempts) + (note.empty() ? "" : ": " + note), s.now);
            if (rv->status == "pending" && rules::escalates_after_unreachable(rv->attempts, s.policy.max_unreachable)) {
                rv->status = "escalated";
                rv->escalated_at = s.now;
                store::add_event(s.c, s.v.id, "return_visit_escalated", std::nullopt, std::nullopt, "", s.now);
                alert(s.c, s.v, {"return_visit_escalated", "回訪未能聯絡 " + json::case_number(s.v.id), s.v.content},
                      butlers(s.c, s.v.site_id), s.actor, s.now);
            }
            store::update_return_visit(s.c, *rv, s.now);
            return;
        }
        rv->status = "done";
        rv->done_by = s.actor;
        rv->done_at = s.now;
        store::update_return_visit(s.c, *rv, s.now);
        store::add_event(s.c, s.v.id, "return_visit", s.actor, std::nullopt,
                         outcome + (note.empty() ? "" : ": " + note), s.now);
        if (outcome == "satisfied") {
            s.v.return_visited_at = s.now;
            hooks::return_visit_answered(s.c, s.req, s.v, outcome, note, s.now);
            return;
        }
        // FD-C: not satisfied reopens the case to its department, and the butler hears of it.
        s.v.reopen_count += 1;
        s.v.dispatched_at = s.now;
        s.v.accepted_at = std::nullopt;
        s.v.completed_at = std::nullopt;
        s.v.overdue_at = std::nullopt;
        s.v.due_at = rules::due_at(s.now, s.policy, s.v.category);
        store::add_event(s.c, s.v.id, "reopened", s.actor, s.v.department_id, note, s.now);
        std::vector<int64_t> told = butlers(s.c, s.v.site_id);
        if (s.v.department_id) told = merged(told, store::users_in_department(s.c, s.v.site_id, *s.v.department_id));
        alert(s.c, s.v, {"return_visit_unsatisfied", "回訪不滿意 " + json::case_number(s.v.id), note}, told, s.actor,
              s.now);
        hooks::return_visit_answered(s.c, s.req, s.v, outcome, note, s.now);
    });
}

Response reply(Context& ctx, Request& req) {
    return act(ctx, req, Action::reply, {"reply"}, [](Step& s) {
        std::string text = s.in.opt_string("reply", 0, 2000).value_or("");
        raise_refusal(rules::reply_refusal(s.v, text));
        s.v.reply = text;
        s.v.replied_at = s.now;
        mark_handled(s.v, s.now);
        store::add_event(s.c, s.v.id, "replied", s.actor, std::nullopt, text, s.now);
    });
}

Response archive(Context& ctx, Request& req) {
    return act(ctx, req, Action::archive, {}, [](Step& s) {
        s.v.archived_at = s.now;
        store::add_event(s.c, s.v.id, "archived", s.actor, std::nullopt, "", s.now);
    });
}

Response follow_up(Context& ctx, Request& req) {
    return act(ctx, req, Action::follow_up, {"note"}, [](Step& s) {
        store::add_event(s.c, s.v.id, "follow_up", s.actor, std::nullopt, s.in.req_string("note", 1, 2000), s.now);
    });
}

Response responsibility(Context& ctx, Request& req) {
    return act(ctx, req, Action::responsibility, {"responsibility"}, [](Step& s) {
        std::string value = s.in.opt_string("responsibility", 0, 20).value_or("");
        raise_refusal(rules::responsibility_refusal(s.v, value));
        s.v.responsibility = value;
        store::add_event(s.c, s.v.id, "responsibility", s.actor, std::nullopt, value, s.now);
    });
}

}  // namespace

void register_action_routes(http::Router& router, Context& ctx) {
    using http::Access;
    auto h = [&ctx](Response (*f)(Context&, Request&)) { return [&ctx, f](Request& r) { return f(ctx, r); }; };
    constexpr size_t kSmall = 16 * 1024;
    struct Def {
        const char* path;
        Response (*f)(Context&, Request&);
        Permission p;
        const char* summary;
    };
    const Def defs[] = {
        {"/dispatch", dispatch, Permission::cases_write, "Dispatch a recorded case to a department (FD-B)"},
        {"/reassign", reassign, Permission::cases_write, "Send a dispatched case to another department"},
        {"/accept", accept, Permission::cases_work, "The department accepts the case"},
        {"/progress", progress, Permission::cases_work, "The department adds a progress note"},
        {"/complete", complete, Permission::cases_work, "The department completes the case with its feedback"},
        {"/return-visit", return_visit, Permission::cases_write, "Record a return visit's outcome (FD-C)"},
        {"/reply", reply, Permission::cases_write, "Close a case at the desk with the reply given"},
        {"/archive", archive, Permission::cases_write, "Archive a replied or return-visited case"},
        {"/follow-up", follow_up, Permission::cases_write, "The desk adds a follow-up note"},
        {"/responsibility", responsibility, Permission::cases_write, "Set whether a complaint is ours (FD-D)"},
    };
    for (const auto& d : defs)
        router.add({"POST", std::string("/api/v1/cases/{id}") + d.path, Access::user, d.p, h(d.f), kSmall, d.summary});
}

}  // namespace propdesk::desk
