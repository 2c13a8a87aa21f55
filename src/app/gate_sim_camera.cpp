#include "app/gate_sim_camera.hpp"

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

void append_int(std::string& out, int64_t v) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

std::string json_quoted(std::string_view s) {
    return json::serialize(json::string(s));
}

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

}  // namespace propdesk::app::gatesim
