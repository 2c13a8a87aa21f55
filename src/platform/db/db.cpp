#include "platform/db/db.hpp"

#include <charconv>

namespace propdesk::db {

int64_t Row::i64(size_t i) const {
    const Value& v = cols_.at(i);
    if (auto p = std::get_if<int64_t>(&v)) return *p;
    if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
    if (auto p = std::get_if<std::string>(&v)) {
        int64_t out = 0;
        auto [ptr, ec] = std::from_chars(p->data(), p->data() + p->size(), out);
        if (ec == std::errc{} && ptr == p->data() + p->size()) return out;
    }
    throw std::logic_error("column " + std::to_string(i) + " is not an integer");
}

double Row::f64(size_t i) const {
    const Value& v = cols_.at(i);
    if (auto p = std::get_if<double>(&v)) return *p;
    if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
    if (auto p = std::get_if<std::string>(&v)) return std::stod(*p);
    throw std::logic_error("column " + std::to_string(i) + " is not a number");
}

std::string Row::str(size_t i) const {
    const Value& v = cols_.at(i);
    if (auto p = std::get_if<std::string>(&v)) return *p;
    if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
    if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
    return {};
}

std::optional<int64_t> Row::opt_i64(size_t i) const {
    if (is_null(i)) return std::nullopt;
    return i64(i);
}

std::optional<std::string> Row::opt_str(size_t i) const {
    if (is_null(i)) return std::nullopt;
    return str(i);
}

std::unique_ptr<Db> open(const std::string& url, const Options& options) {
    if (url.starts_with("sqlite:")) return open_sqlite(url.substr(7), options);
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return open_postgres(url, options);
    throw std::invalid_argument("database URL must start with sqlite: or postgresql://");
}

}  // namespace propdesk::db
