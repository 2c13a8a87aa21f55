// `propdesk gate-sim`: a camera's side of the Vzenith HTTP push protocol over blocking Beast
// HTTP/1.1 keep-alive connections, one std::thread per connection. The options are in
// gate_sim_options, the wire in gate_sim_camera, the booth page's side in gate_sim_live.
#include "app/gate_sim.hpp"

#include "app/gate_sim.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <vector>

#include "parking/led_decode.hpp"
#include "platform/auth/authenticate.hpp"
#include "platform/files/content.hpp"
#include "platform/notify/api.hpp"
#include "platform/sample/rng.hpp"

#include "app/gate_sim_camera.hpp"
#include "app/gate_sim_live.hpp"
#include "app/gate_sim_options.hpp"

namespace propdesk::app {

void set_exit_code(int code);  // cli.cpp

namespace gatesim {
namespace {

enum class Push { live, duplicate, offline };

const char* push_name(Push kind) {
    return kind == Push::live ? "plate" : kind == Push::duplicate ? "duplicate" : "offline";
}

struct Tally {
    std::atomic<int64_t> sent{0}, ok{0}, no{0}, no_info{0}, errors{0}, bad_frames{0}, mismatches{0};
    std::atomic<int64_t> heartbeats{0}, heartbeat_opens{0}, whitelist_entries{0};
};

class Simulator {
  public:
    Simulator(const Config& c, std::vector<tcp::endpoint> endpoints)
        : c_(c), endpoints_(std::move(endpoints)), bodies_(c), multipart_(multipart_heartbeat(c)) {
        if (c_.duplicates > 0) firsts_.resize(static_cast<size_t>(std::min(c_.duplicates, c_.count)));
    }

    int run() {
        if (!c_.live_login.empty()) {
            live_ = std::make_unique<LiveWatch>(c_, endpoints_);
            live_->start();
        }
        auto start = SteadyClock::now();
        Connection conn(endpoints_);
        if (c_.count > 0) push_phase(Push::live, c_.count);
        if (c_.duplicates > 0 && !stopping()) push_phase(Push::duplicate, c_.duplicates);
        if (c_.backlog > 0 && !stopping()) backlog(conn);
        if (live_) {
            live_->drain(kLiveWait);
            live_->stop();
            live_stats_ = live_->stats();
        }
        for (int64_t n = 0; n < c_.heartbeats && !stopping(); ++n) heartbeat(conn, false);
        if (c_.watch_seconds > 0) {
            auto period =
                std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(c_.watch_seconds));
            for (auto next = SteadyClock::now(); !stopping(); next += period) {
                heartbeat(conn, true);
                if (!sleep_until_or_stop(next + period)) break;
            }
        }
        total_seconds_ = seconds_since(start);
        summary();
        bool live_failed = live_stats_ && (live_stats_->missing > 0 || !live_stats_->failure.empty());
        return tally_.errors > 0 || tally_.bad_frames > 0 || tally_.mismatches > 0 || live_failed ? 1 : 0;
    }

  private:
    struct FirstReply {
        bool answered = false;
        std::optional<std::string> info;
        int64_t sec = 0;
        int32_t usec = 0;
    };

    static double seconds_since(SteadyClock::time_point t) {
        return std::chrono::duration<double>(SteadyClock::now() - t).count();
    }

    Request make_request(const std::string& target, std::string_view content_type) const {
        Request req{bhttp::verb::post, target, 11};
        req.set(bhttp::field::host, c_.host_header);
        req.set(bhttp::field::user_agent, "propdesk-gate-sim");
        req.set(bhttp::field::content_type, content_type);
        return req;
    }

    Record live_record(int64_t i) {
        auto us =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        Record r{i, c_.start_plateid + i, us / 1'000'000, static_cast<int32_t>(us % 1'000'000), false};
        if (auto* first = first_reply(i)) {
            first->sec = r.sec;
            first->usec = r.usec;
        }
        return r;
    }

    // Duplicate i repeats push i * count / K, spread over the run; with more duplicates than
    // pushes they go round again. Only the pushes to be repeated keep their first reply.
    int64_t duplicated_push(int64_t i) const {
        return c_.duplicates <= c_.count ? i * c_.count / c_.duplicates : i % c_.count;
    }

    FirstReply* first_reply(int64_t push) {
        if (firsts_.empty()) return nullptr;
        if (c_.duplicates > c_.count) return &firsts_[static_cast<size_t>(push)];
        int64_t i = (push * c_.duplicates + c_.count - 1) / c_.count;
        return i < c_.duplicates && duplicated_push(i) == push ? &firsts_[static_cast<size_t>(i)] : nullptr;
    }

    Record duplicate_record(int64_t i) {
        int64_t of = duplicated_push(i);
        const auto* first = first_reply(of);
        return {of, c_.start_plateid + of, first->sec, first->usec, false};
    }

    // Stored while offline: older first, spaced so that the whole backlog fits in the last day.
    Record offline_record(int64_t j) const {
        int64_t now =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        int64_t step = std::clamp<int64_t>(86'400 / c_.backlog, 1, 60);
        int64_t index = c_.count + j;
        return {index, c_.start_plateid + index, now - 60 - (c_.backlog - j) * step,
                static_cast<int32_t>((j * 7919) % 1'000'000), true};
    }

    void push_phase(Push kind, int64_t total) {
        int64_t sent_before = tally_.sent;
        std::atomic<int64_t> next{0};
        auto start = SteadyClock::now();
        std::vector<std::thread> threads;
        int n = static_cast<int>(std::min<int64_t>(c_.connections, total));
        for (int t = 0; t < n; ++t)
            threads.emplace_back([this, kind, total, &next, start] { pusher(kind, total, next, start); });
        for (auto& t : threads) t.join();
        push_seconds_ += seconds_since(start);
        pushes_ += tally_.sent - sent_before;
        std::fflush(stdout);
    }

    void pusher(Push kind, int64_t total, std::atomic<int64_t>& next, SteadyClock::time_point start) {
        Connection conn(endpoints_);
        Request req = make_request(c_.plate_target, "application/Json");
        Response res;
        std::vector<float> latencies;
        std::string line;
        for (;;) {
            int64_t i = next.fetch_add(1, std::memory_order_relaxed);
            if (i >= total || stopping()) break;
            if (c_.rate > 0) {
                auto due = start + std::chrono::duration_cast<SteadyClock::duration>(
                                       std::chrono::duration<double>(static_cast<double>(i) / c_.rate));
                // Up to a millisecond early: a wake-up per push would cost more CPU than the push.
                if (!sleep_until_or_stop(due - kPacingSlack)) break;
            }
            Record r = kind == Push::live ? live_record(i) : duplicate_record(i);
            Reply reply = send_plate(conn, req, res, r, kind == Push::live);
            latencies.push_back(static_cast<float>(reply.ms));
            account_plate(kind, r, reply, line);
        }
        std::lock_guard lock(latency_mutex_);
        latencies_.insert(latencies_.end(), latencies.begin(), latencies.end());
    }

    // `watched`: a push the server stores as a new event (not a duplicate), which --live-login expects.
    Reply send_plate(Connection& conn, Request& req, Response& res, const Record& r, bool watched) {
        bodies_.build(r, req.body());
        req.content_length(req.body().size());
        Reply reply;
        auto t = SteadyClock::now();
        if (live_ && watched) live_->expect(r.plateid, t);
        reply.error = conn.exchange(req, res);
        reply.ms = seconds_since(t) * 1000;
        if (reply.error.empty()) read_reply(res, c_.json, reply);
        ++tally_.sent;
        return reply;
    }

    void account_plate(Push kind, const Record& r, Reply& reply, std::string& line) {
        std::optional<std::string> first_info;
        bool mismatch = false;
        if (!reply.error.empty()) {
            ++tally_.errors;
        } else {
            ++(reply.info == "ok" ? tally_.ok : reply.info ? tally_.no : tally_.no_info);
            tally_.bad_frames += reply.bad_frames;
            if (auto* first = kind == Push::offline ? nullptr : first_reply(r.index)) {
                if (kind == Push::live) {
                    first->answered = true;
                    first->info = reply.info;
                } else if (first->answered) {
                    first_info = first->info;
                    mismatch = first->info != reply.info;
                    if (mismatch) ++tally_.mismatches;
                }
            }
        }
        line.clear();
        std::string plate = bodies_.plate(r.index);
        if (c_.json) {
            json::object o{{"type", push_name(kind)},
                           {"plate", plate},
                           {"plateid", r.plateid},
                           {"sec", r.sec},
                           {"usec", r.usec},
                           {"status", reply.status},
                           {"latency_us", std::llround(reply.ms * 1000)},
                           {"info", nullptr},
                           {"frames", frames_json(reply)}};
            if (reply.info) o["info"] = *reply.info;
            if (!reply.error.empty()) o["error"] = reply.error;
            if (reply.continue_plateid) o["continue_plateid"] = *reply.continue_plateid;
            if (kind == Push::duplicate) {
                o["first_info"] = first_info ? json::value(*first_info) : json::value(nullptr);
                o["mismatch"] = mismatch;
            }
            if (!reply.body.is_null()) o["reply"] = std::move(reply.body);
            line = json::serialize(o);
            print_line(stdout, line);
            return;
        }
        if (!reply.error.empty()) {
            line = fmt::format("error: {} {} #{}: {}", push_name(kind), plate, r.plateid, reply.error);
            print_line(stderr, line);
            return;
        }
        fmt::format_to(std::back_inserter(line), "{} {} #{} {} {:.1f} ms", push_name(kind), plate, r.plateid,
                       reply.info.value_or("—"), reply.ms);
        append_frames_text(reply, line);
        if (reply.continue_plateid)
            fmt::format_to(std::back_inserter(line), " | continue #{}", *reply.continue_plateid);
        if (mismatch) fmt::format_to(std::back_inserter(line), " | MISMATCH: first reply {}", first_info.value_or("—"));
        print_line(stdout, line);
    }

    // One record at a time: the camera sends the next only when told to continue with this one.
    void backlog(Connection& conn) {
        Request req = make_request(c_.plate_target, "application/Json");
        Response res;
        std::string line;
        auto start = SteadyClock::now();
        for (int64_t j = 0; j < c_.backlog && !stopping(); ++j) {
            Record r = offline_record(j);
            Reply reply = send_plate(conn, req, res, r, true);
            latencies_.push_back(static_cast<float>(reply.ms));
            account_plate(Push::offline, r, reply, line);
            if (!reply.error.empty()) break;
            if (reply.continue_plateid != r.plateid) {
                ++tally_.errors;
                std::string why = fmt::format(
                    "backlog stopped: the reply to offline #{} has no ContinuePushOffline {{plateid:{}, continue:1}}",
                    r.plateid, r.plateid);
                line = c_.json ? json::serialize(json::object{{"type", "backlog"}, {"error", why}}) : "error: " + why;
                print_line(c_.json ? stdout : stderr, line);
                break;
            }
            ++backlog_acked_;
        }
        backlog_seconds_ = seconds_since(start);
        std::fflush(stdout);
    }

    void heartbeat(Connection& conn, bool watching) {
        int64_t n = ++tally_.heartbeats;
        Request req;
        if (c_.heartbeat_json) {
            req = make_request(c_.heartbeat_target, "application/json");
            req.body() = json::serialize(json::object{{"heartbeat", {{"countid", n}, {"serialno", c_.serialno}}}});
        } else {
            req = make_request(c_.heartbeat_target, fmt::format("multipart/form-data; boundary={}", kBoundary));
            req.body() = multipart_;
        }
        req.content_length(req.body().size());
        Response res;
        Reply reply;
        auto t = SteadyClock::now();
        reply.error = conn.exchange(req, res);
        reply.ms = seconds_since(t) * 1000;
        if (reply.error.empty()) read_reply(res, c_.json, reply);
        bool open = reply.error.empty() && reply.info == "ok";
        if (!reply.error.empty()) ++tally_.errors;
        tally_.bad_frames += reply.bad_frames;
        if (open) ++tally_.heartbeat_opens;
        tally_.whitelist_entries += static_cast<int64_t>(reply.whitelist.size());

        std::string line;
        if (c_.json) {
            json::array whitelist;
            for (const auto& w : reply.whitelist)
                whitelist.push_back({{"operate", w.add ? "add" : "delete"},
                                     {"plate", w.plate},
                                     {"enable", w.enable},
                                     {"enable_time", w.enable_time},
                                     {"overdue_time", w.overdue_time}});
            json::object o{{"type", "heartbeat"},
                           {"n", n},
                           {"status", reply.status},
                           {"latency_us", std::llround(reply.ms * 1000)},
                           {"open", open},
                           {"info", nullptr},
                           {"frames", frames_json(reply)},
                           {"whitelist", std::move(whitelist)}};
            if (reply.info) o["info"] = *reply.info;
            if (!reply.error.empty()) o["error"] = reply.error;
            if (!reply.body.is_null()) o["reply"] = std::move(reply.body);
            line = json::serialize(o);
            print_line(stdout, line);
        } else if (!reply.error.empty()) {
            line = fmt::format("error: heartbeat {}: {}", n, reply.error);
            print_line(stderr, line);
        } else if (!watching || open || !reply.frames.empty() || !reply.whitelist.empty()) {
            line = fmt::format("heartbeat {} {} {:.1f} ms", n, open ? "open" : reply.info.value_or("—"), reply.ms);
            append_frames_text(reply, line);
            for (const auto& w : reply.whitelist) {
                fmt::format_to(std::back_inserter(line), "\n  whitelist {} {}", w.add ? "add" : "delete", w.plate);
                if (!w.enable_time.empty() || !w.overdue_time.empty())
                    fmt::format_to(std::back_inserter(line), " {} → {}", w.enable_time, w.overdue_time);
                if (w.enable == 0) line += " (disabled)";
            }
            print_line(stdout, line);
        }
        std::fflush(stdout);
        std::fflush(stderr);
    }

    void summary() {
        std::vector<float> v = latencies_;
        double p50 = percentile(v, 0.50), p99 = percentile(v, 0.99);
        double rate = push_seconds_ > 0 ? static_cast<double>(pushes_) / push_seconds_ : 0;
        double backlog_rate = backlog_seconds_ > 0 ? static_cast<double>(backlog_acked_) / backlog_seconds_ : 0;
        std::string line;
        if (c_.json) {
            // Written by hand: Boost.JSON would print 0.25 as 2.5E-1.
            line = fmt::format(
                R"({{"summary":{{"sent":{},"ok":{},"no":{},"no_info":{},"errors":{},"bad_frames":{},"duplicates":{},)"
                R"("duplicate_mismatches":{},"backlog_acked":{},"backlog_s":{:.3f},"backlog_rate":{:.1f},)"
                R"("heartbeats":{},"heartbeat_opens":{},"whitelist_entries":{},"p50_ms":{:.3f},"p99_ms":{:.3f},)"
                R"("elapsed_s":{:.3f},"rate":{:.1f},"total_s":{:.3f}{}}}}})",
                tally_.sent.load(), tally_.ok.load(), tally_.no.load(), tally_.no_info.load(), tally_.errors.load(),
                tally_.bad_frames.load(), c_.duplicates, tally_.mismatches.load(), backlog_acked_, backlog_seconds_,
                backlog_rate, tally_.heartbeats.load(), tally_.heartbeat_opens.load(), tally_.whitelist_entries.load(),
                p50, p99, push_seconds_, rate, total_seconds_, live_json());
        } else {
            line =
                fmt::format("sent {} (ok {}, no {}, no info {}) | errors {}, bad frames {}, duplicate mismatches {}/{}",
                            tally_.sent.load(), tally_.ok.load(), tally_.no.load(), tally_.no_info.load(),
                            tally_.errors.load(), tally_.bad_frames.load(), tally_.mismatches.load(), c_.duplicates);
            if (tally_.sent > 0) line += fmt::format("\nlatency p50 {:.2f} ms, p99 {:.2f} ms", p50, p99);
            if (pushes_ > 0) line += fmt::format(" | {} pushes in {:.2f} s = {:.0f}/s", pushes_, push_seconds_, rate);
            if (c_.backlog > 0)
                line += fmt::format("\nbacklog {}/{} records in {:.2f} s = {:.0f} records/s", backlog_acked_,
                                    c_.backlog, backlog_seconds_, backlog_rate);
            if (tally_.heartbeats > 0)
                line += fmt::format("\nheartbeats {} (opened {}, whitelist entries {})", tally_.heartbeats.load(),
                                    tally_.heartbeat_opens.load(), tally_.whitelist_entries.load());
            if (live_stats_) {
                const auto& l = *live_stats_;
                line += fmt::format("\nlive events {}/{} on the booth page ({} as {})", l.received, l.expected,
                                    notify::kEventsPath, c_.live_login);
                if (l.received > 0)
                    line +=
                        fmt::format(": push → event p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms", l.p50, l.p99, l.max);
                if (l.missing > 0)
                    line += fmt::format(" | MISSING {} (none within {} s of the last push)", l.missing,
                                        std::chrono::duration_cast<std::chrono::seconds>(kLiveWait).count());
                if (!l.failure.empty()) line += " | " + l.failure;
            }
            line += fmt::format("\ntotal {:.2f} s", total_seconds_);
        }
        print_line(stdout, line);
        std::fflush(stdout);
    }

    // The live keys of the JSON summary, with a leading comma; none without --live-login.
    std::string live_json() const {
        if (!live_stats_) return {};
        const auto& l = *live_stats_;
        return fmt::format(
            R"(,"live_expected":{},"live_received":{},"live_missing":{},"live_p50_ms":{:.3f},"live_p99_ms":{:.3f},)"
            R"("live_max_ms":{:.3f},"live_error":{})",
            l.expected, l.received, l.missing, l.p50, l.p99, l.max,
            l.failure.empty() ? std::string("null") : json_quoted(l.failure));
    }

    const Config& c_;
    std::vector<tcp::endpoint> endpoints_;
    std::unique_ptr<LiveWatch> live_;
    std::optional<LiveWatch::Stats> live_stats_;
    PlateBodies bodies_;
    std::string multipart_;
    std::vector<FirstReply> firsts_;  // per duplicated push; each slot has one writer at a time
    Tally tally_;
    std::mutex latency_mutex_;
    std::vector<float> latencies_;
    int64_t pushes_ = 0, backlog_acked_ = 0;
    double push_seconds_ = 0, backlog_seconds_ = 0, total_seconds_ = 0;
};

std::vector<tcp::endpoint> resolve(const Config& c) {
    net::io_context ioc;
    tcp::resolver resolver(ioc);
    beast::error_code ec;
    auto results = resolver.resolve(c.host, c.port, ec);
    if (ec) throw std::runtime_error("cannot resolve " + c.host + ": " + ec.message());
    std::vector<tcp::endpoint> endpoints;
    for (const auto& r : results) endpoints.push_back(r.endpoint());
    return endpoints;
}

int run_gate_sim(const Config& c) {
    auto endpoints = resolve(c);
    struct sigaction on_stop {};
    on_stop.sa_handler = on_stop_signal;
    on_stop.sa_flags = SA_RESETHAND;  // a second Ctrl-C ends the program outright
    sigaction(SIGINT, &on_stop, nullptr);
    sigaction(SIGTERM, &on_stop, nullptr);
    Simulator sim(c, std::move(endpoints));
    return sim.run();
}

}  // namespace
}  // namespace gatesim

void add_gate_sim_command(CLI::App& cli) {
    auto* cmd = cli.add_subcommand("gate-sim",
                                   "Play a Vzenith LPR gate camera against a PropDesk server (plain HTTP; no https)");
    auto a = std::make_shared<gatesim::Args>();
    auto number = [&](const char* name, std::string& into, const char* help) {
        cmd->add_option(name, into, help)->type_name("N")->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    };
    auto text = [&](const char* name, std::string& into, const char* help) {
        cmd->add_option(name, into, help)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    };
    text("--url", a->url, "server base URL, http://host[:port][/prefix] (required)");
    text("--token", a->token, "the camera's device token, as in its URL (required)");
    text("--serialno", a->serialno, "the camera's serial number (required)");
    cmd->add_option("--plate", a->plates, "a plate to send; repeat for several (default: random visitors 粵B7xxxx)")
        ->allow_extra_args(false);
    number("--count", a->count, "plate pushes to send, cycling the plates (default: one per --plate, else 1)");
    number("--rate", a->rate, "pushes per second over all connections (0 = as fast as possible)");
    number("--connections", a->connections, "keep-alive connections used in parallel (default 1)");
    cmd->add_flag("--no-plate", a->no_plate, "send \"_无_\" (no plate read)");
    cmd->add_flag("--unique-plates", a->unique_plates,
                  "a different visitor plate for every push (粵Dxxxxxx from its plateid), so none is 'already inside'");
    text("--image", a->image, "attach this JPEG file as imageFile");
    number("--backlog", a->backlog, "then replay N offline records one at a time, waiting for ContinuePushOffline");
    cmd->add_flag("--offline-opened", a->offline_opened, "mark backlog records as opened offline (ctrltype 2)");
    number("--duplicates", a->duplicates, "re-send K pushes exactly and check each gets the first reply's info");
    number("--heartbeat", a->heartbeat, "send N heartbeats (multipart/form-data)");
    cmd->add_flag("--heartbeat-json", a->heartbeat_json, "send heartbeats as JSON {\"heartbeat\":{…}} instead");
    cmd->add_option("--watch", a->watch, "then heartbeat every SECONDS until stopped, printing commands received")
        ->type_name("SECONDS")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    cmd->add_flag("--json", a->json, "one JSON line per reply on stdout, and a final {\"summary\":{…}}");
    number("--start-plateid", a->start_plateid, "first plateid (default: from the clock, so reruns don't collide)");
    text("--live-login", a->live_login,
         "LOGIN:PASSWORD of staff who may read the car park: also watch the booth page's live events and time each "
         "push to its gate_event");
    cmd->allow_extras();
    cmd->callback([cmd, a] {
        if (!cmd->remaining().empty())
            throw gatesim::UsageError("gate-sim: unexpected argument '" + cmd->remaining()[0] + "'");
        set_exit_code(gatesim::run_gate_sim(gatesim::validate(*a)));
    });
}

}  // namespace propdesk::app
