// Writes JSON text straight into a string, for hot list pages where building a tree of values
// and then serialising it costs more than the query. Keys and commas are placed by the writer;
// strings are escaped as RFC 8259 requires. The caller keeps the nesting balanced.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace propdesk::json {

class Writer {
  public:
    explicit Writer(std::string& out) : out_(out) {}

    Writer& begin_object();
    Writer& end_object();
    Writer& begin_array();
    Writer& end_array();
    Writer& key(std::string_view k);  // the next value belongs to k; k is written unescaped
    Writer& value(std::string_view s);
    Writer& value(const char* s) { return value(std::string_view(s)); }
    Writer& value(int64_t v);
    Writer& value(int v) { return value(int64_t{v}); }
    Writer& value(bool v);
    Writer& null();
    // Inserts JSON text that is already valid as one value.
    Writer& raw(std::string_view json);

    template <class V>
    Writer& field(std::string_view k, V&& v) {
        key(k);
        return value(std::forward<V>(v));
    }
    // The value, or null when absent.
    template <class V>
    Writer& field(std::string_view k, const std::optional<V>& v) {
        key(k);
        return v ? value(*v) : null();
    }
    // {"id", "name"} of a referenced record, or null.
    Writer& ref_field(std::string_view k, const std::optional<int64_t>& id, std::string_view name);

  private:
    void separate();  // a comma before every value or key except a container's first
    std::string& out_;
    bool need_comma_ = false;
    bool after_key_ = false;
};

// s as a JSON string literal, quotes included.
void append_escaped(std::string& out, std::string_view s);

}  // namespace propdesk::json
