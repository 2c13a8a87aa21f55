// Incidents (PK-9): gate crashers and abandoned cars go to the police, military/police plates to
// the responsible department; each records who was told, when, and how it ended.
#include <boost/json.hpp>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/api_refs.hpp"
#include "parking/json.hpp"
#include "parking/rules.hpp"
#include "parking/store.hpp"
#include "platform/files/evidence.hpp"
#include "platform/http/api_support.hpp"
#include "platform/json/json_in.hpp"
#include "platform/text/text.hpp"

namespace propdesk::parking {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;

// A report may be written a little after the fact, never about the future; a few minutes of
// drift between the booth's clock and the server's are allowed.
constexpr int64_t kClockSlackMs = 5 * 60'000;

// The bell's text, in the site's default language; the web app shows its own by kind.
std::string kind_text(const std::string& kind) {
    if (kind == "gate_crash") return "強行沖卡";
    if (kind == "abandoned") return "棄車";
    return "軍警車輛";
}

Incident incident_in_path(db::Conn& c, int64_t site_id, const Request& req) {
    auto i = store::get_incident(c, req.id_param("iid"));
    if (!i || i->site_id != site_id) throw AppError::not_found("incident");
    return std::move(*i);
}

Response list_incidents(Context& ctx, Request& req) {
    std::string kind = req.query_param("kind").value_or("");
    if (!kind.empty() && !text::is_one_of(kind, kIncidentKinds))
        throw AppError::invalid("unknown kind: " + kind, "kind");
    std::string status = status_filter(req, {"open", "closed"});
    return site_page(
        ctx, req, Permission::parking_read,
        [&](db::Conn& c, int64_t site_id, int64_t after, int limit) {
            return store::list_incidents(c, site_id, kind, status, after, limit);
        },
        json::incident);
}

Response create_incident(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"kind", "plate", "lane_id", "visit_id", "occurred_at", "description",
                                         "authority", "snapshot_file_id", "event_id"});
    EpochMs now = ctx.clock.now_ms();
    Incident i;
    i.kind = in.req_enum("kind", {"gate_crash", "abandoned", "military_police"});
    i.plate = in.req_string("plate", 0, 20);  // may be empty: a crasher's plate is not always read
    i.lane_id = in.opt_int("lane_id", 1, INT64_MAX);
    i.visit_id = in.opt_int("visit_id", 1, INT64_MAX);
    i.occurred_at = in.opt_time("occurred_at").value_or(now);
    if (i.occurred_at > now + kClockSlackMs) throw AppError::invalid("occurred_at is in the future", "occurred_at");
    i.description = in.req_string("description", 1, 4000);
    i.authority = in.opt_string("authority", 0, 200).value_or("");
    i.snapshot_file_id = in.opt_int("snapshot_file_id", 1, INT64_MAX);
    i.event_id = in.opt_int("event_id", 1, INT64_MAX);
    i.status = "open";
    i.recorded_by = req.principal.user_id;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_work);
        i.site_id = site_id;
        if (i.lane_id) lane_ref(c, site_id, *i.lane_id);
        if (i.visit_id) {
            auto v = store::get_visit(c, *i.visit_id);
            if (!v || v->site_id != site_id) throw AppError::invalid("no such stay in this site", "visit_id");
            if (i.plate.empty()) i.plate = v->plate;
        }
        // The camera's picture of that event is the evidence of a crash; it is shown through the event.
        if (i.event_id && !store::event_in_site(c, site_id, *i.event_id))
            throw AppError::invalid("no such camera event in this site", "event_id");
        i.id = store::insert_incident(c, i, now);
        if (i.snapshot_file_id)
            files::claim(c, site_id, *i.snapshot_file_id, {"photo"}, {"parking_incident", i.id, "snapshot"},
                         "snapshot_file_id", now);
        auto saved = json::incident(*store::get_incident(c, i.id), zone);
        audit(c, req, now, site_id, "parking_incident", i.id, "create", std::nullopt, saved);
        alert(c, site_id, team_leads(c, site_id), req.principal.user_id, "parking_incident", "停車場事件",
              kind_text(i.kind) + " " + i.plate, "/parking/incidents/" + std::to_string(i.id), now);
        return saved;
    });
    ctx.notify_changed();
    return http::record_response(out, out.at("version").as_int64(), 201);
}

Response get_incident(Context& ctx, Request& req) {
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_read);
        return json::incident(incident_in_path(c, site_id, req), zone);
    });
    return http::record_response(out, out.at("version").as_int64());
}

Response update_incident(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body.empty() ? std::string_view("{}") : std::string_view(req.body),
                              {"authority", "authority_notified", "outcome", "close"});
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_work);
        Incident i = incident_in_path(c, site_id, req);
        // Closed already is the real reason, whatever version the caller read.
        if (i.status == "closed") raise(not_now("incident_closed", "the incident is already closed"));
        if (i.version != expected) throw AppError::stale();
        auto before = json::incident(i, zone);
        i.authority = in.opt_string("authority", 0, 200).value_or(i.authority);
        if (auto notified = in.opt_bool("authority_notified")) {
            // The first time told is what counts; saying "not told" clears a mistaken tick.
            if (!*notified)
                i.authority_notified_at.reset();
            else if (!i.authority_notified_at)
                i.authority_notified_at = now;
        }
        i.outcome = in.opt_string("outcome", 0, 4000).value_or(i.outcome);
        if (in.opt_bool("close").value_or(false)) {
            raise_refusal(rules::incident_close_refusal(i, i.outcome));
            i.status = "closed";
            i.closed_by = req.principal.user_id;
            i.closed_at = now;
        }
        if (!store::update_incident(c, i, expected, now)) throw AppError::stale();
        auto saved = json::incident(*store::get_incident(c, i.id), zone);
        audit(c, req, now, site_id, "parking_incident", i.id, i.status == "closed" ? "close" : "update", before, saved);
        return saved;
    });
    return http::record_response(out, out.at("version").as_int64());
}

}  // namespace

void register_incident_routes(http::Router& router, Context& ctx) {
    Routes routes(router, ctx);
    routes.add("GET", "/incidents", Permission::parking_read, list_incidents,
               "Car park incidents, newest first; ?kind= ?status=");
    routes.add("POST", "/incidents", Permission::parking_work, create_incident,
               "Record a gate crash, abandoned car or military/police plate (PK-9)");
    routes.add("GET", "/incidents/{iid}", Permission::parking_read, get_incident, "An incident");
    routes.add("POST", "/incidents/{iid}/update", Permission::parking_work, update_incident,
               "Note who was told and the outcome, or close the incident");
}

}  // namespace propdesk::parking
