#include "platform/time/zone.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace propdesk::timefmt {

bool is_valid_zone(const std::string& zone) {
    try {
        date::locate_zone(zone);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

namespace {
// The last zone looked up by this thread: every record of a page is in the same site's zone.
const date::time_zone* find_zone(const std::string& zone) {
    thread_local std::string last_name;
    thread_local const date::time_zone* last = nullptr;
    if (last && zone == last_name) return last;
    const date::time_zone* tz = date::locate_zone(zone);
    last_name = zone;
    last = tz;
    return tz;
}
// A zone's offset holds between its transitions, so the last span found answers most calls.
std::chrono::seconds offset_at(const date::time_zone* tz, date::sys_seconds t) {
    thread_local const date::time_zone* zone = nullptr;
    thread_local date::sys_seconds begin{}, end{};
    thread_local std::chrono::seconds offset{0};
    if (tz != zone || t < begin || t >= end) {
        auto info = tz->get_info(t);
        zone = tz;
        begin = info.begin;
        end = info.end;
        offset = info.offset;
    }
    return offset;
}
void put(char*& p, int v, int digits) {
    for (int i = digits - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
    p += digits;
}
}  // namespace

std::string to_rfc3339(EpochMs t, const std::string& zone) {
    using namespace std::chrono;
    sys_seconds secs{duration_cast<seconds>(milliseconds{t - ((t % 1000) + 1000) % 1000})};
    const date::time_zone* tz = nullptr;
    try {
        tz = find_zone(zone);
    } catch (const std::exception&) {
    }
    seconds offset{0};
    if (tz) offset = offset_at(tz, secs);
    auto local = secs + offset;
    auto day = floor<date::days>(local);
    date::year_month_day ymd{day};
    int y = static_cast<int>(ymd.year());
    if (y < 0 || y > 9999) {  // outside RFC 3339's four-digit years: the general path
        if (!tz) return date::format("%FT%TZ", secs);
        auto off = duration_cast<minutes>(offset).count();
        char suffix[8];
        std::snprintf(suffix, sizeof suffix, "%c%02d:%02d", off < 0 ? '-' : '+', static_cast<int>(std::abs(off) / 60),
                      static_cast<int>(std::abs(off) % 60));
        return date::format("%FT%T", local) + suffix;
    }
    auto s = (local - day).count();
    char buf[32];
    char* p = buf;
    put(p, y, 4);
    *p++ = '-';
    put(p, static_cast<int>(static_cast<unsigned>(ymd.month())), 2);
    *p++ = '-';
    put(p, static_cast<int>(static_cast<unsigned>(ymd.day())), 2);
    *p++ = 'T';
    put(p, static_cast<int>(s / 3600), 2);
    *p++ = ':';
    put(p, static_cast<int>(s / 60 % 60), 2);
    *p++ = ':';
    put(p, static_cast<int>(s % 60), 2);
    if (!tz) {
        *p++ = 'Z';
    } else {
        auto off = duration_cast<minutes>(offset).count();
        *p++ = off < 0 ? '-' : '+';
        off = off < 0 ? -off : off;
        put(p, static_cast<int>(off / 60), 2);
        *p++ = ':';
        put(p, static_cast<int>(off % 60), 2);
    }
    return std::string(buf, p);
}

namespace {
bool read_int(std::string_view s, size_t pos, size_t len, int& out) {
    if (pos + len > s.size()) return false;
    for (size_t i = pos; i < pos + len; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return true;
}
}  // namespace

std::optional<EpochMs> parse_rfc3339(std::string_view s) {
    int y, mo, d, h, mi, se;
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
        return std::nullopt;
    if (!read_int(s, 0, 4, y) || !read_int(s, 5, 2, mo) || !read_int(s, 8, 2, d) || !read_int(s, 11, 2, h) ||
        !read_int(s, 14, 2, mi) || !read_int(s, 17, 2, se))
        return std::nullopt;
    size_t pos = 19;
    int ms = 0;
    if (pos < s.size() && s[pos] == '.') {
        size_t start = ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return std::nullopt;
        std::string frac(s.substr(start, std::min<size_t>(3, pos - start)));
        while (frac.size() < 3) frac += '0';
        ms = std::stoi(frac);
    }
    int offset_min = 0;
    if (pos >= s.size()) return std::nullopt;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh, om;
        if (pos + 6 != s.size() || s[pos + 3] != ':' || !read_int(s, pos + 1, 2, oh) || !read_int(s, pos + 4, 2, om) ||
            oh > 23 || om > 59)
            return std::nullopt;
        offset_min = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    auto ymd = date::year{y} / mo / d;
    if (!ymd.ok() || h > 23 || mi > 59 || se > 60) return std::nullopt;
    using namespace std::chrono;
    auto tp = date::sys_days{ymd} + hours{h} + minutes{mi} + seconds{se} - minutes{offset_min};
    return duration_cast<milliseconds>(tp.time_since_epoch()).count() + ms;
}

std::optional<EpochMs> local_day_start(std::string_view text, const std::string& zone) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int y = 0, m = 0, d = 0;
    for (int i : {0, 1, 2, 3}) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        y = y * 10 + (text[i] - '0');
    }
    for (int i : {5, 6}) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        m = m * 10 + (text[i] - '0');
    }
    for (int i : {8, 9}) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        d = d * 10 + (text[i] - '0');
    }
    date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    date::local_days local{ymd};
    const date::time_zone* tz = nullptr;
    try {
        tz = find_zone(zone);
    } catch (const std::exception&) {
    }
    std::chrono::sys_seconds start = tz ? tz->to_sys(date::local_seconds{local}, date::choose::earliest)
                                        : std::chrono::sys_seconds{local.time_since_epoch()};
    return std::chrono::duration_cast<std::chrono::milliseconds>(start.time_since_epoch()).count();
}

EpochMs next_day_start(EpochMs day_start, const std::string& zone) {
    // An hour past 24 is inside the next day however long this one is (23–25 hours).
    return *local_day_start(local_date(day_start + 25 * 3'600'000LL, zone), zone);
}

std::optional<EpochMs> local_time(std::string_view text, int minute_of_day, const std::string& zone) {
    if (minute_of_day < 0 || minute_of_day >= 24 * 60) return std::nullopt;
    if (!local_day_start(text, zone)) return std::nullopt;  // validates the date
    const date::time_zone* tz = nullptr;
    try {
        tz = find_zone(zone);
    } catch (const std::exception&) {
    }
    int y = std::stoi(std::string(text.substr(0, 4)));
    unsigned m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
    unsigned d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
    date::local_seconds local = date::local_days{date::year{y} / m / d} + std::chrono::minutes(minute_of_day);
    std::chrono::seconds offset{0};
    // info.first is the offset in force before a change: for a time that does not exist that
    // pushes it forward by the gap; for one that happens twice it is the earlier instant.
    if (tz) offset = tz->get_info(local).first.offset;
    std::chrono::sys_seconds t{local.time_since_epoch() - offset};
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::string local_date(EpochMs t, const std::string& zone) {
    return to_rfc3339(t, zone).substr(0, 10);
}

}  // namespace propdesk::timefmt
