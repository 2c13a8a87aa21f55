// The camera's side of the wire: plate pushes and heartbeats as a Vzenith camera sends them, over
// a keep-alive connection with a deadline on every read and write, and the server's replies read
// back (the decision, the LED frames, whitelist changes, commands).
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "app/gate_sim_options.hpp"
#include "parking/led_decode.hpp"
#include "platform/sample/rng.hpp"

namespace propdesk::app::gatesim {

using parking::decode_led_frame;
using parking::LedFrame;

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

// One plate result as the camera stored it. `index` picks the plate and the random visitor.
struct Record {
    int64_t index = 0;
    int64_t plateid = 0;
    int64_t sec = 0;
    int32_t usec = 0;
    bool offline = false;
};

void append_int(std::string& out, int64_t v);

std::string json_quoted(std::string_view s);

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

std::string multipart_heartbeat(const Config& c);

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

std::string snippet(std::string_view body);

std::optional<int64_t> whole_number(const json::value* v);

std::string text_of(const json::value* v);

SerialFrame decode_serial_entry(const json::value& entry);

void read_whitelist(const json::value& operate, Reply& out);

void read_reply(const Response& res, bool keep_body, Reply& out);

const char* command_name(uint8_t command);

json::array frames_json(const Reply& r);

void append_frames_text(const Reply& r, std::string& line);

void print_line(FILE* to, std::string& line);

}  // namespace propdesk::app::gatesim
