// The steps of a case (FD-A…D, N): each one action with If-Match, checked against the lifecycle,
// the caller's role and department and the desk's rules, in one transaction with its timeline
// event, notifications and audit entry (lifecycle::take).
#include <boost/json.hpp>
#include <functional>
#include <memory>

#include "desk/actions.hpp"
#include "desk/api_common.hpp"
#include "desk/hooks.hpp"
#include "desk/rules.hpp"
#include "desk/store.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"
#include "platform/json/json_in.hpp"

namespace propdesk::desk {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
using rules::Action;
using Step = lifecycle::Step<Case>;

const std::initializer_list<std::string_view> kOutcomes = {"satisfied", "not_satisfied", "unreachable"};

Response act(Context& ctx,
             Request& req,
             Action a,
             std::initializer_list<std::string_view> fields,
             const std::function<void(Step&)>& apply) {
    return lifecycle::take<Case>(
        ctx, req, case_kind(), fields,
        [a](const propdesk::json::JsonIn& in) {
            bool answered = a == Action::return_visit || a == Action::butler_outcome;
            return case_gate(a, answered ? in.req_enum("outcome", kOutcomes) : "");
        },
        apply);
}

std::string note_of(const Step& s) {
    return s.in.opt_string("note", 0, 2000).value_or("");
}

// Whoever speaks for the desk on this case: the desk staff and whoever recorded it.
std::vector<int64_t> desk_side(db::Conn& c, const Case& v) {
    return merged(desk_staff(c, v.site_id), {v.recorded_by});
}

std::vector<int64_t> department_side(db::Conn& c, const Case& v) {
    if (!v.department_id) return {};
    return store::users_in_department(c, v.site_id, *v.department_id);
}

// FD-B: the department and its deadline (rules::dispatched), and the department is told.
void send_to_department(Step& s, const char* event_kind) {
    bool reassign = std::string(event_kind) == "reassigned";
    int64_t dept = s.in.req_int("department_id", 1, INT64_MAX);
    if (!store::department_in_site(s.c, s.r.site_id, dept))
        throw AppError::invalid("no such department in this site", "department_id");
    if (reassign && s.r.department_id == dept)
        throw AppError::invalid("the case is already with that department", "department_id");
    auto due = s.in.opt_time("due_at");
    auto policy = store::get_policy(s.c, s.r.site_id);
    if (due) raise_refusal(rules::deadline_refusal(*due, s.now, policy, s.r.category));
    std::string note = note_of(s);
    if (reassign && note.empty()) throw AppError::invalid("say why the case is reassigned", "note");
    s.r = rules::dispatched(s.r, dept, due, s.now, policy);
    store::add_event(s.c, s.r.id, event_kind, s.actor, dept, note, s.now);
    alert(s.c, s.r, {"case_dispatched", "新派單 " + json::case_number(s.r.id), s.r.content},
          store::users_in_department(s.c, s.r.site_id, dept), s.actor, s.now);
}

// FD-C: not satisfied reopens the case to its department (rules::reopened); the department and
// the butler hear of it, and so does the repair module for a repair job's case.
void reopen(Step& s, const Hooks& hooks, const std::string& note) {
    s.r = rules::reopened(s.r, s.now, store::get_policy(s.c, s.r.site_id), note);
    store::add_event(s.c, s.r.id, "reopened", s.actor, s.r.department_id, note, s.now);
    alert(s.c, s.r, {"return_visit_unsatisfied", "回訪不滿意 " + json::case_number(s.r.id), note},
          merged(butlers(s.c, s.r.site_id), department_side(s.c, s.r)), s.actor, s.now);
    if (hooks.return_visit_answered) hooks.return_visit_answered(s.c, s.req, s.r, "not_satisfied", note, s.now);
}

// FD-C: the butler hears every complaint's return-visit result, a good one too.
void tell_butler_result(Step& s, const std::string& outcome, const std::string& note) {
    if (s.r.category != "complaint" || outcome == "not_satisfied") return;  // not satisfied: reopen() tells them
    alert(s.c, s.r, {"complaint_visit_result", "投訴回訪結果 " + json::case_number(s.r.id), outcome + ": " + note},
          butlers(s.c, s.r.site_id), s.actor, s.now);
}

ReturnVisit answered_visit(ReturnVisit rv, const std::string& outcome, const std::string& note, const Step& s) {
    rv.outcome = outcome;
    rv.note = note;
    rv.status = "done";
    rv.done_by = s.actor;
    rv.done_at = s.now;
    return rv;
}

Response dispatch(Context& ctx, const Hooks&, Request& req) {
    return act(ctx, req, Action::dispatch, {"department_id", "due_at", "note"},
               [](Step& s) { send_to_department(s, "dispatched"); });
}

Response reassign(Context& ctx, const Hooks&, Request& req) {
    return act(ctx, req, Action::reassign, {"department_id", "due_at", "note"},
               [](Step& s) { send_to_department(s, "reassigned"); });
}

// FD-N: the desk hears that the department took the case on.
Response accept(Context& ctx, const Hooks&, Request& req) {
    return act(ctx, req, Action::accept, {"note"}, [](Step& s) {
        s.r.accepted_at = s.now;
        std::string note = note_of(s);
        store::add_event(s.c, s.r.id, "accepted", s.actor, s.r.department_id, note, s.now);
        alert(s.c, s.r, {"case_accepted", "已受理 " + json::case_number(s.r.id), note}, desk_side(s.c, s.r), s.actor,
              s.now);
    });
}

// FD-N: the desk hears of each progress note.
Response progress(Context& ctx, const Hooks&, Request& req) {
    return act(ctx, req, Action::progress, {"note"}, [](Step& s) {
        std::string note = s.in.req_string("note", 1, 2000);
        store::add_event(s.c, s.r.id, "progress", s.actor, s.r.department_id, note, s.now);
        alert(s.c, s.r, {"case_progress", "處理進度 " + json::case_number(s.r.id), note}, desk_side(s.c, s.r), s.actor,
              s.now);
    });
}

Response complete(Context& ctx, const Hooks&, Request& req) {
    return act(ctx, req, Action::complete, {"feedback"}, [](Step& s) {
        s.r.feedback = s.in.req_string("feedback", 1, 2000);
        s.r.completed_at = s.now;
        s.r = rules::handled(s.r, s.now);
        store::add_event(s.c, s.r.id, "completed", s.actor, s.r.department_id, s.r.feedback, s.now);
        // FD-C: the desk calls the resident back the same day.
        ReturnVisit rv;
        rv.case_id = s.r.id;
        rv.site_id = s.r.site_id;
        rv.due_at = rules::return_visit_due(s.now, store::get_policy(s.c, s.r.site_id), zone_of(s.c, s.r.site_id));
        store::insert_return_visit(s.c, rv, s.now);
        alert(s.c, s.r, {"case_completed", "待回訪 " + json::case_number(s.r.id), s.r.feedback},
              desk_staff(s.c, s.r.site_id), s.actor, s.now);
    });
}

Response return_visit(Context& ctx, const Hooks& hooks, Request& req) {
    return act(ctx, req, Action::return_visit, {"outcome", "note"}, [&hooks](Step& s) {
        auto rv = store::open_return_visit(s.c, s.r.id);
        if (!rv) throw AppError::illegal_state("the case has no open return visit");
        std::string outcome = s.in.req_enum("outcome", kOutcomes);
        std::string note = note_of(s);
        raise_refusal(rules::visit_answer_refusal(outcome, note));
        if (outcome == "unreachable") {
            rv->outcome = outcome;
            rv->note = note;
            rv->attempts += 1;
            store::add_event(s.c, s.r.id, "return_visit", s.actor, std::nullopt,
                             "unreachable #" + std::to_string(rv->attempts) + (note.empty() ? "" : ": " + note), s.now);
            auto policy = store::get_policy(s.c, s.r.site_id);
            if (rv->status == "pending" && rules::escalates_after_unreachable(rv->attempts, policy.max_unreachable)) {
                rv->status = "escalated";
                rv->escalated_at = s.now;
                store::add_event(s.c, s.r.id, "return_visit_escalated", std::nullopt, std::nullopt, "", s.now);
                alert(s.c, s.r, {"return_visit_escalated", "回訪未能聯絡 " + json::case_number(s.r.id), s.r.content},
                      butlers(s.c, s.r.site_id), s.actor, s.now);
            }
            store::update_return_visit(s.c, *rv, s.now);
            return;
        }
        store::update_return_visit(s.c, answered_visit(*rv, outcome, note, s), s.now);
        store::add_event(s.c, s.r.id, "return_visit", s.actor, std::nullopt,
                         outcome + (note.empty() ? "" : ": " + note), s.now);
        tell_butler_result(s, outcome, note);
        if (outcome == "not_satisfied") return reopen(s, hooks, note);
        s.r.return_visited_at = s.now;
        if (hooks.return_visit_answered) hooks.return_visit_answered(s.c, s.req, s.r, outcome, note, s.now);
    });
}

// FD-C: a visit the desk could not make went to the butler; the butler's outcome finishes it.
// Satisfied, or still unreachable after the butler's own attempts (said in the note), archives
// the case; not satisfied reopens it as the desk's answer would.
Response butler_outcome(Context& ctx, const Hooks& hooks, Request& req) {
    return act(ctx, req, Action::butler_outcome, {"outcome", "note"}, [&hooks](Step& s) {
        auto rv = store::open_return_visit(s.c, s.r.id);
        std::string outcome = s.in.req_enum("outcome", kOutcomes);
        std::string note = note_of(s);
        raise_refusal(rules::butler_refusal(rv, outcome, note));
        store::update_return_visit(s.c, answered_visit(*rv, outcome, note, s), s.now);
        store::add_event(s.c, s.r.id, "butler_outcome", s.actor, std::nullopt,
                         outcome + (note.empty() ? "" : ": " + note), s.now);
        tell_butler_result(s, outcome, note);
        if (outcome == "not_satisfied") return reopen(s, hooks, note);
        if (outcome == "satisfied") s.r.return_visited_at = s.now;
        s.r.archived_at = s.now;
        store::add_event(s.c, s.r.id, "archived", s.actor, std::nullopt, "", s.now);
        alert(s.c, s.r, {"butler_outcome", "管家回訪結果 " + json::case_number(s.r.id), outcome + ": " + note},
              desk_side(s.c, s.r), s.actor, s.now);
        if (outcome == "satisfied" && hooks.return_visit_answered)
            hooks.return_visit_answered(s.c, s.req, s.r, outcome, note, s.now);
    });
}

Response reply(Context& ctx, const Hooks&, Request& req) {
    return act(ctx, req, Action::reply, {"reply"}, [](Step& s) {
        std::string text = s.in.opt_string("reply", 0, 2000).value_or("");
        raise_refusal(rules::reply_refusal(s.before, text));
        s.r.reply = text;
        s.r.replied_at = s.now;
        s.r = rules::handled(s.r, s.now);
        store::add_event(s.c, s.r.id, "replied", s.actor, std::nullopt, text, s.now);
    });
}

Response archive(Context& ctx, const Hooks&, Request& req) {
    return act(ctx, req, Action::archive, {}, [](Step& s) {
        s.r.archived_at = s.now;
        store::add_event(s.c, s.r.id, "archived", s.actor, std::nullopt, "", s.now);
    });
}

// FD-N: the department the case is with hears of the desk's follow-up.
Response follow_up(Context& ctx, const Hooks&, Request& req) {
    return act(ctx, req, Action::follow_up, {"note"}, [](Step& s) {
        std::string note = s.in.req_string("note", 1, 2000);
        store::add_event(s.c, s.r.id, "follow_up", s.actor, std::nullopt, note, s.now);
        if (rules::is_open(s.r.status))
            alert(s.c, s.r, {"case_follow_up", "前臺跟進 " + json::case_number(s.r.id), note},
                  department_side(s.c, s.r), s.actor, s.now);
    });
}

Response responsibility(Context& ctx, const Hooks&, Request& req) {
    return act(ctx, req, Action::responsibility, {"responsibility"}, [](Step& s) {
        std::string value = s.in.opt_string("responsibility", 0, 20).value_or("");
        raise_refusal(rules::responsibility_refusal(s.r, value));
        s.r.responsibility = value;
        store::add_event(s.c, s.r.id, "responsibility", s.actor, std::nullopt, value, s.now);
    });
}

}  // namespace

void register_action_routes(http::Router& router, Context& ctx, const Hooks& hooks) {
    using Step = Response (*)(Context&, const Hooks&, Request&);
    http::RouteTable routes(router, ctx, "/api/v1/cases/{id}");
    auto with_hooks = [shared = std::make_shared<const Hooks>(hooks)](Step f) {
        return [shared, f](Context& ctx, Request& r) { return f(ctx, *shared, r); };
    };
    struct Def {
        const char* path;
        Step f;
        Permission p;
        const char* summary;
    };
    const Def defs[] = {
        {"/dispatch", dispatch, Permission::cases_write, "Dispatch a recorded case to a department (FD-B)"},
        {"/reassign", reassign, Permission::cases_write, "Send a dispatched case to another department"},
        {"/accept", accept, Permission::cases_work, "The department accepts the case; the desk is told (FD-N)"},
        {"/progress", progress, Permission::cases_work, "The department adds a progress note; the desk is told (FD-N)"},
        {"/complete", complete, Permission::cases_work, "The department completes the case with its feedback"},
        {"/return-visit", return_visit, Permission::cases_write, "Record a return visit's outcome (FD-C)"},
        {"/butler-outcome", butler_outcome, Permission::cases_write,
         "The butler records the outcome of a return visit escalated to them (FD-C)"},
        {"/reply", reply, Permission::cases_write, "Close a case at the desk with the reply given"},
        {"/archive", archive, Permission::cases_write, "Archive a replied or return-visited case"},
        {"/follow-up", follow_up, Permission::cases_write,
         "The desk adds a follow-up note; the department is told (FD-N)"},
        {"/responsibility", responsibility, Permission::cases_write, "Set whether a complaint is ours (FD-D)"},
    };
    for (const auto& d : defs) routes.add("POST", d.path, d.p, with_hooks(d.f), d.summary);
}

}  // namespace propdesk::desk
