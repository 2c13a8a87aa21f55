#include "support/test_server.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "platform/auth/crypto.hpp"

namespace propdesk::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

boost::json::value HttpResult::json() const {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    if (ec) throw std::runtime_error("response is not JSON: " + body);
    return v;
}

std::string HttpResult::header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
}

std::string HttpResult::error_code() const {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("error")) return "";
    return std::string(v.at("error").at("code").as_string());
}

std::string HttpResult::error_field() const {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("error")) return "";
    const auto& e = v.at("error").as_object();
    return e.contains("field") ? std::string(e.at("field").as_string()) : "";
}

HttpResult HttpClient::request(const std::string& method,
                               const std::string& target,
                               const std::string& body,
                               const std::map<std::string, std::string>& headers) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
    if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
    if (auto cookie = cookie_header(); !cookie.empty()) req.set(bhttp::field::cookie, cookie);
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == "HEAD") parser.skip(true);
    bhttp::read(stream, buffer, parser);
    auto res = parser.release();
    HttpResult out;
    out.status = res.result_int();
    out.body = res.body();
    for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers[name] = std::string(f.value());
        if (name == "set-cookie") {
            std::string v(f.value());
            auto eq = v.find('=');
            auto semi = v.find(';');
            std::string key = v.substr(0, eq), value = v.substr(eq + 1, semi - eq - 1);
            if (value.empty() || v.find("Max-Age=0") != std::string::npos)
                cookies_.erase(key);
            else
                cookies_[key] = value;
        }
    }
    beast::error_code ec;
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
    return out;
}

std::string HttpClient::cookie_header() const {
    std::string cookie;
    for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    return cookie;
}

HttpResult HttpClient::login(const std::string& login, const std::string& password) {
    auto r =
        post("/api/v1/session", boost::json::serialize(boost::json::object{{"login", login}, {"password", password}}));
    if (r.status != 200) throw std::runtime_error("login " + login + " failed: " + r.body);
    return r;
}

std::string HttpClient::raw(const std::string& bytes) {
    net::io_context ioc;
    net::ip::tcp::socket sock(ioc);
    sock.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    net::write(sock, net::buffer(bytes));
    std::string out;
    char buf[4096];
    beast::error_code ec;
    for (;;) {
        size_t n = sock.read_some(net::buffer(buf), ec);
        out.append(buf, n);
        if (ec) break;
        // One response is all these tests look at.
        auto head_end = out.find("\r\n\r\n");
        if (head_end != std::string::npos) {
            auto cl = out.find("Content-Length: ");
            if (cl != std::string::npos && cl < head_end) {
                size_t len = std::stoul(out.substr(cl + 16));
                if (out.size() >= head_end + 4 + len) break;
            }
        }
    }
    return out;
}

namespace {

// The status line, headers and body of a raw HTTP response.
HttpResult parse_raw(const std::string& raw) {
    HttpResult out;
    if (raw.starts_with("HTTP/1.1 ")) out.status = std::stoi(raw.substr(9, 3));
    auto head_end = raw.find("\r\n\r\n");
    if (head_end == std::string::npos) return out;
    std::string head = raw.substr(0, head_end);
    size_t pos = head.find("\r\n");
    while (pos != std::string::npos && pos < head.size()) {
        size_t next = head.find("\r\n", pos + 2);
        std::string line = head.substr(pos + 2, (next == std::string::npos ? head.size() : next) - pos - 2);
        auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            out.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
        }
        pos = next;
    }
    out.body = raw.substr(head_end + 4);
    return out;
}

}  // namespace

HttpResult send_head_only(uint16_t port, const std::string& head) {
    net::io_context ioc;
    net::ip::tcp::socket sock(ioc);
    sock.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    timeval tv{5, 0};
    setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    net::write(sock, net::buffer(head));
    std::string raw;
    char buf[4096];
    for (;;) {
        ssize_t n = ::recv(sock.native_handle(), buf, sizeof buf, 0);
        if (n <= 0) break;
        raw.append(buf, static_cast<size_t>(n));
    }
    return parse_raw(raw);
}

TestServer::TestServer(db::Backend backend,
                       const Clock* clock,
                       bool seed_demo,
                       const std::string& web_dir,
                       const std::function<void(app::AppOptions&)>& tweak)
    : database_(make_test_database(backend)) {
    auth::set_password_cost(auth::PasswordCost::minimal);
    // Request lines would bury the test output; failures still show their errors.
    spdlog::set_level(spdlog::level::warn);
    app::AppOptions o;
    o.db_url = database_->url();
    o.server.port = 0;
    o.server.workers = 4;
    o.server.handle_signals = false;
    o.db.readers = 3;
    o.seed_demo = seed_demo;
    o.clock = clock;
    o.web_dir = web_dir;
    o.run_jobs = false;
    if (tweak) tweak(o);
    app_ = std::make_unique<app::App>(o);
    port_ = app_->start();
    thread_ = std::thread([this] { app_->run(); });
}

void TestServer::stop() {
    if (!thread_.joinable()) return;
    app_->stop();
    thread_.join();
}

TestServer::~TestServer() {
    stop();
    app_.reset();
}

HttpClient TestServer::signed_in(const std::string& login, const std::string& password) const {
    auto c = client();
    c.login(login, password);
    return c;
}

int64_t TestServer::count(const std::string& table) {
    return db().read_value([&](db::Conn& c) { return c.one("SELECT COUNT(*) FROM " + table)->i64(0); });
}

DemoIds demo_ids(TestServer& s) {
    DemoIds ids;
    s.db().read([&](db::Conn& c) {
        ids.first_unit = c.one("SELECT MIN(id) FROM units WHERE site_id = 1")->i64(0);
        ids.first_resident = c.one("SELECT MIN(id) FROM residents WHERE site_id = 1")->i64(0);
        ids.first_building = c.one("SELECT MIN(id) FROM buildings WHERE site_id = 1")->i64(0);
        ids.first_area = c.one("SELECT MIN(id) FROM areas WHERE site_id = 1")->i64(0);
    });
    return ids;
}

}  // namespace propdesk::testing
