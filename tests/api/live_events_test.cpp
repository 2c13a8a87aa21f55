// The bell and its live channel: notifications through the API, pushed over WebSocket.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

#include "support/api_helpers.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace bj = boost::json;

// On the system clock, not ApiTest's manual one: nothing here turns on the time.
class LiveEvents : public ::testing::TestWithParam<db::Backend> {
  protected:
    LiveEvents() : server_(GetParam()) {}

    // Opens /api/v1/events with the client's cookie; returns the HTTP status if refused.
    struct Socket {
        net::io_context ioc;
        websocket::stream<beast::tcp_stream> ws{ioc};
        int refused_status = 0;
        std::string next() {
            beast::flat_buffer buf;
            beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(5));
            ws.read(buf);
            return beast::buffers_to_string(buf.data());
        }
    };
    std::unique_ptr<Socket> open(const HttpClient& c, const std::string& origin) {
        auto s = std::make_unique<Socket>();
        beast::get_lowest_layer(s->ws).connect({net::ip::make_address("127.0.0.1"), server_.port()});
        std::string cookie = c.cookie_header();
        s->ws.set_option(websocket::stream_base::decorator([cookie, origin](websocket::request_type& req) {
            if (!cookie.empty()) req.set(beast::http::field::cookie, cookie);
            if (!origin.empty()) req.set(beast::http::field::origin, origin);
        }));
        websocket::response_type res;
        beast::error_code ec;
        s->ws.handshake(res, "127.0.0.1:" + std::to_string(server_.port()), "/api/v1/events", ec);
        if (ec) s->refused_status = res.result_int();
        return s;
    }
    std::string own_origin() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }

    TestServer server_;
};

TEST_P(LiveEvents, TestNotificationArrivesLiveAndRaisesTheUnreadCount) {
    auto c = server_.signed_in("frontdesk");
    auto socket = open(c, own_origin());
    ASSERT_EQ(socket->refused_status, 0);
    EXPECT_EQ(socket->next(), R"({"type":"hello"})");
    EXPECT_EQ(c.get("/api/v1/notifications/unread-count").json().at("count"), 0);

    auto sent = c.post("/api/v1/notifications/test", "");
    ASSERT_EQ(sent.status, 201);
    auto event = bj::parse(socket->next());
    EXPECT_EQ(event.at("type"), "notification");
    EXPECT_EQ(event.at("notification").at("id"), sent.json().at("id"));
    EXPECT_EQ(event.at("notification").at("kind"), "test");
    EXPECT_EQ(c.get("/api/v1/notifications/unread-count").json().at("count"), 1);
}

TEST_P(LiveEvents, OneUsersNotificationsStayTheirs) {
    auto desk = server_.signed_in("frontdesk");
    auto butler = server_.signed_in("butler");
    auto sent = desk.post("/api/v1/notifications/test", "");
    int64_t id = id_of(sent);
    EXPECT_EQ(butler.get("/api/v1/notifications").json().at("items").as_array().size(), 0u);
    EXPECT_EQ(butler.post(path("/api/v1/notifications/", id, "/read"), "").status, 404);
    EXPECT_EQ(desk.post(path("/api/v1/notifications/", id, "/read"), "").status, 204);
    EXPECT_EQ(desk.get("/api/v1/notifications/unread-count").json().at("count"), 0);
    auto list = desk.get("/api/v1/notifications").json();
    EXPECT_EQ(list.at("items").at(0).at("read"), true);
}

TEST_P(LiveEvents, ReadAllClearsTheCountAndListsPageNewestFirst) {
    auto c = server_.signed_in("assistant");
    for (int i = 0; i < 3; ++i) c.post("/api/v1/notifications/test", "");
    auto first = c.get("/api/v1/notifications?limit=2").json();
    ASSERT_EQ(first.at("items").as_array().size(), 2u);
    EXPECT_GT(first.at("items").at(0).at("id").as_int64(), first.at("items").at(1).at("id").as_int64());
    std::string cursor = str(first.at("next_cursor"));
    auto rest = c.get("/api/v1/notifications?limit=2&cursor=" + cursor).json();
    EXPECT_EQ(rest.at("items").as_array().size(), 1u);
    EXPECT_TRUE(rest.at("next_cursor").is_null());
    EXPECT_EQ(c.post("/api/v1/notifications/read-all", "").status, 204);
    EXPECT_EQ(c.get("/api/v1/notifications/unread-count").json().at("count"), 0);
}

TEST_P(LiveEvents, UpgradeWithoutASessionIsRefused) {
    auto c = server_.client();
    auto socket = open(c, own_origin());
    EXPECT_EQ(socket->refused_status, 401);
}

TEST_P(LiveEvents, UpgradeFromAForeignOriginIsRefused) {
    auto c = server_.signed_in("frontdesk");
    auto socket = open(c, "https://evil.example");
    EXPECT_EQ(socket->refused_status, 403);
}

TEST_P(LiveEvents, PlainGetOfTheEventsPathAsksForAnUpgrade) {
    auto c = server_.signed_in("frontdesk");
    auto r = c.get("/api/v1/events");
    EXPECT_EQ(r.status, 426);
    EXPECT_EQ(r.header("upgrade"), "websocket");
}

TEST_P(LiveEvents, FD_N_TheDesksFollowUpReachesTheDepartmentAndItsAcceptanceTheDeskLive) {
    auto desk = server_.signed_in("frontdesk");
    auto eng = server_.signed_in("enghead");
    auto eng_socket = open(eng, own_origin());
    auto desk_socket = open(desk, own_origin());
    ASSERT_EQ(eng_socket->refused_status, 0);
    ASSERT_EQ(desk_socket->refused_status, 0);
    EXPECT_EQ(eng_socket->next(), R"({"type":"hello"})");
    EXPECT_EQ(desk_socket->next(), R"({"type":"hello"})");
    auto dept = desk.get("/api/v1/sites/1/departments?kind=engineering").json().at("items").at(0).at("id");
    auto v = desk.post("/api/v1/sites/1/cases", bj::serialize(case_body("other", "水管漏水"))).json();
    auto step = [&](HttpClient& c, const std::string& action, const bj::object& body) {
        auto r = c.post(path("/api/v1/cases/", id_of(v), "/" + action), bj::serialize(body),
                        {{"If-Match", "\"" + std::to_string(v.at("version").as_int64()) + "\""}});
        EXPECT_EQ(r.status, 200) << r.body;
        v = r.json();
    };
    step(desk, "dispatch", {{"department_id", dept}});
    EXPECT_EQ(bj::parse(eng_socket->next()).at("notification").at("kind"), "case_dispatched");
    step(desk, "follow-up", {{"note", "住戶催促"}});
    auto followed = bj::parse(eng_socket->next());
    EXPECT_EQ(followed.at("notification").at("kind"), "case_follow_up");
    EXPECT_EQ(followed.at("notification").at("body"), "住戶催促");
    step(eng, "accept", {});
    EXPECT_EQ(bj::parse(desk_socket->next()).at("notification").at("kind"), "case_accepted");
    step(eng, "progress", {{"note", "今晚更換"}});
    EXPECT_EQ(bj::parse(desk_socket->next()).at("notification").at("kind"), "case_progress");
}

INSTANTIATE_TEST_SUITE_P(Backends, LiveEvents, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
