// The HTTP listener on its own: limits, timeouts, saturation and graceful shutdown, with a
// router of test routes (no database).
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "platform/http/server.hpp"
#include "support/test_server.hpp"

namespace propdesk::http {
namespace {

using namespace std::chrono_literals;
namespace net = boost::asio;

class ServerTest : public ::testing::Test {
  protected:
    void start(ServerConfig cfg, std::optional<StaticFiles> files = std::nullopt) {
        router_.add({"GET", "/fast", Access::public_route, auth::Permission::signed_in,
                     [](Request&) { return Response::json(200, R"({"ok":true})"); }, 0, "fast"});
        router_.add({"GET", "/slow", Access::public_route, auth::Permission::signed_in,
                     [this](Request&) {
                         ++slow_started_;
                         std::this_thread::sleep_for(slow_for_);
                         return Response::json(200, R"({"slow":true})");
                     },
                     0, "slow"});
        router_.add({"POST", "/small", Access::public_route, auth::Permission::signed_in,
                     [this](Request& r) {
                         ++small_handled_;
                         return Response::json(200, std::to_string(r.body.size()));
                     },
                     1024, "small"});
        router_.add({"GET", "/secret", Access::user, auth::Permission::signed_in,
                     [](Request&) { return Response::json(200, "{}"); }, 0, "needs a user"});
        pipeline_ = std::make_unique<Pipeline>(
            router_, [](Request&, const Route&) { throw AppError::unauthenticated(); }, std::move(files));
        cfg.port = 0;
        cfg.handle_signals = false;
        server_ = std::make_unique<Server>(cfg, *pipeline_, metrics_);
        port_ = server_->start();
        thread_ = std::thread([this] { server_->run(); });
    }
    void TearDown() override {
        if (thread_.joinable()) {
            server_->stop();
            thread_.join();
        }
    }
    testing::HttpClient client() { return testing::HttpClient(port_); }
    void wait_for_slow(int n) {
        for (int i = 0; i < 500 && slow_started_ < n; ++i) std::this_thread::sleep_for(2ms);
    }

    Router router_;
    Metrics metrics_;
    std::unique_ptr<Pipeline> pipeline_;
    std::unique_ptr<Server> server_;
    std::thread thread_;
    uint16_t port_ = 0;
    std::atomic<int> slow_started_{0};
    std::atomic<int> small_handled_{0};
    std::chrono::milliseconds slow_for_{300};
};

TEST_F(ServerTest, GracefulShutdownFinishesTheRequestInFlight) {
    start({});
    auto in_flight = std::async(std::launch::async, [this] { return client().get("/slow"); });
    wait_for_slow(1);
    server_->stop();
    auto r = in_flight.get();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"slow":true})");
    EXPECT_EQ(r.header("connection"), "close");
    thread_.join();
    // Stopped means stopped: nothing listens any more.
    EXPECT_THROW(client().get("/fast"), std::exception);
}

TEST_F(ServerTest, SaturatedWorkerPoolAnswers503WithRetryAfterInsteadOfWaiting) {
    ServerConfig cfg;
    cfg.workers = 1;
    cfg.max_queued = 1;
    start(cfg);
    auto busy = std::async(std::launch::async, [this] { return client().get("/slow"); });
    wait_for_slow(1);
    auto queued = std::async(std::launch::async, [this] { return client().get("/slow"); });
    std::this_thread::sleep_for(50ms);  // the second one waits in the queue
    auto refused = client().get("/fast");
    EXPECT_EQ(refused.status, 503);
    EXPECT_EQ(refused.header("retry-after"), "1");
    EXPECT_EQ(refused.error_code(), "overloaded");
    EXPECT_EQ(busy.get().status, 200);
    EXPECT_EQ(queued.get().status, 200);
    EXPECT_EQ(client().get("/fast").status, 200);
    EXPECT_GE(server_->pool().rejected(), 1);
}

TEST_F(ServerTest, HeadersOver8KiBGet431) {
    start({});
    std::string big(9000, 'x');
    auto raw = client().raw("GET /fast HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n");
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 431")) << raw.substr(0, 40);
}

TEST_F(ServerTest, BodyOverTheRoutesLimitGets413AndTheHandlerNeverRuns) {
    start({});
    auto ok = client().post("/small", std::string(1000, 'a'));
    EXPECT_EQ(ok.status, 200);
    EXPECT_EQ(ok.body, "1000");
    auto raw = client().raw("POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'a'));
    EXPECT_TRUE(raw.starts_with("HTTP/1.1 413")) << raw.substr(0, 40);
    EXPECT_NE(raw.find("body_too_large"), std::string::npos);
    EXPECT_EQ(small_handled_, 1);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
    start({});
    net::io_context ioc;
    net::ip::tcp::socket sock(ioc);
    sock.connect({net::ip::make_address("127.0.0.1"), port_});
    net::write(sock,
               net::buffer(std::string(
                   "GET /fast HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")));
    std::string all;
    char buf[4096];
    boost::system::error_code ec;
    while (!ec) {
        size_t n = sock.read_some(net::buffer(buf), ec);
        all.append(buf, n);
    }
    size_t a = all.find("HTTP/1.1 200");
    size_t b = all.find("HTTP/1.1 200", a + 1);
    EXPECT_NE(a, std::string::npos);
    EXPECT_NE(b, std::string::npos);
}

// Regression: with per-connection strands the 8th or so request on one connection crashed.
TEST_F(ServerTest, ThirtyRequestsOnOneKeepAliveConnectionAllSucceed) {
    start({});
    net::io_context ioc;
    net::ip::tcp::socket sock(ioc);
    sock.connect({net::ip::make_address("127.0.0.1"), port_});
    std::string requests;
    for (int i = 0; i < 29; ++i) requests += "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n";
    requests += "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    net::write(sock, net::buffer(requests));
    std::string all;
    char buf[8192];
    boost::system::error_code ec;
    while (!ec) {
        size_t n = sock.read_some(net::buffer(buf), ec);
        all.append(buf, n);
    }
    int ok = 0;
    for (size_t at = all.find("HTTP/1.1 200"); at != std::string::npos; at = all.find("HTTP/1.1 200", at + 1)) ++ok;
    EXPECT_EQ(ok, 30);
    EXPECT_EQ(client().get("/fast").status, 200);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
    ServerConfig cfg;
    cfg.idle_timeout = 200ms;
    start(cfg);
    net::io_context ioc;
    net::ip::tcp::socket sock(ioc);
    sock.connect({net::ip::make_address("127.0.0.1"), port_});
    net::write(sock, net::buffer(std::string("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n")));
    std::string all;
    char buf[4096];
    boost::system::error_code ec;
    auto t0 = std::chrono::steady_clock::now();
    while (!ec) {
        size_t n = sock.read_some(net::buffer(buf), ec);
        all.append(buf, n);
    }
    auto waited = std::chrono::steady_clock::now() - t0;
    EXPECT_NE(all.find("HTTP/1.1 200"), std::string::npos);
    EXPECT_EQ(ec, net::error::eof);
    EXPECT_LT(waited, 5s);  // closed by the server, not by a test timeout
}

TEST_F(ServerTest, ConnectionsOverTheCapAreClosedAtOnce) {
    ServerConfig cfg;
    cfg.max_connections = 1;
    start(cfg);
    net::io_context ioc;
    net::ip::tcp::socket held(ioc);
    held.connect({net::ip::make_address("127.0.0.1"), port_});
    std::this_thread::sleep_for(50ms);
    net::ip::tcp::socket extra(ioc);
    extra.connect({net::ip::make_address("127.0.0.1"), port_});
    boost::system::error_code ec;
    net::write(extra, net::buffer(std::string("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n")), ec);
    char buf[64];
    size_t n = ec ? 0 : extra.read_some(net::buffer(buf), ec);
    EXPECT_EQ(n, 0u);
    EXPECT_TRUE(ec);
    held.close();
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(client().get("/fast").status, 200);
}

TEST_F(ServerTest, RouteNeedingAUserIs401WithoutOne) {
    start({});
    EXPECT_EQ(client().get("/secret").status, 401);
}

TEST_F(ServerTest, BuiltWebAppIsServedWithSpaFallbackAndLongCacheForHashedAssets) {
    auto dir = std::filesystem::temp_directory_path() / ("propdesk-web-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir / "assets");
    std::ofstream(dir / "index.html") << "<!doctype html><title>PropDesk</title>";
    std::ofstream(dir / "assets" / "index-3f9a1c.js") << "console.log(1)";
    start({}, StaticFiles(dir));
    auto index = client().get("/");
    EXPECT_EQ(index.status, 200);
    EXPECT_EQ(index.header("cache-control"), "no-cache");
    EXPECT_NE(index.body.find("PropDesk"), std::string::npos);
    auto deep = client().get("/sites/1/units");
    EXPECT_EQ(deep.status, 200);
    EXPECT_EQ(deep.body, index.body);
    auto js = client().get("/assets/index-3f9a1c.js");
    EXPECT_EQ(js.status, 200);
    EXPECT_EQ(js.header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(client().get("/assets/missing.js").status, 404);
    EXPECT_EQ(client().get("/api/v1/not-a-route").status, 404);  // the API never falls back to the app
    std::filesystem::remove_all(dir);
}

TEST_F(ServerTest, MetricsCountEachRoutesRequestsAndLatency) {
    start({});
    client().get("/fast");
    client().get("/fast");
    client().get("/nowhere");
    auto text = metrics_.render();
    EXPECT_NE(text.find(R"(propdesk_http_requests_total{method="GET",route="/fast",status="200"} 2)"),
              std::string::npos);
    EXPECT_NE(text.find(R"(propdesk_http_request_duration_seconds_count{method="GET",route="/fast"} 2)"),
              std::string::npos);
    EXPECT_NE(text.find(R"(route="static",status="404")"), std::string::npos);
}

}  // namespace
}  // namespace propdesk::http
