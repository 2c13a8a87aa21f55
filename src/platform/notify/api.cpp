#include "platform/notify/api.hpp"

#include "platform/http/route_table.hpp"

#include <boost/json.hpp>

#include "platform/error.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"
#include "platform/notify/notify.hpp"

namespace propdesk::notify {
namespace {

namespace bj = boost::json;
using http::Request;
using http::Response;

Response list(Context& ctx, Request& req) {
    auto page = http::page_params(req);
    auto items = ctx.db.read_value(
        [&](db::Conn& c) { return list_for_user(c, req.principal.user_id, page.after_id, page.limit + 1); });
    std::optional<std::string> next;
    if (static_cast<int>(items.size()) > page.limit) {
        items.pop_back();
        next = http::id_cursor(items.back().id);  // newest first: the next page is below this id
    }
    bj::array out;
    for (const auto& n : items) out.push_back(bj::parse(to_json(n)));
    return http::page_response(std::move(out), next);
}

Response count_unread(Context& ctx, Request& req) {
    auto n = ctx.db.read_value([&](db::Conn& c) { return unread_count(c, req.principal.user_id); });
    return http::json_response(bj::object{{"count", n}});
}

Response read_one(Context& ctx, Request& req) {
    int64_t id = req.id_param("id");
    bool found =
        ctx.db.write_value([&](db::Conn& c) { return mark_read(c, req.principal.user_id, id, ctx.clock.now_ms()); });
    if (!found) throw AppError::not_found("notification");
    return Response::no_content();
}

Response read_all(Context& ctx, Request& req) {
    ctx.db.write([&](db::Conn& c) { mark_all_read(c, req.principal.user_id, ctx.clock.now_ms()); });
    return Response::no_content();
}

// Proves the live channel end to end: a row written here reaches the user's open pages.
Response send_test(Context& ctx, Request& req) {
    auto n = ctx.db.write_value([&](db::Conn& c) {
        NewNotification nn{req.principal.user_id, std::nullopt, "test", "test notification", "", ""};
        auto id = create(c, nn, ctx.clock.now_ms());
        return list_for_user(c, req.principal.user_id, id + 1, 1).front();
    });
    ctx.notify_changed();
    return http::json_response(bj::parse(to_json(n)), 201);
}

Response upgrade_required(Context&, Request&) {
    AppError e(426, "upgrade_required", "open this path as a WebSocket");
    e.headers.emplace_back("Upgrade", "websocket");
    throw e;
}

}  // namespace

void register_routes(http::Router& router, Context& ctx) {
    using auth::Permission;
    http::RouteTable routes(router, ctx);
    routes.add("GET", "/notifications", Permission::signed_in, list, "My notifications, newest first");
    routes.add("GET", "/notifications/unread-count", Permission::signed_in, count_unread,
               "How many of my notifications are unread");
    routes.add("POST", "/notifications/{id}/read", Permission::signed_in, read_one, "Mark a notification read", 0);
    routes.add("POST", "/notifications/read-all", Permission::signed_in, read_all, "Mark all my notifications read", 0);
    routes.add("POST", "/notifications/test", Permission::signed_in, send_test,
               "Send myself a test notification (proves the live channel)", 0);
    // The page's WebSocket upgrades before routing; a plain GET of it gets 426.
    routes.add("GET", std::string(kEventsPath).substr(std::string_view("/api/v1").size()), Permission::signed_in,
               upgrade_required, "Live events over WebSocket");
}

}  // namespace propdesk::notify
