#include "parking/tariff.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>

namespace propdesk::parking {
namespace {

constexpr int64_t kSecondMs = 1'000;
constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kMaxCents = 1'000'000'000;
constexpr int kMaxFreeMinutes = 7 * 24 * 60;
constexpr int kMinutesPerDay = 24 * 60;

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0))) --q;
    return q;
}

int64_t seconds_to_ms(int64_t s) {
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max() / kSecondMs;
    if (s >= kMax) return std::numeric_limits<int64_t>::max();
    if (s <= -kMax) return std::numeric_limits<int64_t>::min();
    return s * kSecondMs;
}

// Every exit at a site names the same zone, so the last one this thread looked up answers
// almost every call without locate_zone's search by name.
const date::time_zone* find_zone(const std::string& name) {
    thread_local std::string last_name;
    thread_local const date::time_zone* last = nullptr;
    thread_local bool looked_up = false;
    if (looked_up && name == last_name) return last;
    const date::time_zone* tz = nullptr;
    try {
        tz = date::locate_zone(name);
    } catch (const std::exception&) {
    }
    last_name = name;
    last = tz;
    looked_up = true;
    return tz;
}

// The offset in force over [begin, end). get_info is the costly call, and an offset usually holds
// for months, so it is asked again only when a block starts outside the span; the span is kept
// per thread so consecutive exits share it.
struct OffsetSpan {
    const date::time_zone* tz = nullptr;
    EpochMs begin = 0;
    EpochMs end = 0;  // begin == end: nothing known yet
    int64_t offset_ms = 0;
};

int64_t local_ms(const date::time_zone* tz, EpochMs t) {
    thread_local OffsetSpan span;
    if (span.tz != tz || t < span.begin || t >= span.end || span.begin == span.end) {
        span.tz = tz;
        if (!tz) {
            span.begin = std::numeric_limits<int64_t>::min();
            span.end = std::numeric_limits<int64_t>::max();
            span.offset_ms = 0;
        } else {
            date::sys_seconds at{std::chrono::seconds{floor_div(t, kSecondMs)}};
            auto info = tz->get_info(at);
            span.begin = seconds_to_ms(info.begin.time_since_epoch().count());
            span.end = seconds_to_ms(info.end.time_since_epoch().count());
            span.offset_ms = seconds_to_ms(info.offset.count());
        }
    }
    return t + span.offset_ms;
}

void put_digits(char*& p, int v, int digits) {
    for (int i = digits - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
    p += digits;
}

std::string day_text(int64_t day_number) {
    date::year_month_day ymd{date::sys_days{date::days{day_number}}};
    int y = static_cast<int>(ymd.year());
    int m = static_cast<int>(static_cast<unsigned>(ymd.month()));
    int d = static_cast<int>(static_cast<unsigned>(ymd.day()));
    char buf[24];
    if (y < 0 || y > 9999) {
        int n = std::snprintf(buf, sizeof buf, "%d-%02d-%02d", y, m, d);
        return std::string(buf, static_cast<size_t>(n));
    }
    char* p = buf;
    put_digits(p, y, 4);
    *p++ = '-';
    put_digits(p, m, 2);
    *p++ = '-';
    put_digits(p, d, 2);
    return std::string(buf, p);
}

// Sums the blocks of one local day at a time; blocks arrive in time order, so a new day number
// closes the previous day for good.
class DayTotals {
  public:
    DayTotals(Fee& fee, int64_t cap) : fee_(fee), cap_(cap) {}

    void add(int64_t day_number, int64_t cents) {
        if (!open_ || day_number != day_) {
            close();
            open_ = true;
            day_ = day_number;
            sum_ = 0;
        }
        sum_ += cents;
    }

    void close() {
        if (!open_) return;
        bool capped = cap_ > 0 && sum_ >= cap_;
        int64_t cents = capped ? cap_ : sum_;
        fee_.days.push_back(DayCharge{day_text(day_), cents, capped});
        fee_.cents += cents;
        open_ = false;
    }

  private:
    Fee& fee_;
    int64_t cap_;
    bool open_ = false;
    int64_t day_ = 0;
    int64_t sum_ = 0;
};

bool in_window(int minute, int start, int end) {
    if (start == end) return false;
    if (start < end) return minute >= start && minute < end;
    return minute >= start || minute < end;  // wraps midnight
}

}  // namespace

Fee stay_fee(const Tariff& t, EpochMs entry, EpochMs exit, const std::string& zone) {
    Fee fee;
    if (exit <= entry) {
        fee.free_period = true;
        return fee;
    }
    const int64_t stay = exit - entry;
    fee.minutes = stay / kMinuteMs + (stay % kMinuteMs != 0 ? 1 : 0);
    if (stay <= int64_t{t.free_minutes} * kMinuteMs) {
        fee.free_period = true;
        return fee;
    }

    // tariff_problem refuses these before a tariff is saved; clamping here only keeps a bad row
    // from hanging the exit lane.
    const int64_t first_ms = int64_t{std::max(0, t.first_minutes)} * kMinuteMs;
    const int64_t unit_ms = int64_t{std::max(1, t.unit_minutes)} * kMinuteMs;

    const date::time_zone* tz = find_zone(zone);
    // Bounded so that a bogus exit years out cannot make the reservation itself fail.
    fee.days.reserve(static_cast<size_t>(std::min<int64_t>(stay / kDayMs + 2, 1024)));
    DayTotals totals(fee, t.daily_cap_cents);

    EpochMs start = entry;
    if (first_ms > 0) {
        totals.add(floor_div(local_ms(tz, entry), kDayMs), t.first_cents);
        if (first_ms >= stay) {
            totals.close();
            return fee;
        }
        start = entry + first_ms;
    }
    for (;;) {
        const int64_t local = local_ms(tz, start);
        const int64_t day = floor_div(local, kDayMs);
        const int minute = static_cast<int>((local - day * kDayMs) / kMinuteMs);
        const bool night = in_window(minute, t.night_start_minute, t.night_end_minute);
        totals.add(day, night ? t.night_unit_cents : t.unit_cents);
        if (unit_ms >= exit - start) break;
        start += unit_ms;
    }
    totals.close();
    return fee;
}

const Tariff* tariff_at(const std::vector<Tariff>& versions, EpochMs at) {
    const Tariff* best = nullptr;
    for (const auto& v : versions) {
        if (v.effective_from > at) continue;
        if (!best || v.effective_from > best->effective_from ||
            (v.effective_from == best->effective_from && v.id > best->id))
            best = &v;
    }
    return best;
}

std::optional<std::string> tariff_problem(const Tariff& t) {
    auto bad_cents = [](int64_t c) { return c < 0 || c > kMaxCents; };
    auto bad_minute_of_day = [](int m) { return m < 0 || m >= kMinutesPerDay; };
    if (t.free_minutes < 0 || t.free_minutes > kMaxFreeMinutes) return "free_minutes";
    if (t.first_minutes < 0) return "first_minutes";
    if (bad_cents(t.first_cents)) return "first_cents";
    if (t.unit_minutes <= 0) return "unit_minutes";
    if (bad_cents(t.unit_cents)) return "unit_cents";
    if (bad_cents(t.night_unit_cents)) return "night_unit_cents";
    if (bad_minute_of_day(t.night_start_minute)) return "night_start_minute";
    if (bad_minute_of_day(t.night_end_minute)) return "night_end_minute";
    if (bad_cents(t.daily_cap_cents)) return "daily_cap_cents";
    return std::nullopt;
}

}  // namespace propdesk::parking
