#include "platform/http/message.hpp"

#include <charconv>

#include "platform/error.hpp"

namespace propdesk::http {

std::optional<std::string> Request::header(std::string_view lower_name) const {
    for (const auto& [k, v] : headers)
        if (k == lower_name) return v;
    return std::nullopt;
}

std::optional<std::string> Request::query_param(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

int64_t Request::id_param(const std::string& name) const {
    auto it = path_params.find(name);
    if (it == path_params.end()) throw std::logic_error("route has no parameter " + name);
    const std::string& s = it->second;
    int64_t id = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec != std::errc{} || p != s.data() + s.size() || id <= 0) throw AppError::not_found();
    return id;
}

}  // namespace propdesk::http
