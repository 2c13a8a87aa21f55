// `propdesk gate-sim`: a camera's side of the Vzenith HTTP push protocol over blocking Beast
// HTTP/1.1 keep-alive connections, one std::thread per connection.
#include "app/gate_sim.hpp"

#include <fmt/format.h>
#include <iconv.h>
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

#include "platform/auth/authenticate.hpp"
#include "platform/files/content.hpp"
#include "platform/notify/api.hpp"
#include "platform/sample/rng.hpp"

namespace propdesk::app {

void set_exit_code(int code);  // cli.cpp

uint16_t crc16_modbus(std::string_view bytes) {
    uint16_t crc = 0xFFFF;
    for (unsigned char b : bytes) {
        crc ^= b;
        for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? static_cast<uint16_t>((crc >> 1) ^ 0xA001) : crc >> 1;
    }
    return crc;
}

namespace {

// iconv_t carries shift state, so each thread keeps its own converter.
std::optional<std::string> gb2312_to_utf8(std::string_view in) {
    struct Converter {
        iconv_t cd = iconv_open("UTF-8", "GB2312");
        ~Converter() {
            if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
        }
    };
    thread_local Converter conv;
    if (conv.cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    iconv(conv.cd, nullptr, nullptr, nullptr, nullptr);
    std::string out(in.size() * 2 + 1, '\0');  // a 2-byte GB2312 character is 3 UTF-8 bytes
    char* src = const_cast<char*>(in.data());
    size_t src_left = in.size();
    char* dst = out.data();
    size_t dst_left = out.size();
    if (iconv(conv.cd, &src, &src_left, &dst, &dst_left) == static_cast<size_t>(-1)) return std::nullopt;
    out.resize(out.size() - dst_left);
    return out;
}

}  // namespace

LedFrame decode_led_frame(std::string_view bytes) {
    LedFrame f;
    auto at = [&](size_t i) { return static_cast<uint8_t>(bytes[i]); };
    if (bytes.size() < 8) {
        f.error = fmt::format("frame of {} bytes is too short", bytes.size());
        return f;
    }
    if (at(0) != 0x00 || at(1) != 0x64 || at(2) != 0xFF || at(3) != 0xFF) {
        f.error = fmt::format("frame starts {:02X} {:02X} {:02X} {:02X}, not 00 64 FF FF", at(0), at(1), at(2), at(3));
        return f;
    }
    f.command = at(4);
    size_t len = at(5);
    if (bytes.size() != len + 8) {
        f.error = fmt::format("LEN says {} data bytes, the frame holds {}", len, bytes.size() - 8);
        return f;
    }
    uint16_t want = crc16_modbus(bytes.substr(0, bytes.size() - 2));
    uint16_t got = static_cast<uint16_t>(at(bytes.size() - 2) | at(bytes.size() - 1) << 8);
    if (want != got) {
        f.error = fmt::format("CRC is {:04X}, the frame says {:04X}", want, got);
        return f;
    }
    if (f.command != 0x30 && f.command != 0x62) return f;
    if (len == 0) {
        f.error = f.command == 0x30 ? "voice frame without its option byte" : "display frame without its line byte";
        return f;
    }
    f.lead = at(6);
    std::string_view text = bytes.substr(7, len - 1);
    if (auto utf8 = gb2312_to_utf8(text))
        f.text = std::move(*utf8);
    else
        f.error = "text is not GB2312";
    return f;
}

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

// The camera's default: it gives up on a reply after 5 s.
constexpr auto kReplyTimeout = std::chrono::seconds(5);
constexpr auto kPacingSlack = std::chrono::milliseconds(1);
// --live-login: how long after the last push the booth page may still be sent its events.
constexpr auto kLiveWait = std::chrono::seconds(5);
constexpr const char* kNoPlate = "_无_";
constexpr std::string_view kBoundary = "----propdeskGateSimBoundary7MA4YWxk";

// A usage error exits with 2, as command-line tools do; CLI11's own errors keep CLI11's codes.
class UsageError : public CLI::ParseError {
  public:
    explicit UsageError(std::string message) : ParseError("UsageError", std::move(message), 2) {}
};

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);

void on_stop_signal(int) {
    g_stop.store(true, std::memory_order_relaxed);
}

bool stopping() {
    return g_stop.load(std::memory_order_relaxed);
}

// Short naps, so that Ctrl-C or a test's SIGTERM ends a paced run or --watch at once.
bool sleep_until_or_stop(SteadyClock::time_point when) {
    while (!stopping()) {
        auto now = SteadyClock::now();
        if (now >= when) return true;
        std::this_thread::sleep_for(std::min<SteadyClock::duration>(when - now, std::chrono::milliseconds(50)));
    }
    return false;
}

// Numbers arrive as text and are checked here, so that a bad value exits with 2 too.
struct Args {
    std::string url, token, serialno, count, rate, connections = "1", image, backlog, duplicates, heartbeat, watch,
                                                   start_plateid, live_login;
    std::vector<std::string> plates;
    bool no_plate = false, unique_plates = false, offline_opened = false, heartbeat_json = false, json = false;
};

struct Config {
    std::string host, port, host_header, base_path, plate_target, heartbeat_target, serialno;
    std::vector<std::string> plates;
    bool no_plate = false;
    bool unique_plates = false;
    int64_t count = 1;
    double rate = 0;
    int connections = 1;
    std::string image_base64;
    int64_t backlog = 0;
    bool offline_opened = false;
    int64_t duplicates = 0;
    int64_t heartbeats = 0;
    bool heartbeat_json = false;
    double watch_seconds = 0;
    bool json = false;
    int64_t start_plateid = 0;
    uint64_t seed = 0;
    std::string live_login, live_password;  // --live-login; empty login: no booth page
};

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

// One plate result as the camera stored it. `index` picks the plate and the random visitor.
struct Record {
    int64_t index = 0;
    int64_t plateid = 0;
    int64_t sec = 0;
    int32_t usec = 0;
    bool offline = false;
};

void append_int(std::string& out, int64_t v) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

std::string json_quoted(std::string_view s) {
    return json::serialize(json::string(s));
}

// The AlarmInfoPlate body with its constant parts prebuilt; a push only fills in the numbers.
class PlateBodies {
  public:
    explicit PlateBodies(const Config& c)
        : plates_(c.plates),
          no_plate_(c.no_plate),
          unique_(c.unique_plates),
          offline_opened_(c.offline_opened),
          seed_(c.seed),
          start_plateid_(c.start_plateid) {
        head_ = R"({"AlarmInfoPlate":{"channel":0,"deviceName":"IVS","ipaddr":"127.0.0.1","serialno":)" +
                json_quoted(c.serialno) + R"(,"result":{"PlateResult":{"license":)";
        for (const auto& p : plates_) quoted_.push_back(json_quoted(p));
        if (!c.image_base64.empty()) image_ = R"(,"imageFile":")" + c.image_base64 + '"';
    }

    // A visitor's plate is made from the run's seed and the index, so a duplicate repeats it.
    std::string plate(int64_t index) const {
        if (no_plate_) return kNoPlate;
        if (!plates_.empty()) return plates_[static_cast<size_t>(index) % plates_.size()];
        if (unique_) return unique_plate(start_plateid_ + index);
        sample::Rng rng{seed_ + static_cast<uint64_t>(index)};
        return fmt::format("粵B7{:04d}", rng.below(10000));
    }

    void build(const Record& r, std::string& out) const {
        out.clear();
        out += head_;
        if (!plates_.empty() && !no_plate_)
            out += quoted_[static_cast<size_t>(r.index) % quoted_.size()];
        else
            out.append("\"").append(plate(r.index)).append("\"");
        out += R"(,"colorType":1,"type":1,"confidence":95,"timeStamp":{"Timeval":{"sec":)";
        append_int(out, r.sec);
        out += R"(,"usec":)";
        append_int(out, r.usec);
        out += R"(}},"triggerType":8,"plateid":)";
        append_int(out, r.plateid);
        out += R"(,"isoffline":)";
        out += r.offline ? '1' : '0';
        out += R"(,"gioouts":[{"ionum":"0","ctrltype":)";
        out += r.offline && offline_opened_ ? '2' : '0';
        out += "}]";
        out += image_;
        out += "}}}}";
    }

  private:
    // --unique-plates: a visitor plate of its own for each plateid, 粵D and six letters or
    // digits. Multiplying by an odd number is one-to-one modulo 2^31 and 36^6 > 2^31, so two
    // plateids below 2^31 never share a plate; plateids are distinct within a run and, taken from
    // the clock, across runs a few minutes apart. Scattered, like real plates, not in sequence.
    static std::string unique_plate(int64_t plateid) {
        constexpr std::string_view kChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        uint64_t v = (static_cast<uint64_t>(plateid) * 0x9E3779B1ULL) & 0x7FFF'FFFFULL;
        std::string out = "粵D000000";
        for (size_t i = out.size(); i-- > out.size() - 6; v /= kChars.size()) out[i] = kChars[v % kChars.size()];
        return out;
    }

    std::vector<std::string> plates_, quoted_;
    bool no_plate_, unique_, offline_opened_;
    uint64_t seed_;
    int64_t start_plateid_;
    std::string head_, image_;
};

std::string multipart_heartbeat(const Config& c) {
    const std::pair<const char*, std::string> fields[] = {
        {"device_name", "IVS"}, {"ipaddr", "127.0.0.1"},  {"port", "80"},       {"user_name", "admin"},
        {"pass_wd", "admin"},   {"serialno", c.serialno}, {"channel_num", "0"},
    };
    std::string body;
    for (const auto& [name, value] : fields)
        body +=
            fmt::format("--{}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n{}\r\n", kBoundary, name, value);
    body += fmt::format("--{}--\r\n", kBoundary);
    return body;
}

// Blocking reads and writes with a deadline. Asio's own blocking calls wait forever, so the
// socket is non-blocking and a would-block waits in poll() for what is left of the deadline.
class DeadlineStream {
  public:
    explicit DeadlineStream(net::io_context& ioc) : socket_(ioc) {}
    tcp::socket& socket() { return socket_; }
    void set_deadline(SteadyClock::time_point deadline) { deadline_ = deadline; }

    bool connect(const tcp::endpoint& ep, beast::error_code& ec) {
        int fd = socket_.native_handle();
        if (::connect(fd, ep.data(), static_cast<socklen_t>(ep.size())) == 0) return true;
        if (errno != EINPROGRESS && errno != EINTR) {
            ec.assign(errno, boost::system::system_category());
            return false;
        }
        if (!wait(POLLOUT, ec)) return false;
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) ec.assign(err, boost::system::system_category());
        return err == 0;
    }

    // Waits first: a reply is never there the moment its request has gone, and a recv() that
    // would block costs a system call per push.
    template <class Buffers>
    size_t read_some(const Buffers& buffers, beast::error_code& ec) {
        if (!wait(POLLIN, ec)) return 0;
        return with_deadline(POLLIN, ec, [&] { return socket_.read_some(buffers, ec); });
    }
    template <class Buffers>
    size_t write_some(const Buffers& buffers, beast::error_code& ec) {
        return with_deadline(POLLOUT, ec, [&] { return socket_.write_some(buffers, ec); });
    }
    template <class Buffers>
    size_t read_some(const Buffers& buffers) {
        beast::error_code ec;
        size_t n = read_some(buffers, ec);
        if (ec) throw beast::system_error(ec);
        return n;
    }
    template <class Buffers>
    size_t write_some(const Buffers& buffers) {
        beast::error_code ec;
        size_t n = write_some(buffers, ec);
        if (ec) throw beast::system_error(ec);
        return n;
    }

  private:
    template <class Op>
    size_t with_deadline(short events, beast::error_code& ec, Op op) {
        for (;;) {
            size_t n = op();
            if (ec != net::error::would_block && ec != net::error::try_again && ec != net::error::interrupted) return n;
            if (!wait(events, ec)) return 0;
        }
    }

    bool wait(short events, beast::error_code& ec) {
        for (;;) {
            auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline_ - SteadyClock::now()).count();
            if (left <= 0) {
                ec = beast::error::timeout;
                return false;
            }
            pollfd p{socket_.native_handle(), events, 0};
            int ready = ::poll(&p, 1, static_cast<int>(left));
            if (ready > 0) {
                ec = {};
                return true;
            }
            if (ready < 0 && errno != EINTR) {
                ec.assign(errno, boost::system::system_category());
                return false;
            }
        }
    }

    tcp::socket socket_;
    SteadyClock::time_point deadline_;
};

// One keep-alive connection, as a camera holds one; a new one when the server has closed it.
class Connection {
  public:
    explicit Connection(const std::vector<tcp::endpoint>& endpoints) : endpoints_(endpoints), stream_(ioc_) {}

    // Empty when res holds the reply; otherwise why there is none.
    std::string exchange(Request& req, Response& res) {
        for (int attempt = 0;; ++attempt) {
            bool reused = open_;
            stream_.set_deadline(SteadyClock::now() + kReplyTimeout);
            beast::error_code ec;
            if (!open_ && !connect(ec)) return "cannot connect: " + ec.message();
            bool got_reply_bytes = false;
            bhttp::write(stream_, req, ec);
            if (!ec) {
                bhttp::response_parser<bhttp::string_body> parser;
                parser.body_limit(64 * 1024 * 1024);
                bhttp::read(stream_, buffer_, parser, ec);
                if (!ec) {
                    res = parser.release();
                    if (!res.keep_alive()) close();
                    return {};
                }
                got_reply_bytes = parser.got_some();
            }
            close();
            // A kept-alive connection the server closed while idle fails before any reply; like
            // the camera, send that request once more on a new connection.
            bool closed_by_peer = ec == bhttp::error::end_of_stream || ec == net::error::eof ||
                                  ec == net::error::connection_reset || ec == net::error::broken_pipe;
            if (!reused || got_reply_bytes || attempt > 0 || !closed_by_peer)
                return ec == beast::error::timeout ? "no reply within 5 s" : ec.message();
        }
    }

  private:
    bool connect(beast::error_code& ec) {
        for (const auto& ep : endpoints_) {
            close();
            stream_.socket().open(ep.protocol(), ec);
            if (ec) continue;
            stream_.socket().set_option(tcp::no_delay(true), ec);
            stream_.socket().non_blocking(true, ec);
            if (stream_.connect(ep, ec)) {
                open_ = true;
                buffer_.clear();
                return true;
            }
        }
        close();
        return false;
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().close(ignored);
        open_ = false;
    }

    const std::vector<tcp::endpoint>& endpoints_;
    net::io_context ioc_;
    DeadlineStream stream_;
    beast::flat_buffer buffer_;
    bool open_ = false;
};

struct SerialFrame {
    int64_t channel = 0;
    LedFrame led;
};

struct WhiteListEntry {
    bool add = true;
    std::string plate, enable_time, overdue_time;
    int64_t enable = 1;
};

struct Reply {
    std::string error;  // no usable reply: transport, HTTP status or body
    int status = 0;
    double ms = 0;
    std::optional<std::string> info;
    std::vector<SerialFrame> frames;
    int bad_frames = 0;
    std::optional<int64_t> continue_plateid;  // ContinuePushOffline with continue:1
    std::vector<WhiteListEntry> whitelist;
    json::value body;  // Response_AlarmInfoPlate, for --json
};

std::string snippet(std::string_view body) {
    std::string s(body.substr(0, 200));
    for (auto& ch : s)
        if (static_cast<unsigned char>(ch) < 0x20) ch = ' ';
    return s;
}

std::optional<int64_t> whole_number(const json::value* v) {
    if (!v) return std::nullopt;
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64() && v->get_uint64() <= static_cast<uint64_t>(INT64_MAX))
        return static_cast<int64_t>(v->get_uint64());
    return std::nullopt;
}

std::string text_of(const json::value* v) {
    if (!v) return {};
    return v->is_string() ? std::string(v->get_string()) : json::serialize(*v);
}

SerialFrame decode_serial_entry(const json::value& entry) {
    SerialFrame f;
    const json::object* o = entry.if_object();
    const json::value* data = o ? o->if_contains("data") : nullptr;
    if (!data || !data->is_string()) {
        f.led.error = "serialData entry without data";
        return f;
    }
    f.channel = whole_number(o->if_contains("serialChannel")).value_or(0);
    auto bytes = files::from_base64(data->get_string());
    if (!bytes) {
        f.led.error = "data is not base64";
        return f;
    }
    auto data_len = whole_number(o->if_contains("dataLen"));
    if (!data_len || *data_len != static_cast<int64_t>(bytes->size())) {
        f.led.error =
            fmt::format("dataLen is {}, data decodes to {} bytes", text_of(o->if_contains("dataLen")), bytes->size());
        return f;
    }
    f.led = decode_led_frame(*bytes);
    return f;
}

void read_whitelist(const json::value& operate, Reply& out) {
    const json::object* o = operate.if_object();
    const json::value* list = o ? o->if_contains("white_list_data") : nullptr;
    if (!list || !list->is_array()) {
        out.error = "white_list_operate without a white_list_data array";
        return;
    }
    bool add = whole_number(o->if_contains("operate_type")).value_or(0) == 0;
    for (const auto& item : list->get_array()) {
        const json::object* e = item.if_object();
        if (!e) continue;
        out.whitelist.push_back({add, text_of(e->if_contains("plate")), text_of(e->if_contains("enable_time")),
                                 text_of(e->if_contains("overdue_time")),
                                 whole_number(e->if_contains("enable")).value_or(1)});
    }
}

void read_reply(const Response& res, bool keep_body, Reply& out) {
    out.status = res.result_int();
    if (out.status != 200) {
        out.error = fmt::format("HTTP {}: {}", out.status, snippet(res.body()));
        return;
    }
    json::error_code ec;
    json::value root = json::parse(res.body(), ec);
    json::value* inner = ec || !root.is_object() ? nullptr : root.get_object().if_contains("Response_AlarmInfoPlate");
    if (!inner || !inner->is_object()) {
        out.error = "unparseable reply: " + snippet(res.body());
        return;
    }
    const json::object& r = inner->get_object();
    if (const auto* info = r.if_contains("info")) out.info = text_of(info);
    if (const auto* serial = r.if_contains("serialData")) {
        if (!serial->is_array()) {
            out.frames.push_back({0, {0, 0, {}, "serialData is not an array"}});
        } else {
            for (const auto& entry : serial->get_array()) out.frames.push_back(decode_serial_entry(entry));
        }
        for (const auto& f : out.frames) out.bad_frames += f.led.error.empty() ? 0 : 1;
    }
    if (const auto* cont = r.if_contains("ContinuePushOffline"); cont && cont->is_object()) {
        const auto& c = cont->get_object();
        if (whole_number(c.if_contains("continue")) == 1) out.continue_plateid = whole_number(c.if_contains("plateid"));
    }
    if (const auto* operate = r.if_contains("white_list_operate")) read_whitelist(*operate, out);
    if (keep_body) out.body = std::move(*inner);
}

const char* command_name(uint8_t command) {
    return command == 0x30 ? "voice" : command == 0x62 ? "display" : "command";
}

json::array frames_json(const Reply& r) {
    json::array frames;
    for (const auto& f : r.frames) {
        json::object o{{"channel", f.channel}, {"cmd", f.led.command}, {"kind", command_name(f.led.command)}};
        if (f.led.command == 0x62) o["line"] = f.led.lead;
        if (f.led.error.empty())
            o["text"] = f.led.text;
        else
            o["error"] = f.led.error;
        frames.push_back(std::move(o));
    }
    return frames;
}

void append_frames_text(const Reply& r, std::string& line) {
    for (const auto& f : r.frames) {
        if (!f.led.error.empty())
            fmt::format_to(std::back_inserter(line), " | BAD FRAME: {}", f.led.error);
        else if (f.led.command == 0x30)
            fmt::format_to(std::back_inserter(line), " | voice {}", f.led.text);
        else if (f.led.command == 0x62)
            fmt::format_to(std::back_inserter(line), " | display {}: {}", f.led.lead, f.led.text);
        else
            fmt::format_to(std::back_inserter(line), " | command 0x{:02X}", f.led.command);
    }
}

void print_line(FILE* to, std::string& line) {
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), to);  // one call, so lines from threads never mix
}

double percentile(std::vector<float>& v, double p) {
    if (v.empty()) return 0;
    auto k = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

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

void add_gate_sim_command(CLI::App& cli) {
    auto* cmd = cli.add_subcommand("gate-sim",
                                   "Play a Vzenith LPR gate camera against a PropDesk server (plain HTTP; no https)");
    auto a = std::make_shared<Args>();
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
        if (!cmd->remaining().empty()) throw UsageError("gate-sim: unexpected argument '" + cmd->remaining()[0] + "'");
        set_exit_code(run_gate_sim(validate(*a)));
    });
}

}  // namespace propdesk::app
