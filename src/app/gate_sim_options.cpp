#include "app/gate_sim_options.hpp"

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

namespace propdesk::app::gatesim {

std::atomic<bool> g_stop{false};

static_assert(std::atomic<bool>::is_always_lock_free);

void on_stop_signal(int) {
    g_stop.store(true, std::memory_order_relaxed);
}

bool stopping() {
    return g_stop.load(std::memory_order_relaxed);
}

bool sleep_until_or_stop(SteadyClock::time_point when) {
    while (!stopping()) {
        auto now = SteadyClock::now();
        if (now >= when) return true;
        std::this_thread::sleep_for(std::min<SteadyClock::duration>(when - now, std::chrono::milliseconds(50)));
    }
    return false;
}

int64_t parse_whole(std::string_view option, const std::string& text, int64_t lo, int64_t hi) {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || v < lo || v > hi)
        throw UsageError(fmt::format("{} must be a whole number from {} to {}, not '{}'", option, lo, hi, text));
    return v;
}

double parse_positive(std::string_view option, const std::string& text, bool zero_allowed) {
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || !(v > 0 || (zero_allowed && v == 0)) || v > 1e9)
        throw UsageError(fmt::format("{} must be a number {}, not '{}'", option, zero_allowed ? ">= 0" : "> 0", text));
    return v;
}

std::string percent_encode(std::string_view s) {
    std::string out;
    for (unsigned char ch : s) {
        bool unreserved = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                          ch == '-' || ch == '.' || ch == '_' || ch == '~';
        if (unreserved)
            out += static_cast<char>(ch);
        else
            out += fmt::format("%{:02X}", ch);
    }
    return out;
}

void parse_url(const std::string& text, const std::string& token, Config& c) {
    auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed) throw UsageError("--url: not an absolute URL: '" + text + "'");
    const auto& u = *parsed;
    if (u.scheme_id() == boost::urls::scheme::https)
        throw UsageError("--url: https is not supported; give the server's plain-HTTP address (cameras speak HTTP)");
    if (u.scheme_id() != boost::urls::scheme::http) throw UsageError("--url must start with http://");
    if (u.encoded_host().empty() || u.has_userinfo() || u.has_query() || u.has_fragment())
        throw UsageError("--url: give http://host[:port][/prefix], nothing more");
    c.host = u.host_address();
    c.port = u.has_port() ? std::string(u.port()) : "80";
    c.host_header = std::string(u.encoded_host_and_port());
    std::string base(u.encoded_path());
    while (!base.empty() && base.back() == '/') base.pop_back();
    c.base_path = base;
    std::string device = base + "/gate/vz/" + percent_encode(token);
    c.plate_target = device + "/plate";
    c.heartbeat_target = device + "/heartbeat";
}

bool has_control_chars(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; });
}

std::string read_image(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("--image: cannot read " + path);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string jpeg = bytes.str();
    if (files::sniff(jpeg) != "image/jpeg") throw UsageError("--image: " + path + " is not a JPEG file");
    return files::to_base64(jpeg);
}

Config validate(const Args& a) {
    Config c;
    if (a.url.empty() || a.token.empty() || a.serialno.empty())
        throw UsageError("gate-sim needs --url, --token and --serialno");
    if (has_control_chars(a.serialno)) throw UsageError("--serialno must not hold control characters");
    parse_url(a.url, a.token, c);
    c.serialno = a.serialno;
    if (a.no_plate && !a.plates.empty()) throw UsageError("give --plate or --no-plate, not both");
    for (const auto& p : a.plates)
        if (p.empty() || has_control_chars(p))
            throw UsageError("--plate must be a plate, not empty nor with control characters");
    c.plates = a.plates;
    c.no_plate = a.no_plate;
    if (a.unique_plates && (a.no_plate || !a.plates.empty()))
        throw UsageError("--unique-plates makes the visitors' plates: not with --plate or --no-plate");
    c.unique_plates = a.unique_plates;
    c.count = a.count.empty() ? std::max<int64_t>(1, static_cast<int64_t>(a.plates.size()))
                              : parse_whole("--count", a.count, 0, 1'000'000'000);
    c.rate = a.rate.empty() ? 0 : parse_positive("--rate", a.rate, true);
    c.connections = static_cast<int>(parse_whole("--connections", a.connections, 1, 1024));
    if (!a.image.empty()) c.image_base64 = read_image(a.image);
    c.backlog = a.backlog.empty() ? 0 : parse_whole("--backlog", a.backlog, 0, 100'000'000);
    c.offline_opened = a.offline_opened;
    c.duplicates = a.duplicates.empty() ? 0 : parse_whole("--duplicates", a.duplicates, 0, 1'000'000'000);
    if (c.duplicates > 0 && c.count == 0) throw UsageError("--duplicates re-sends pushes, so --count must be > 0");
    c.heartbeats = a.heartbeat.empty() ? 0 : parse_whole("--heartbeat", a.heartbeat, 0, 100'000'000);
    c.heartbeat_json = a.heartbeat_json;
    c.watch_seconds = a.watch.empty() ? 0 : parse_positive("--watch", a.watch, false);
    c.json = a.json;
    if (!a.live_login.empty()) {
        auto colon = a.live_login.find(':');
        if (colon == std::string::npos || colon == 0 || has_control_chars(a.live_login))
            throw UsageError("--live-login must be LOGIN:PASSWORD");
        c.live_login = a.live_login.substr(0, colon);
        c.live_password = a.live_login.substr(colon + 1);
    }
    auto now_us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    // The server deduplicates on (serialno, plateid, sec), so a rerun within the same second must
    // not reuse plateids: counted in microseconds, a run never catches up with the clock. Kept
    // below 2^30 so that plateids stay inside int32, a camera's counter.
    c.start_plateid =
        a.start_plateid.empty() ? now_us % (1LL << 30) : parse_whole("--start-plateid", a.start_plateid, 0, 1LL << 53);
    c.seed = static_cast<uint64_t>(now_us);
    return c;
}

}  // namespace propdesk::app::gatesim
