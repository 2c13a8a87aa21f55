// Small pieces every org route file shares.
#pragma once

#include <optional>

#include <boost/json/array.hpp>

#include "org/json.hpp"
#include "org/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/context.hpp"
#include "platform/error.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/message.hpp"

namespace propdesk::org::detail {

template <class T>
T found(std::optional<T> v, const char* what = "record") {
    if (!v) throw AppError::not_found(what);
    return std::move(*v);
}

inline void throw_if(const std::optional<std::string>& problem, const char* field) {
    if (problem) throw AppError::invalid(*problem, field);
}

inline void record_change(db::Conn& c,
                          const http::Request& req,
                          EpochMs now,
                          std::optional<int64_t> site_id,
                          const char* entity,
                          int64_t id,
                          const char* action,
                          const std::optional<boost::json::object>& before,
                          const boost::json::object& after) {
    audit::append(
        c, audit::Actor::of(req.principal, req.request_id), now,
        {site_id, entity, id, action, before ? std::optional(json::text(*before)) : std::nullopt, json::text(after)});
}

// The names a list may be sorted by (?sort=name or ?sort=-name) and the SQL column each means.
using SortColumns = std::initializer_list<std::pair<std::string_view, std::string_view>>;

inline store::ListQuery list_query(const http::Request& req, SortColumns sorts = {}) {
    std::vector<std::string_view> names;
    for (const auto& s : sorts) names.push_back(s.first);
    auto p = http::page_params(req, names);
    store::ListQuery q;
    q.after_id = p.after_id;
    q.offset = p.offset;
    q.limit = p.limit + 1;  // one more tells whether there is a next page
    q.q = p.q;
    for (const auto& s : sorts)
        if (s.first == p.sort) q.order = s.second;
    q.descending = p.descending;
    return q;
}

template <class T, class ToJson>
http::Response page_of(std::vector<T> rows, const store::ListQuery& q, ToJson&& to_json) {
    int limit = q.limit - 1;
    std::optional<std::string> next;
    if (static_cast<int>(rows.size()) > limit) {
        rows.resize(limit);
        next = q.order.empty() ? http::id_cursor(rows.back().id) : http::offset_cursor(q.offset + limit);
    }
    boost::json::array items;
    for (const auto& r : rows) items.push_back(to_json(r));
    return http::page_response(std::move(items), next);
}

// The site in the path must exist and be the caller's (404 otherwise), with p allowed (403).
inline int64_t site_in_path(db::Conn& c, const http::Request& req, auth::Permission p) {
    int64_t site_id = req.id_param("site_id");
    if (!req.principal.in_site(site_id) || !store::get_site(c, site_id)) throw AppError::not_found("site");
    auth::require(req.principal, p, site_id);
    return site_id;
}

// Reads the record named by the path's {id}, refuses it unless the caller may do p in its site
// (404 for another site, 403 without p), and returns it with its site's time zone.
template <class T>
std::pair<T, std::string> read_record(Context& ctx,
                                      const http::Request& req,
                                      std::optional<T> (*get)(db::Conn&, int64_t),
                                      auth::Permission p,
                                      const char* what) {
    std::string zone;
    T v = ctx.db.read_value([&](db::Conn& c) {
        T r = found(get(c, req.id_param("id")), what);
        zone = store::site_zone(c, r.site_id);
        return r;
    });
    auth::require(req.principal, p, v.site_id);
    return {std::move(v), std::move(zone)};
}

}  // namespace propdesk::org::detail
