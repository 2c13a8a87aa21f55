#include "org/rules.hpp"

#include <cmath>

#include "platform/search/fold.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::org::rules {

Problem site_code_problem(std::string_view code) {
    if (code.size() < 2 || code.size() > 20) return "code must be 2–20 characters";
    for (char c : code)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
            return "code may hold only letters, digits, - and _";
    return std::nullopt;
}

Problem time_zone_problem(const std::string& zone) {
    if (!timefmt::is_valid_zone(zone)) return "time_zone must be an IANA zone such as Asia/Hong_Kong";
    return std::nullopt;
}

Problem currency_problem(std::string_view currency) {
    if (currency.size() != 3) return "currency must be a 3-letter ISO 4217 code such as HKD";
    for (char c : currency)
        if (c < 'A' || c > 'Z') return "currency must be a 3-letter ISO 4217 code such as HKD";
    return std::nullopt;
}

Problem login_problem(std::string_view login) {
    if (login.size() < 2 || login.size() > 40) return "login must be 2–40 characters";
    for (char c : login)
        if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '.' && c != '_' && c != '-')
            return "login may hold only lower-case letters, digits, '.', '_' and '-'";
    return std::nullopt;
}

Problem email_problem(std::string_view email) {
    if (email.empty()) return std::nullopt;
    auto at = email.find('@');
    bool ok = at != std::string_view::npos && at > 0 && email.find('@', at + 1) == std::string_view::npos &&
              email.size() <= 200 && email.find_first_of(" \t,;") == std::string_view::npos;
    if (ok) {
        auto domain = email.substr(at + 1);
        ok = !domain.empty() && domain.front() != '.' && domain.back() != '.' &&
             domain.find('.') != std::string_view::npos && domain.find("..") == std::string_view::npos;
    }
    if (!ok) return "email must look like name@example.com";
    return std::nullopt;
}

std::optional<std::string> normalise_phone(std::string_view raw) {
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == ' ' || c == '-' || c == '(' || c == ')') continue;
        if (c == '+' && out.empty()) {
            out += c;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        out += c;
    }
    size_t digits = out.size() - (out.starts_with('+') ? 1 : 0);
    if (digits < 8 || digits > 15) return std::nullopt;
    return out;
}

Problem phone_problem(std::string_view raw) {
    if (!normalise_phone(raw)) return "phone must be 8–15 digits";
    return std::nullopt;
}

Problem floor_problem(int64_t floor) {
    if (floor < -10 || floor > 200) return "floor must be between -10 and 200";
    return std::nullopt;
}

std::optional<int64_t> floor_area_cm2(double m2) {
    if (!std::isfinite(m2) || m2 <= 0 || m2 > 100000) return std::nullopt;
    double hundredths = m2 * 100;
    if (std::abs(hundredths - std::round(hundredths)) > 1e-6) return std::nullopt;
    int64_t rounded = std::llround(hundredths);
    if (rounded <= 0) return std::nullopt;  // 1e-9 m² is not a flat
    return rounded * 100;
}

double floor_area_m2(int64_t cm2) {
    return static_cast<double>(cm2 / 100) / 100.0;
}

std::string search_text(const std::vector<std::string_view>& parts) {
    std::string joined;
    for (auto p : parts) {
        if (p.empty()) continue;
        if (!joined.empty()) joined += ' ';
        joined += p;
    }
    return search::fold(joined);
}

namespace {
void put_field(std::string& out, std::string_view v) {
    for (char c : v) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
}
// Reads one field up to the next unescaped tab or newline; leaves `at` on that separator.
std::string get_field(std::string_view text, size_t& at) {
    size_t end = at;
    while (end < text.size() && text[end] != '\t' && text[end] != '\n') ++end;
    std::string_view raw = text.substr(at, end - at);
    at = end;
    if (raw.find('\\') == std::string_view::npos) return std::string(raw);  // the usual case
    std::string out;
    out.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '\\' && i + 1 < raw.size()) {
            char e = raw[++i];
            out += e == 't' ? '\t' : e == 'n' ? '\n' : e;
        } else {
            out += c;
        }
    }
    return out;
}
}  // namespace

std::string encode_links(const std::vector<LinkFields>& links) {
    std::string out;
    for (const auto& l : links) {
        if (!out.empty()) out += '\n';
        out += std::to_string(l.unit_id);
        out += '\t';
        put_field(out, l.building_name);
        out += '\t';
        put_field(out, l.unit_number);
        out += '\t';
        put_field(out, l.relation);
    }
    return out;
}

std::vector<LinkFields> decode_links(std::string_view text) {
    std::vector<LinkFields> out;
    size_t at = 0;
    while (at < text.size()) {
        LinkFields l;
        std::string fields[4];
        for (int i = 0; i < 4; ++i) {
            fields[i] = get_field(text, at);
            if (i < 3 && at < text.size() && text[at] == '\t') ++at;
        }
        while (at < text.size() && text[at] != '\n') ++at;  // extra fields: ignored
        ++at;
        int64_t id = 0;
        bool digits = !fields[0].empty() && fields[0].size() <= 18;
        for (char c : fields[0]) {
            if (c < '0' || c > '9')
                digits = false;
            else
                id = id * 10 + (c - '0');
        }
        if (!digits) continue;
        l.unit_id = id;
        l.building_name = std::move(fields[1]);
        l.unit_number = std::move(fields[2]);
        l.relation = std::move(fields[3]);
        out.push_back(std::move(l));
    }
    return out;
}

}  // namespace propdesk::org::rules
