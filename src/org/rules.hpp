// Validation of the organisation's values, as pure functions. Each returns the problem in
// words (for the field it names), or nullopt when the value is fine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace propdesk::org::rules {

using Problem = std::optional<std::string>;

Problem site_code_problem(std::string_view code);
Problem time_zone_problem(const std::string& zone);
Problem currency_problem(std::string_view currency);
Problem login_problem(std::string_view login);
Problem email_problem(std::string_view email);

// Spaces, dashes and brackets are dropped; what is left must be 8–15 digits, with an optional +.
std::optional<std::string> normalise_phone(std::string_view raw);
Problem phone_problem(std::string_view raw);

Problem floor_problem(int64_t floor);
// m² with at most two decimals, above 0 and at most 100 000 m².
std::optional<int64_t> floor_area_cm2(double m2);
double floor_area_m2(int64_t cm2);

// Text the `q` search matches, folded once when a record is saved.
std::string search_text(const std::vector<std::string_view>& parts);

// A resident's unit links kept on the resident row, so a list page is one query without joins.
// One line per link, tab-separated; backslash, tab and newline inside a field are escaped.
struct LinkFields {
    int64_t unit_id = 0;
    std::string building_name;
    std::string unit_number;
    std::string relation;
};
std::string encode_links(const std::vector<LinkFields>& links);
// Text that encode_links did not write yields the links it could read, never a crash.
std::vector<LinkFields> decode_links(std::string_view text);

}  // namespace propdesk::org::rules
