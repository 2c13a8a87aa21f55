#include "parking/protocol.hpp"

#include <boost/json.hpp>
#include <cstdint>

#include "parking/led.hpp"
#include "platform/files/content.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::parking::protocol {
namespace {

namespace bj = boost::json;

const bj::object* object_at(const bj::object& o, std::string_view key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_object() ? &it->value().get_object() : nullptr;
}

std::optional<int64_t> int_at(const bj::object* o, std::string_view key) {
    if (!o) return std::nullopt;
    auto it = o->find(key);
    if (it == o->end()) return std::nullopt;
    const auto& v = it->value();
    if (v.is_int64()) return v.get_int64();
    // Anything outside int64 is refused, never cast: the body is read before the token is checked.
    if (v.is_uint64()) {
        if (v.get_uint64() > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
        return static_cast<int64_t>(v.get_uint64());
    }
    if (v.is_double()) {
        double d = v.get_double();
        if (!(d >= -9.2e18 && d <= 9.2e18) || d != static_cast<double>(static_cast<int64_t>(d))) return std::nullopt;
        return static_cast<int64_t>(d);
    }
    if (v.is_string()) {  // some OEM cameras quote their numbers
        std::string text(v.get_string());
        size_t used = 0;
        try {
            int64_t n = std::stoll(text, &used);
            if (used == text.size()) return n;
        } catch (...) {
        }
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<std::string> string_at(const bj::object* o, std::string_view key) {
    if (!o) return std::nullopt;
    auto it = o->find(key);
    if (it == o->end() || !it->value().is_string()) return std::nullopt;
    return std::string(it->value().get_string());
}

bj::object serial(const std::vector<uint8_t>& frame, int channel) {
    std::string_view bytes(reinterpret_cast<const char*>(frame.data()), frame.size());
    return {
        {"serialChannel", channel}, {"data", files::to_base64(bytes)}, {"dataLen", static_cast<int64_t>(frame.size())}};
}

std::string camera_time(EpochMs t, const std::string& zone) {
    std::string s = timefmt::to_rfc3339(t, zone);  // 2026-01-01T00:00:00+08:00
    s = s.substr(0, 19);
    s[10] = ' ';
    return s;
}

std::string wrap(bj::object inner) {
    return bj::serialize(bj::object{{"Response_AlarmInfoPlate", std::move(inner)}});
}

}  // namespace

Parsed parse_push(std::string_view body) {
    bj::error_code ec;
    bj::value v = bj::parse(body, ec);
    if (ec || !v.is_object()) return {std::nullopt, "body is not a JSON object"};
    const auto* alarm = object_at(v.get_object(), "AlarmInfoPlate");
    if (!alarm) return {std::nullopt, "AlarmInfoPlate missing"};
    const auto* result = object_at(*alarm, "result");
    const auto* plate = result ? object_at(*result, "PlateResult") : nullptr;
    if (!plate) return {std::nullopt, "result.PlateResult missing"};
    PlatePush p;
    auto serialno = string_at(alarm, "serialno");
    if (!serialno || serialno->empty()) return {std::nullopt, "serialno missing"};
    p.serialno = *serialno;
    auto license = string_at(plate, "license");
    if (!license) return {std::nullopt, "license missing"};
    if (license->size() > 64) return {std::nullopt, "license too long"};
    p.plate = *license;
    auto plateid = int_at(plate, "plateid");
    if (!plateid) return {std::nullopt, "plateid missing"};
    p.plateid = *plateid;
    p.channel = int_at(alarm, "channel");
    p.confidence = int_at(plate, "confidence");
    p.is_offline = int_at(plate, "isoffline").value_or(0) == 1;
    if (const auto* ts = object_at(*plate, "timeStamp")) {
        const auto* tv = object_at(*ts, "Timeval");
        // A camera clock outside 1970…2100 is read as no time at all (and never multiplied out).
        p.cam_sec = int_at(tv, "sec").value_or(0);
        if (p.cam_sec < 0 || p.cam_sec > 4'102'444'800) p.cam_sec = 0;
        p.cam_usec = int_at(tv, "usec").value_or(0);
        if (p.cam_usec < 0 || p.cam_usec >= 1'000'000) p.cam_usec = 0;
    }
    if (auto it = plate->find("gioouts"); it != plate->end() && it->value().is_array()) {
        p.gate_outputs_sent = true;
        for (const auto& g : it->value().get_array())
            if (g.is_object() && int_at(&g.get_object(), "ctrltype").value_or(0) == 2) p.opened_offline = true;
    }
    p.image_base64 = string_at(plate, "imageFile").value_or("");
    return {std::move(p), ""};
}

std::optional<std::string> heartbeat_serialno(std::string_view body, std::string_view content_type) {
    bool json = content_type.find("json") != std::string_view::npos || (!body.empty() && body.front() == '{');
    if (json) {
        bj::error_code ec;
        bj::value v = bj::parse(body, ec);
        if (ec || !v.is_object()) return std::nullopt;
        const auto* hb = object_at(v.get_object(), "heartbeat");
        auto s = string_at(hb ? hb : &v.get_object(), "serialno");
        return s && !s->empty() ? s : std::nullopt;
    }
    // multipart/form-data: …name="serialno"\r\n\r\n<value>\r\n--boundary
    auto at = body.find("name=\"serialno\"");
    if (at != std::string_view::npos) {
        auto start = body.find("\r\n\r\n", at);
        if (start == std::string_view::npos) return std::nullopt;
        start += 4;
        auto end = body.find("\r\n", start);
        std::string v(body.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        return v.empty() ? std::nullopt : std::optional(v);
    }
    // Some firmwares post the same fields urlencoded.
    auto key = body.find("serialno=");
    while (key != std::string_view::npos && key > 0 && body[key - 1] != '&') key = body.find("serialno=", key + 1);
    if (key == std::string_view::npos) return std::nullopt;
    auto start = key + 9;
    std::string v(body.substr(start, body.find('&', start) - start));
    return v.empty() ? std::nullopt : std::optional(v);
}

std::string plate_reply(const Reply& r) {
    bj::object o{{"info", r.open ? "ok" : "no"}, {"channelNum", r.channel}, {"plateid", r.plateid}};
    bj::array data;
    for (size_t i = 0; i < r.led_lines.size(); ++i)
        if (!r.led_lines[i].empty()) data.push_back(serial(show_frame(static_cast<int>(i), r.led_lines[i]), 0));
    if (!r.speak.empty()) data.push_back(serial(speak_frame(r.speak), 0));
    if (!data.empty()) o["serialData"] = std::move(data);
    if (r.continue_offline) o["ContinuePushOffline"] = bj::object{{"plateid", r.plateid}, {"continue", 1}};
    return wrap(std::move(o));
}

std::string heartbeat_reply(const Reply& r) {
    bj::object o{{"info", r.open ? "ok" : "no"}};
    if (!r.whitelist.empty()) {
        bj::array list;
        for (const auto& w : r.whitelist)
            list.push_back(bj::object{{"plate", w.plate},
                                      {"enable", w.enabled ? 1 : 0},
                                      {"need_alarm", 0},
                                      {"enable_time", camera_time(w.enable_time, r.zone)},
                                      {"overdue_time", camera_time(w.overdue_time, r.zone)}});
        o["white_list_operate"] =
            bj::object{{"operate_type", r.whitelist.front().enabled ? 0 : 1}, {"white_list_data", std::move(list)}};
    }
    return wrap(std::move(o));
}

std::string refusal_reply(int64_t plateid) {
    return wrap(bj::object{{"info", "no"}, {"plateid", plateid}});
}

}  // namespace propdesk::parking::protocol
