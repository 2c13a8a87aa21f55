// The shift handover register 停車場值班交接班登記表 (FM-RW528, PK-11): the attendant hands over
// the kit and the cash counted, the next one takes over, the supervisor signs. The cash is set
// against every cash payment the system recorded at that post in the shift (the team lead's at a
// release included); a difference must be explained before the signature. One handover per post
// and shift.
#include <algorithm>
#include <boost/json.hpp>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/json.hpp"
#include "parking/rules.hpp"
#include "parking/store.hpp"
#include "platform/http/api_support.hpp"
#include "platform/json/json_in.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::parking {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;

struct Period {
    EpochMs start = 0, end = 0;
};

// The shift's local window; the night shift ends at 07:00 on the next local date.
Period shift_period(const std::string& date, const std::string& shift, const std::string& zone) {
    auto w = rules::shift_window(shift);
    if (!w) throw AppError::invalid("shift must be morning, afternoon or night", "shift");
    auto day = timefmt::local_day_start(date, zone);
    if (!day) throw AppError::invalid("shift_date must be a date YYYY-MM-DD", "shift_date");
    std::string end_date = date;
    if (w->end_minute <= w->start_minute) end_date = timefmt::local_date(timefmt::next_day_start(*day, zone), zone);
    auto start = timefmt::local_time(date, w->start_minute, zone);
    auto end = timefmt::local_time(end_date, w->end_minute, zone);
    if (!start || !end) throw AppError::invalid("shift_date must be a date YYYY-MM-DD", "shift_date");
    return {*start, *end};
}

std::string query_required(const Request& req, const char* name) {
    auto v = req.query_param(name);
    if (!v || v->empty()) throw AppError::invalid(std::string(name) + " is required", name);
    return *v;
}

Handover handover_in_path(db::Conn& c, int64_t site_id, const Request& req) {
    auto h = store::get_handover(c, req.id_param("hid"));
    if (!h || h->site_id != site_id) throw AppError::not_found("handover");
    return std::move(*h);
}

bj::array holds_of(db::Conn& c, int64_t site_id, const Period& p, const std::string& zone) {
    bj::array out;
    for (const auto& h : store::holds_between(c, site_id, p.start, p.end)) out.push_back(json::hold(h, zone));
    return out;
}

// PK-11: the car park's posts in the order of their lanes, each with the lanes whose takings it
// counts (a booth may serve several lanes).
std::vector<std::pair<std::string, std::vector<int64_t>>> posts_of_site(db::Conn& c, int64_t site_id) {
    std::vector<std::pair<std::string, std::vector<int64_t>>> out;
    for (const auto& l : store::lanes_of_site(c, site_id)) {
        auto name = rules::post_of_lane(l);
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == name; });
        if (it == out.end()) it = out.insert(out.end(), {name, {}});
        it->second.push_back(l.id);
    }
    return out;
}

// Every cash payment at the post in the shift, whoever took it (the attendant, or the team lead
// at a release): the lines behind system_cash_cents. None for a post that is not one.
std::vector<Visit> cash_of(db::Conn& c, int64_t site_id, const std::string& post, EpochMs from, EpochMs to) {
    for (const auto& [name, lanes] : posts_of_site(c, site_id))
        if (name == post) return store::cash_at_lanes(c, site_id, lanes, from, to);
    return {};
}

int64_t cash_total(const std::vector<Visit>& visits) {
    int64_t sum = 0;
    for (const auto& v : visits) sum += v.paid_cents;
    return sum;
}

bj::array cash_visits(db::Conn& c, const Handover& h, const std::string& zone) {
    bj::array out;
    for (const auto& v : cash_of(c, h.site_id, h.post, h.period_start, h.period_end))
        out.push_back(json::visit(v, zone));
    return out;
}

bj::object detail_of(db::Conn& c, const Handover& h, const std::string& zone) {
    auto o = json::handover(h, zone);
    o["holds"] = holds_of(c, h.site_id, {h.period_start, h.period_end}, zone);
    o["cash_visits"] = cash_visits(c, h, zone);
    return o;
}

// PK-11: the refusal of a second handover names the first: who handed it over and when.
Refusal already_handed(const Handover& other) {
    return not_now("handover_exists",
                   "this post's shift was already handed over (handover " + std::to_string(other.id) + ")")
        .with("handover_id", other.id)
        .with("name", other.handed_by_name)
        .with("shift_date", other.shift_date)
        .with("shift", other.shift)
        .with("post", other.post);
}

Response list_handovers(Context& ctx, Request& req) {
    auto page = http::page_params(req);
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::parking_read);
        zone = site.second;
        return store::list_handovers(c, site.first, page.after_id, page.limit + 1);
    });
    auto next = http::trim_id_page(rows, page.limit);
    bj::array items;
    for (const auto& h : rows) items.push_back(json::handover(h, zone));
    return http::page_response(std::move(items), next);
}

// The shift now in the site's zone: before 07:00 it is the night shift of the day before.
std::pair<std::string, std::string> current_shift(EpochMs now, const std::string& zone) {
    std::string date = timefmt::local_date(now, zone);
    int minute = static_cast<int>((now - *timefmt::local_day_start(date, zone)) / 60'000);
    std::string shift = rules::shift_at(minute);
    if (shift == "night" && minute < 12 * 60) date = timefmt::local_date(now - 12 * 3600'000, zone);
    return {date, shift};
}

// What the form will say for the caller as the hander, before it is filled in; without
// ?shift_date and ?shift, for the shift now; without ?post, for the caller's post now.
Response preview(Context& ctx, Request& req) {
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_work);
        auto [date, shift] = current_shift(ctx.clock.now_ms(), zone);
        if (req.query_param("shift_date") || req.query_param("shift")) {
            date = query_required(req, "shift_date");
            shift = query_required(req, "shift");
        }
        Period p = shift_period(date, shift, zone);
        auto posts = posts_of_site(c, site_id);
        std::string post = req.query_param("post").value_or("");
        if (post.empty())
            for (const auto& on : store::posts_on_duty(c, site_id))
                if (on.user_id == req.principal.user_id)
                    if (auto lane = store::get_lane(c, on.lane_id)) post = rules::post_of_lane(*lane);
        if (post.empty() && posts.size() == 1) post = posts.front().first;
        bj::array post_names;
        for (const auto& p : posts) post_names.push_back(bj::string(p.first));
        int64_t cash = post.empty() ? 0 : cash_total(cash_of(c, site_id, post, p.start, p.end));
        // PK-11: a shift and post already handed over is said before the form is filled in.
        auto existing = post.empty() ? std::nullopt : store::handover_of(c, site_id, date, shift, post);
        return bj::object{{"shift_date", date},
                          {"shift", shift},
                          {"post", post},
                          {"posts", std::move(post_names)},
                          {"period_start", timefmt::to_rfc3339(p.start, zone)},
                          {"period_end", timefmt::to_rfc3339(p.end, zone)},
                          {"system_cash_cents", cash},
                          {"holds", holds_of(c, site_id, p, zone)},
                          {"handover", existing ? bj::value(json::handover(*existing, zone)) : bj::value(nullptr)}};
    });
    return http::json_response(out);
}

Response create_handover(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"shift_date", "shift", "post", "duty_notes", "radios", "keys", "batons",
                                         "torches", "tickets", "cash_cents", "difference_note", "remarks"});
    Handover h;
    h.shift_date = in.req_string("shift_date", 10, 10);
    h.shift = in.req_enum("shift", {"morning", "afternoon", "night"});
    h.post = in.req_string("post", 1, 100);
    h.duty_notes = in.opt_string("duty_notes", 0, 4000).value_or("");
    constexpr int64_t kMaxCount = 10'000;
    h.radios = in.req_int("radios", 0, kMaxCount);
    h.keys = in.req_int("keys", 0, kMaxCount);
    h.batons = in.req_int("batons", 0, kMaxCount);
    h.torches = in.req_int("torches", 0, kMaxCount);
    h.tickets = in.req_int("tickets", 0, 1'000'000);
    h.cash_cents = in.req_int("cash_cents", 0, 1'000'000'000);
    h.difference_note = in.opt_string("difference_note", 0, 2000).value_or("");
    h.remarks = in.opt_string("remarks", 0, 2000).value_or("");
    h.status = "handed";
    h.handed_by = req.principal.user_id;
    EpochMs now = ctx.clock.now_ms();
    h.handed_at = now;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_work);
        h.site_id = site_id;
        Period p = shift_period(h.shift_date, h.shift, zone);
        if (p.start > now) throw AppError::invalid("that shift has not started yet", "shift_date");
        h.period_start = p.start;
        h.period_end = p.end;
        auto posts = posts_of_site(c, site_id);
        if (std::none_of(posts.begin(), posts.end(), [&](const auto& p) { return p.first == h.post; }))
            raise(invalid_value("not_one_of", "post", "the post is one of the car park's booths").with("post", h.post));
        // PK-11: one handover per post and shift. The unique index is the backstop for two sent
        // at once, and says the same: the second never reads as a database conflict.
        if (auto other = store::handover_of(c, site_id, h.shift_date, h.shift, h.post)) raise(already_handed(*other));
        h.system_cash_cents = cash_total(cash_of(c, site_id, h.post, p.start, p.end));
        try {
            h.id = store::insert_handover(c, h, now);
        } catch (const db::DbError& e) {
            if (e.kind() != db::ErrorKind::unique_violation) throw;
            raise(not_now("handover_exists", "this post's shift was already handed over")
                      .with("shift_date", h.shift_date)
                      .with("shift", h.shift)
                      .with("post", h.post));
        }
        auto saved = *store::get_handover(c, h.id);
        audit(c, req, now, site_id, "parking_handover", h.id, "create", std::nullopt, json::handover(saved, zone));
        return detail_of(c, saved, zone);
    });
    return http::record_response(out, out.at("version").as_int64(), 201);
}

Response get_handover(Context& ctx, Request& req) {
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_read);
        return detail_of(c, handover_in_path(c, site_id, req), zone);
    });
    return http::record_response(out, out.at("version").as_int64());
}

// Take and sign share the steps: If-Match, the rule, the stale check, the save and the audit.
// The rule is checked on the record as it is now, before the version: a refusal says its real
// reason (taken over already, signed already, your own shift), never "someone else changed it".
template <class F>
Response handover_step(Context& ctx,
                       Request& req,
                       Permission p,
                       std::initializer_list<std::string_view> fields,
                       const char* action,
                       F apply) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body.empty() ? std::string_view("{}") : std::string_view(req.body), fields);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, p);
        Handover h = handover_in_path(c, site_id, req);
        auto before = json::handover(h, zone);
        apply(c, in, h, site_id, now);
        if (h.version != expected) throw AppError::stale();
        h.status = rules::handover_status(h);
        if (!store::update_handover(c, h, expected, now)) throw AppError::stale();
        auto saved = *store::get_handover(c, h.id);
        audit(c, req, now, site_id, "parking_handover", h.id, action, before, json::handover(saved, zone));
        return detail_of(c, saved, zone);
    });
    return http::record_response(out, out.at("version").as_int64());
}

// PK-11: the attendant of the next shift takes over, before or after the supervisor signs.
Response take(Context& ctx, Request& req) {
    const auth::Principal& me = req.principal;
    return handover_step(ctx, req, Permission::parking_work, {}, "take",
                         [&me](db::Conn&, const propdesk::json::JsonIn&, Handover& h, int64_t site_id, EpochMs now) {
                             raise_refusal(rules::handover_take_refusal(
                                 h, me.user_id, me.holds(site_id, auth::Role::parking_attendant)));
                             h.taken_by = me.user_id;
                             h.taken_at = now;
                         });
}

// The supervisor signs what was handed over, with the system's cash figure as of now: a fee paid
// late in the shift is counted even if it came after the form was handed over. The team lead
// need not (and may not) take the shift over to sign it.
Response sign(Context& ctx, Request& req) {
    int64_t me = req.principal.user_id;
    return handover_step(ctx, req, Permission::parking_release, {"difference_note"}, "sign",
                         [me](db::Conn& c, const propdesk::json::JsonIn& in, Handover& h, int64_t, EpochMs now) {
                             std::string note = in.opt_string("difference_note", 0, 2000).value_or(h.difference_note);
                             int64_t system = cash_total(cash_of(c, h.site_id, h.post, h.period_start, h.period_end));
                             raise_refusal(rules::handover_sign_refusal(h, me, system, note));
                             h.difference_note = note;
                             h.system_cash_cents = system;
                             h.supervisor_id = me;
                             h.signed_at = now;
                         });
}

}  // namespace

void register_handover_routes(http::Router& router, Context& ctx) {
    Routes routes(router, ctx);
    routes.add("GET", "/handovers", Permission::parking_read, list_handovers,
               "Shift handovers (FM-RW528), newest first");
    routes.add("GET", "/handovers/preview", Permission::parking_work, preview,
               "The caller's shift: its period, the cash the system recorded and the held vehicles");
    routes.add("POST", "/handovers", Permission::parking_work, create_handover,
               "Hand over a shift: kit, notes and the cash counted");
    routes.add("GET", "/handovers/{hid}", Permission::parking_read, get_handover,
               "A handover with the shift's held vehicles and cash stays");
    routes.add("POST", "/handovers/{hid}/take", Permission::parking_work, take,
               "Take over the shift (another attendant)");
    routes.add("POST", "/handovers/{hid}/sign", Permission::parking_release, sign,
               "The supervisor signs; a cash difference must be explained");
}

}  // namespace propdesk::parking
