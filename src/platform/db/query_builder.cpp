#include "platform/db/query_builder.hpp"

namespace propdesk::db {

Filter& Filter::contains(std::string_view column, const std::string& folded_term) {
    std::string escaped;
    for (char c : folded_term) {
        if (c == '%' || c == '_' || c == '\\') escaped += '\\';
        escaped += c;
    }
    return where(std::string(column) + " LIKE ? ESCAPE '\\'", "%" + escaped + "%");
}

std::string Filter::sql() const {
    std::string out;
    for (size_t i = 0; i < conds_.size(); ++i) out += (i == 0 ? " WHERE " : " AND ") + conds_[i];
    return out;
}

std::string Filter::param(Value v) {
    params_.push_back(std::move(v));
    return "$" + std::to_string(params_.size());
}

}  // namespace propdesk::db
