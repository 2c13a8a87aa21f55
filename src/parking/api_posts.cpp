// Who is on post at which lane, and the peak-hour view the team lead deploys staff by (PK-10):
// passes per lane per local hour, each lot's occupancy, the staff on post.
#include <algorithm>
#include <array>
#include <boost/json.hpp>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/api_refs.hpp"
#include "parking/json.hpp"
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

std::optional<store::Post> post_of(db::Conn& c, int64_t site_id, int64_t user_id) {
    for (auto& p : store::posts_on_duty(c, site_id))
        if (p.user_id == user_id) return p;
    return std::nullopt;
}

Response take_post(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"lane_id"});
    int64_t lane_id = in.req_int("lane_id", 1, INT64_MAX);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_work);
        lane_ref(c, site_id, lane_id);
        auto before = post_of(c, site_id, req.principal.user_id);
        store::take_post(c, site_id, lane_id, req.principal.user_id, now);
        auto saved = json::post(*post_of(c, site_id, req.principal.user_id), zone);
        audit(c, req, now, site_id, "parking_post", saved.at("id").as_int64(), "take",
              before ? std::optional<bj::object>(json::post(*before, zone)) : std::nullopt, saved);
        return saved;
    });
    ctx.notify_changed();
    return http::json_response(out, 201);
}

Response leave_post(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body.empty() ? std::string_view("{}") : std::string_view(req.body), {});
    EpochMs now = ctx.clock.now_ms();
    ctx.db.write([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_work);
        auto before = post_of(c, site_id, req.principal.user_id);
        if (!before) return;  // already off post: nothing to record
        store::leave_post(c, site_id, req.principal.user_id, now);
        audit(c, req, now, site_id, "parking_post", before->id, "leave", json::post(*before, zone),
              bj::object{{"ended_at", timefmt::to_rfc3339(now, zone)}});
    });
    ctx.notify_changed();
    return Response::no_content();
}

// PK-10: the team lead deploys staff to posts: a member of the car park's staff onto a lane
// (ending their previous post), or off duty.
Response deploy(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"user_id", "lane_id"});
    int64_t user_id = in.req_int("user_id", 1, INT64_MAX);
    int64_t lane_id = in.req_int("lane_id", 1, INT64_MAX);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_release);
        lane_ref(c, site_id, lane_id);
        auto staff = car_park_staff(c, site_id);
        if (std::find(staff.begin(), staff.end(), user_id) == staff.end())
            throw AppError::invalid("not one of this car park's staff", "user_id");
        auto before = post_of(c, site_id, user_id);
        store::take_post(c, site_id, lane_id, user_id, now);
        auto saved = json::post(*post_of(c, site_id, user_id), zone);
        saved["deployed_by"] = req.principal.user_id;
        audit(c, req, now, site_id, "parking_post", saved.at("id").as_int64(), "deploy",
              before ? std::optional<bj::object>(json::post(*before, zone)) : std::nullopt, saved);
        alert(c, site_id, {user_id}, req.principal.user_id, "parking_deployed", "崗位調派",
              saved.at("lane_name").as_string().c_str(), "/parking/booth", now);
        return saved;
    });
    ctx.notify_changed();
    return http::json_response(out, 201);
}

Response end_post(Context& ctx, Request& req) {
    EpochMs now = ctx.clock.now_ms();
    ctx.db.write([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_release);
        auto post = store::post_by_id(c, site_id, req.id_param("pid"));
        if (!post) throw AppError::not_found("post");
        store::end_post(c, post->id, now);
        audit(c, req, now, site_id, "parking_post", post->id, "end", json::post(*post, zone),
              bj::object{{"ended_at", timefmt::to_rfc3339(now, zone)}, {"ended_by", req.principal.user_id}});
    });
    ctx.notify_changed();
    return Response::no_content();
}

// The local hour of t, 0…23. On the night the clocks go back the repeated hour counts twice into
// its bucket, which is what the barrier saw.
int local_hour(EpochMs t, const std::string& zone) {
    auto text = timefmt::to_rfc3339(t, zone);  // YYYY-MM-DDTHH:…
    return (text[11] - '0') * 10 + (text[12] - '0');
}

Response peak(Context& ctx, Request& req) {
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_read);
        std::string date = req.query_param("date").value_or("");
        if (date.empty()) date = timefmt::local_date(now, zone);
        auto from = timefmt::local_day_start(date, zone);
        if (!from) throw AppError::invalid("date must be a date YYYY-MM-DD", "date");
        EpochMs to = timefmt::next_day_start(*from, zone);
        auto lanes = store::lanes_of_site(c, site_id);
        std::vector<std::array<int64_t, 24>> hours(lanes.size(), std::array<int64_t, 24>{});
        for (const auto& pass : store::lane_passes(c, site_id, *from, to))
            for (size_t i = 0; i < lanes.size(); ++i)
                if (lanes[i].id == pass.lane_id) ++hours[i][static_cast<size_t>(local_hour(pass.at, zone))];
        bj::array lane_items;
        for (size_t i = 0; i < lanes.size(); ++i) {
            bj::array h;
            for (auto n : hours[i]) h.push_back(n);
            lane_items.push_back(bj::object{{"lane_id", lanes[i].id},
                                            {"name", lanes[i].name},
                                            {"direction", lanes[i].direction},
                                            {"hours", std::move(h)}});
        }
        bj::array lots;
        for (const auto& l : store::lots_of_site(c, site_id))
            lots.push_back(bj::object{{"lot_id", l.id},
                                      {"name", l.name},
                                      {"capacity", l.capacity},
                                      {"inside", store::inside_count(c, l.id)}});
        bj::array posts;
        for (const auto& p : store::posts_on_duty(c, site_id)) posts.push_back(json::post(p, zone));
        return bj::object{
            {"date", date}, {"lanes", std::move(lane_items)}, {"lots", std::move(lots)}, {"posts", std::move(posts)}};
    });
    return http::json_response(out);
}

}  // namespace

void register_post_routes(http::Router& router, Context& ctx) {
    Routes routes(router, ctx);
    routes.add("POST", "/posts", Permission::parking_work, take_post,
               "Go on post at a lane (ends the caller's previous post)");
    routes.add("POST", "/posts/leave", Permission::parking_work, leave_post, "Leave the caller's post");
    routes.add("POST", "/posts/deploy", Permission::parking_release, deploy,
               "The team lead puts a member of the car park's staff on post at a lane (PK-10)");
    routes.add("POST", "/posts/{pid}/end", Permission::parking_release, end_post,
               "The team lead takes someone off post (PK-10)");
    routes.add("GET", "/peak", Permission::parking_read, peak,
               "Passes per lane per local hour of a day, occupancy and the staff on post (PK-10)");
}

}  // namespace propdesk::parking
