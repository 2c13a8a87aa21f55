// Strict reading of a JSON request body: only the listed fields are accepted (400 unknown_field),
// wrong types are refused (400 wrong_type), and invalid values name their field (422). Nested
// objects and lists of objects are read the same way, their errors naming the field by its path
// (`payment.amount_cents`, `charges[2].quantity`).
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/time/clock.hpp"

namespace propdesk::json {

class JsonIn {
  public:
    JsonIn(std::string_view body, std::initializer_list<std::string_view> allowed_fields);

    bool has(std::string_view name) const;
    std::string req_string(std::string_view name, size_t min_chars = 1, size_t max_chars = 200) const;
    // A password: kept exactly as typed, spaces included.
    std::string req_secret(std::string_view name, size_t max_chars = 200) const;
    std::optional<std::string> opt_secret(std::string_view name, size_t max_chars = 200) const;
    std::optional<std::string> opt_string(std::string_view name, size_t min_chars = 0, size_t max_chars = 200) const;
    int64_t req_int(std::string_view name, int64_t min, int64_t max) const;
    std::optional<int64_t> opt_int(std::string_view name, int64_t min, int64_t max) const;
    std::optional<double> opt_number(std::string_view name, double min, double max) const;
    std::optional<bool> opt_bool(std::string_view name) const;
    std::optional<std::vector<std::string>> opt_string_list(std::string_view name,
                                                            size_t max_items,
                                                            size_t max_chars) const;
    std::optional<EpochMs> opt_time(std::string_view name) const;
    // One of the allowed words.
    std::string req_enum(std::string_view name, std::initializer_list<std::string_view> allowed) const;
    std::optional<std::string> opt_enum(std::string_view name, std::initializer_list<std::string_view> allowed) const;
    const boost::json::value* raw(std::string_view name) const;
    // A nested object of the listed fields; nullopt when absent or null.
    std::optional<JsonIn> opt_object(std::string_view name,
                                     std::initializer_list<std::string_view> allowed_fields) const;
    // A list of objects of the listed fields, at most max_items; empty when absent or null.
    std::vector<JsonIn> object_list(std::string_view name,
                                    std::initializer_list<std::string_view> allowed_fields,
                                    size_t max_items) const;
    // The field's path as errors name it: "quantity" in charges[2] is "charges[2].quantity".
    std::string path(std::string_view name) const;

  private:
    JsonIn(boost::json::value object, std::string prefix, std::initializer_list<std::string_view> allowed_fields);
    void check_fields(std::initializer_list<std::string_view> allowed_fields) const;

    boost::json::value root_;
    std::string prefix_;
};

// Counts characters (code points), not bytes, so a 10-character Chinese name is 10.
size_t utf8_length(std::string_view s);
bool is_valid_utf8(std::string_view s);

}  // namespace propdesk::json
