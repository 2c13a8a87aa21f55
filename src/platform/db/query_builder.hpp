// Builds the WHERE of list queries whose filters are optional, numbering $n placeholders,
// so neither backend has to infer a type for "$1 IS NULL".
#pragma once

#include <string>
#include <vector>

#include "platform/db/db.hpp"

namespace propdesk::db {

class Filter {
  public:
    // cond holds one '?' for the value, e.g. "site_id = ?".
    template <class T>
    Filter& where(std::string_view cond, T&& value) {
        params_.push_back(Conn::to_value(std::forward<T>(value)));
        std::string c(cond);
        auto q = c.find('?');
        if (q != std::string::npos) c.replace(q, 1, "$" + std::to_string(params_.size()));
        conds_.push_back(std::move(c));
        return *this;
    }
    // A condition without a value of its own, or whose placeholders came from param().
    Filter& where(std::string cond) {
        conds_.push_back(std::move(cond));
        return *this;
    }
    // column IN (values…); nothing when values is empty (no filter).
    template <class T>
    Filter& where_in(std::string_view column, const std::vector<T>& values) {
        if (values.empty()) return *this;
        std::string cond = std::string(column) + " IN (";
        for (size_t i = 0; i < values.size(); ++i) cond += (i ? ", " : "") + param(Conn::to_value(values[i]));
        return where(cond + ")");
    }
    // The column holds the folded search term as a substring (% and _ are plain characters).
    Filter& contains(std::string_view column, const std::string& folded_term);

    std::string sql() const;  // " WHERE a AND b" or ""
    // Appends a value and returns its placeholder, for LIMIT and the like.
    std::string param(Value v);
    const std::vector<Value>& params() const { return params_; }

  private:
    std::vector<std::string> conds_;
    std::vector<Value> params_;
};

}  // namespace propdesk::db
