// gate-sim --live-login: the booth page's side, timing each push to the live event it causes.
#pragma once

#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "app/gate_sim_camera.hpp"
#include "platform/auth/authenticate.hpp"
#include "platform/notify/api.hpp"

namespace propdesk::app::gatesim {

double percentile(std::vector<float>& v, double p);

// --live-login: the booth page's side. Signs in as a member of staff, opens the live-events
// WebSocket, and times each push from its sending to the gate_event carrying its plateid from
// this camera's serialno. Runs its own io_context on one thread.
class LiveWatch {
  public:
    LiveWatch(const Config& c, const std::vector<tcp::endpoint>& endpoints) : c_(c), endpoints_(endpoints), ws_(ioc_) {}
    ~LiveWatch() { stop(); }

    // Returns once the server has said hello: from then on every stored event reaches this page.
    void start() {
        cookie_ = sign_in();
        auto& layer = beast::get_lowest_layer(ws_);
        layer.expires_after(kReplyTimeout);
        layer.async_connect(endpoints_, [this](beast::error_code ec, const tcp::endpoint&) {
            if (ec) return fail("cannot connect: " + ec.message());
            beast::get_lowest_layer(ws_).socket().set_option(tcp::no_delay(true), ec);
            ws_.set_option(websocket::stream_base::decorator([cookie = cookie_](websocket::request_type& req) {
                req.set(bhttp::field::cookie, cookie);
                req.set(bhttp::field::user_agent, "propdesk-gate-sim");
            }));
            beast::get_lowest_layer(ws_).expires_after(kReplyTimeout);
            ws_.async_handshake(handshake_, c_.host_header, c_.base_path + notify::kEventsPath,
                                [this](beast::error_code ec) {
                                    if (ec)
                                        return fail(fmt::format("the WebSocket {}{} was refused: {} (HTTP {} {})",
                                                                c_.base_path, notify::kEventsPath, ec.message(),
                                                                handshake_.result_int(), snippet(handshake_.body())));
                                    beast::get_lowest_layer(ws_).expires_after(kReplyTimeout);  // for the hello
                                    read_next();
                                });
        });
        thread_ = std::thread([this] { ioc_.run(); });
        std::unique_lock lock(mu_);
        if (!cv_.wait_for(lock, 2 * kReplyTimeout, [&] { return ready_ || !failure_.empty(); }))
            failure_ = "no hello from the server within 10 s";
        if (!failure_.empty()) {
            std::string why = failure_;
            lock.unlock();
            stop();
            throw std::runtime_error("--live-login: " + why);
        }
    }

    // Called just before the push goes out, so that an event sent before the reply still counts.
    void expect(int64_t plateid, SteadyClock::time_point sent) {
        std::lock_guard lock(mu_);
        pending_[plateid] = sent;
        ++expected_;
    }

    // Waits until every expected event came, the connection failed, or `wait` passed.
    void drain(SteadyClock::duration wait) {
        std::unique_lock lock(mu_);
        cv_.wait_for(lock, wait, [&] { return pending_.empty() || !failure_.empty(); });
    }

    void stop() {
        if (!thread_.joinable()) return;
        {
            std::lock_guard lock(mu_);
            closing_ = true;
        }
        net::post(ioc_, [this] {
            beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(1));
            if (!ws_.is_open()) return beast::get_lowest_layer(ws_).close();
            ws_.async_close(websocket::close_code::normal,
                            [this](beast::error_code) { beast::get_lowest_layer(ws_).close(); });
        });
        thread_.join();
    }

    struct Stats {
        int64_t expected = 0, received = 0, missing = 0;
        double p50 = 0, p99 = 0, max = 0;
        std::string failure;
    };
    Stats stats() {
        std::lock_guard lock(mu_);
        Stats s;
        s.expected = expected_;
        s.received = static_cast<int64_t>(latencies_.size());
        s.missing = static_cast<int64_t>(pending_.size());
        std::vector<float> v = latencies_;
        s.p50 = percentile(v, 0.50);
        s.p99 = percentile(v, 0.99);
        s.max = v.empty() ? 0 : *std::max_element(v.begin(), v.end());
        s.failure = failure_;
        return s;
    }

  private:
    // POST /api/v1/session {login, password} → "propdesk_session=…" for the WebSocket's Cookie.
    std::string sign_in() {
        Connection conn(endpoints_);
        Request req{bhttp::verb::post, c_.base_path + "/api/v1/session", 11};
        req.set(bhttp::field::host, c_.host_header);
        req.set(bhttp::field::user_agent, "propdesk-gate-sim");
        req.set(bhttp::field::content_type, "application/json");
        req.body() = json::serialize(json::object{{"login", c_.live_login}, {"password", c_.live_password}});
        req.prepare_payload();
        Response res;
        std::string error = conn.exchange(req, res);
        if (!error.empty()) throw std::runtime_error("--live-login: sign-in: " + error);
        if (res.result_int() / 100 != 2)
            throw std::runtime_error(fmt::format("--live-login: sign-in as {} failed: HTTP {}: {}", c_.live_login,
                                                 res.result_int(), snippet(res.body())));
        std::string prefix = std::string(auth::kSessionCookie) + "=";
        for (const auto& f : res.base()) {
            if (f.name() != bhttp::field::set_cookie) continue;
            std::string_view v = f.value();
            if (!v.starts_with(prefix)) continue;
            return std::string(v.substr(0, v.find(';')));
        }
        throw std::runtime_error("--live-login: the sign-in set no " + std::string(auth::kSessionCookie) + " cookie");
    }

    void fail(std::string why) {
        std::lock_guard lock(mu_);
        if (!closing_ && failure_.empty()) failure_ = std::move(why);
        cv_.notify_all();
    }

    void read_next() {
        ws_.async_read(buffer_, [this](beast::error_code ec, size_t) {
            auto at = SteadyClock::now();
            if (ec) return fail("the WebSocket closed: " + ec.message());
            on_message(beast::buffers_to_string(buffer_.data()), at);
            buffer_.consume(buffer_.size());
            read_next();
        });
    }

    void on_message(const std::string& text, SteadyClock::time_point at) {
        json::error_code ec;
        json::value v = json::parse(text, ec);
        const json::object* o = ec ? nullptr : v.if_object();
        const json::value* type = o ? o->if_contains("type") : nullptr;
        if (!type || !type->is_string()) return;
        if (type->get_string() == "hello") {
            beast::get_lowest_layer(ws_).expires_never();
            std::lock_guard lock(mu_);
            ready_ = true;
            cv_.notify_all();
            return;
        }
        if (type->get_string() != "gate_event") return;
        const json::value* event = o->if_contains("event");
        const json::object* e = event ? event->if_object() : nullptr;
        const json::value* serialno = e ? e->if_contains("serialno") : nullptr;
        if (!serialno || !serialno->is_string() || serialno->get_string() != c_.serialno) return;
        auto plateid = whole_number(e->if_contains("plateid"));
        if (!plateid) return;
        std::lock_guard lock(mu_);
        auto it = pending_.find(*plateid);
        if (it == pending_.end()) return;
        latencies_.push_back(static_cast<float>(std::chrono::duration<double, std::milli>(at - it->second).count()));
        pending_.erase(it);
        if (pending_.empty()) cv_.notify_all();
    }

    const Config& c_;
    const std::vector<tcp::endpoint>& endpoints_;
    net::io_context ioc_;
    websocket::stream<beast::tcp_stream> ws_;
    websocket::response_type handshake_;
    beast::flat_buffer buffer_;
    std::string cookie_;
    std::thread thread_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool ready_ = false, closing_ = false;
    std::string failure_;
    std::unordered_map<int64_t, SteadyClock::time_point> pending_;
    int64_t expected_ = 0;
    std::vector<float> latencies_;
};

}  // namespace propdesk::app::gatesim
