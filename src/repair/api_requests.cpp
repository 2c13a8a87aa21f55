// The repair register (客戶請修登記表, MT-3.1): registering a request from a call, a visit or a
// desk case, finding requests, a technician's jobs, and one job with its flow sheet.
#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "desk/actions.hpp"
#include "desk/api_common.hpp"
#include "desk/rules.hpp"
#include "desk/store.hpp"
#include "org/rules.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"
#include "platform/json/json_in.hpp"
#include "platform/lifecycle/step.hpp"
#include "platform/report/period.hpp"
#include "platform/search/fold.hpp"
#include "platform/text/text.hpp"
#include "platform/time/zone.hpp"
#include "repair/api.hpp"
#include "repair/api_common.hpp"
#include "repair/json.hpp"
#include "repair/store.hpp"

namespace propdesk::repair {

namespace bj = boost::json;
using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;

bj::object repair_detail(
    db::Conn& c, const Repair& r, const std::string& zone, const auth::Principal& who, EpochMs now) {
    bj::object o = json::repair_record(r, zone, now);
    bj::array events, arrivals, materials, charges, quote_lines, actions;
    for (const auto& e : store::events_of_repair(c, r.id)) events.push_back(json::event(e, zone));
    for (const auto& a : store::arrivals_of(c, r.id)) arrivals.push_back(json::arrival(a, zone));
    for (const auto& m : store::materials_of(c, r.id)) materials.push_back(json::material(m, zone));
    for (const auto& l : store::charges_of(c, r.id)) charges.push_back(json::charge(l));
    if (r.proposed_at)
        for (const auto& l : store::quote_lines_of(c, r.id)) quote_lines.push_back(json::charge(l));
    for (auto a : allowed_actions(r, who)) actions.push_back(bj::string(rules::action_name(a)));
    o["events"] = std::move(events);
    o["arrivals"] = std::move(arrivals);
    o["materials"] = std::move(materials);
    o["charges"] = std::move(charges);
    o["quote_lines"] = std::move(quote_lines);
    o["actions"] = std::move(actions);
    o["policy"] = bj::object{{"min_wait_minutes", store::get_policy(c, r.site_id).min_wait_minutes}};
    return o;
}

namespace {

// Repairs go to the site's engineering department; a site without one takes none (409).
int64_t engineering(db::Conn& c, int64_t site_id) {
    auto d = store::engineering_department(c, site_id);
    if (!d) throw AppError(409, "illegal_state", "the site has no engineering department to send repairs to", "");
    return *d;
}

void take_caller(Repair& r, const desk::Case& v) {
    r.channel = v.channel;
    r.unit_id = v.unit_id;
    r.unit_label = v.unit_label;
    r.caller_name = v.caller_name;
    r.caller_phone = v.caller_phone;
}

// The job written to the register with its first event; engineering hears of it and the
// creation is audited. Returns it as stored.
Repair register_job(db::Conn& c, const Request& req, Repair r, EpochMs now, const std::string& zone) {
    r.id = store::insert_repair(c, r, now);
    store::add_event(c, r.id, std::nullopt, "recorded", r.created_by, r.mode, now);
    auto saved = *store::get_repair(c, r.id);
    alert(c, saved, {"repair_new", "新請修 " + rules::repair_number(r.id), r.description},
          engineering_heads(c, r.site_id), r.created_by, now);
    audit_repair(c, req, now, saved, "create", std::nullopt, zone);
    return saved;
}

Response list_repairs(Context& ctx, Request& req) {
    auto page = http::page_params(req);
    store::RepairQuery q;
    q.limit = page.limit + 1;
    q.before_id = page.after_id;
    q.q = page.q;
    if (auto phone = org::rules::normalise_phone(q.q)) q.q = *phone;
    for (const auto& s : http::query_list(req, "status"))
        if (!text::is_one_of(s, kStatuses)) throw AppError::invalid("unknown status: " + s, "status");
    q.statuses = http::query_list(req, "status");
    if (auto m = req.query_param("mode")) {
        if (!text::is_one_of(*m, kModes)) throw AppError::invalid("mode is immediate or appointment", "mode");
        q.mode = *m;
    }
    q.technician_id = http::id_query(req, "technician_id");
    q.unit_id = http::id_query(req, "unit_id");
    EpochMs now = ctx.clock.now_ms();
    if (auto o = req.query_param("overdue")) {
        if (*o != "true" && *o != "false") throw AppError::invalid("overdue must be true or false", "overdue");
        if (*o == "true") q.overdue_at = now;
    }
    bool with_total = http::wants_total(req);
    std::optional<int64_t> total;
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::repairs_read);
        q.site_id = site.first;
        zone = site.second;
        q.from = report::day_param(req, "from", zone, false);
        q.to = report::day_param(req, "to", zone, true);
        if (with_total) total = store::count_repairs(c, q);
        return store::list_repairs(c, q);
    });
    auto next = http::trim_id_page(rows, page.limit);
    return http::page_text_response(
        [&](propdesk::json::Writer& w) {
            for (const auto& r : rows) json::write_repair(w, r, zone, now);
        },
        next, total);
}

// MT-3.1: a repair call taken directly: its desk case (category repair, read back like any
// intake) is recorded and dispatched to engineering with the job, in one transaction. A repair
// case already recorded at the desk becomes its request with raise_repair instead.
Response create_repair(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"channel", "unit_id", "resident_id", "caller_name", "caller_phone",
                                         "description", "read_back_confirmed", "location", "simple", "mode", "slot"});
    EpochMs now = ctx.clock.now_ms();
    Repair r;
    r.requested_at = now;
    r.created_by = req.principal.user_id;
    r.created_by_name = req.principal.name;
    r.location = in.opt_string("location", 0, 200).value_or("");
    r.simple = in.opt_bool("simple").value_or(false);
    std::string zone;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::repairs_write);
        r.site_id = site.first;
        zone = site.second;
        schedule(r, in, zone, now, now);
        engineering(c, r.site_id);
        desk::Case v;
        v.site_id = r.site_id;
        v.category = "repair";
        desk::detail::read_intake(v, in, "description");
        desk::detail::complete_caller(c, v);
        v.recorded_by = r.created_by;
        v.read_back_at = now;
        v.due_at = v.target_due_at = desk::rules::due_at(now, desk::store::get_policy(c, v.site_id), "repair");
        v.created_at = v.updated_at = now;
        v.id = desk::store::insert_case(c, v, now);
        desk::store::add_event(c, v.id, "recorded", r.created_by, std::nullopt, v.channel, now);
        desk::detail::audit_case(c, req, now, v, "create", std::nullopt, zone);
        r.case_id = v.id;
        take_caller(r, v);
        r.description = v.content;
        auto saved = register_job(c, req, r, now, zone);
        case_follows(c, req, saved, "registered", now, zone);
        return repair_detail(c, saved, zone, req.principal, now);
    });
    ctx.notify_changed();
    int64_t version = out.at("version").as_int64();
    return http::record_response(out, version, 201);
}

// FD-B / MT-3.1: a repair case recorded at the desk becomes its repair request in one step (a
// repair is never dispatched as a plain case): the job takes the case's caller, unit and
// content, its 30 minutes count from the call (when the case was recorded), and the case is
// dispatched to engineering, each linked to the other. Answers the case, as its other steps do.
Response raise_repair(Context& ctx, Request& req) {
    return lifecycle::take<desk::Case>(
        ctx, req, desk::case_kind(), {"mode", "slot", "location", "simple", "description"},
        [](const propdesk::json::JsonIn&) { return desk::case_gate(desk::rules::Action::raise_repair); },
        [](lifecycle::Step<desk::Case>& s) {
            int64_t department = engineering(s.c, s.r.site_id);
            auto zone = zone_of(s.c, s.r.site_id);
            Repair r;
            r.site_id = s.r.site_id;
            r.case_id = s.r.id;
            r.requested_at = s.r.created_at;
            r.created_by = s.actor;
            r.location = s.in.opt_string("location", 0, 200).value_or("");
            r.simple = s.in.opt_bool("simple").value_or(false);
            schedule(r, s.in, zone, s.now, r.requested_at);
            take_caller(r, s.r);
            r.description = s.in.opt_string("description", 0, 2000).value_or("");
            if (r.description.empty()) r.description = s.r.content;
            auto saved = register_job(s.c, s.req, r, s.now, zone);
            s.r = rules::raised_case(s.r, saved.id, s.now, desk::store::get_policy(s.c, s.r.site_id), department);
            desk::store::add_event(s.c, s.r.id, "dispatched", s.actor, s.r.department_id,
                                   "請修單 " + rules::repair_number(saved.id), s.now);
        });
}

Response get_repair(Context& ctx, Request& req) {
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto r = repair_in_path(c, req);
        return repair_detail(c, r, zone_of(c, r.site_id), req.principal, now);
    });
    int64_t version = out.at("version").as_int64();
    return http::record_response(out, version);
}

// "j<due_at>.<id>": where a page of a technician's jobs (in deadline order) ended.
std::string jobs_cursor(const Repair& last) {
    return "j" + std::to_string(last.due_at) + "." + std::to_string(last.id);
}

std::optional<store::JobsAfter> jobs_after(const Request& req) {
    auto c = req.query_param("cursor");
    if (!c || c->empty()) return std::nullopt;
    store::JobsAfter after;
    auto dot = c->find('.');
    bool ok = c->front() == 'j' && dot != std::string::npos;
    if (ok) {
        auto due = std::from_chars(c->data() + 1, c->data() + dot, after.due_at);
        auto id = std::from_chars(c->data() + dot + 1, c->data() + c->size(), after.id);
        ok = due.ec == std::errc() && due.ptr == c->data() + dot && id.ec == std::errc() &&
             id.ptr == c->data() + c->size() && after.id > 0;
    }
    if (!ok) throw AppError::invalid("cursor is not one this server gave out", "cursor");
    return after;
}

// The technician's phone page: their open jobs, the earliest deadline first, a phone screen's
// worth at a time (?limit, default 20; next_cursor for the rest).
Response my_jobs(Context& ctx, Request& req) {
    bool all = req.query_param("all").value_or("false") == "true";
    int limit = 20;
    if (auto l = req.query_param("limit")) {
        int n = 0;
        auto r = std::from_chars(l->data(), l->data() + l->size(), n);
        if (r.ec != std::errc() || r.ptr != l->data() + l->size() || n < 1 || n > 200)
            throw AppError::invalid("limit must be between 1 and 200", "limit");
        limit = n;
    }
    auto after = jobs_after(req);
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    std::vector<Repair> rows;
    ctx.db.read([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::repairs_work);
        zone = site.second;
        rows = store::open_jobs(c, site.first, req.principal.user_id, limit + 1, after);
    });
    std::optional<std::string> next;
    if (static_cast<int>(rows.size()) > limit) {
        rows.resize(static_cast<size_t>(limit));
        next = jobs_cursor(rows.back());
    }
    if (all && !next) {  // the finished ones follow the last page of open ones
        ctx.db.read([&](db::Conn& c) {
            auto done = store::recent_jobs(c, req.id_param("site_id"), req.principal.user_id, 50);
            rows.insert(rows.end(), done.begin(), done.end());
        });
    }
    return http::page_text_response(
        [&](propdesk::json::Writer& w) {
            for (const auto& r : rows) json::write_repair(w, r, zone, now);
        },
        next);
}

// The assign and work-order pickers: engineering may not read the staff list, but must see who
// it can give work to — their login, their open jobs today and when they are next free (the
// rules' workload over the site's open jobs, in one read).
Response list_workers(Context& ctx, Request& req) {
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::repairs_read);
        const std::string& zone = site.second;
        EpochMs day_end =
            timefmt::next_day_start(*timefmt::local_day_start(timefmt::local_date(now, zone), zone), zone);
        auto jobs = store::site_open_jobs(c, site.first);
        bj::array items;
        for (const auto& w : store::workers(c, site.first)) {
            std::vector<Repair> theirs;
            std::copy_if(jobs.begin(), jobs.end(), std::back_inserter(theirs),
                         [&](const Repair& r) { return r.technician_id == w.id; });
            auto load = rules::workload(theirs, now, day_end);
            items.push_back(bj::object{{"id", w.id},
                                       {"name", w.name},
                                       {"role", w.role},
                                       {"login", w.login},
                                       {"open_jobs_today", load.open_today},
                                       {"next_free_at", timefmt::to_rfc3339(load.next_free_at, zone)}});
        }
        return bj::object{{"items", std::move(items)}, {"next_cursor", nullptr}};
    });
    return Response::json(200, bj::serialize(out));
}

}  // namespace

void register_request_routes(http::Router& router, Context& ctx) {
    http::RouteTable routes(router, ctx);
    routes.add("GET", "/sites/{site_id}/repairs", Permission::repairs_read, list_repairs,
               "Search the repair register (MT-3.1)");
    routes.add("POST", "/sites/{site_id}/repairs", Permission::repairs_write, create_repair,
               "Register a repair request: immediate (30 minutes) or by appointment (MT-3.1)");
    routes.add("POST", "/cases/{id}/raise-repair", Permission::repairs_write, raise_repair,
               "A desk repair case becomes its repair request, linked both ways (FD-B, MT-3.1)");
    routes.add("GET", "/repairs/{id}", Permission::signed_in, get_repair,
               "A repair job with its flow sheet, timeline, arrivals, materials, charges and allowed steps");
    routes.add("GET", "/sites/{site_id}/technicians", Permission::repairs_read, list_workers,
               "The site's technicians and engineering team leads, for assigning jobs and work orders");
    routes.add("GET", "/sites/{site_id}/my-jobs", Permission::repairs_work, my_jobs,
               "The signed-in technician's open jobs, the earliest deadline first");
}

}  // namespace propdesk::repair
