// Small pieces every org route file shares.
#pragma once

#include <optional>

#include <boost/json/array.hpp>
#include <boost/json/monotonic_resource.hpp>

#include "org/json.hpp"
#include "org/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/context.hpp"
#include "platform/error.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/message.hpp"
#include "platform/json/writer.hpp"

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

// Drops the extra row list_query asked for and returns the cursor of the next page, if any.
template <class T>
std::optional<std::string> trim_page(std::vector<T>& rows, const store::ListQuery& q) {
    int limit = q.limit - 1;
    if (static_cast<int>(rows.size()) <= limit) return std::nullopt;
    rows.resize(limit);
    return q.order.empty() ? http::id_cursor(rows.back().id) : http::offset_cursor(q.offset + limit);
}

// A page written straight as JSON text by write(writer, row): for the hottest lists.
template <class T, class Write>
http::Response page_text(std::vector<T> rows, const store::ListQuery& q, Write&& write) {
    auto next = trim_page(rows, q);
    return http::page_text_response(
        [&](propdesk::json::Writer& w) {
            for (const auto& r : rows) write(w, r);
        },
        next);
}

template <class T, class ToJson>
http::Response page_of(std::vector<T> rows, const store::ListQuery& q, ToJson&& to_json) {
    auto next = trim_page(rows, q);
    // One arena for the whole page: its values are freed together once it is serialised.
    boost::json::monotonic_resource arena(32 * 1024);
    boost::json::storage_ptr sp(&arena);
    boost::json::array items(sp);
    items.reserve(rows.size());
    for (const auto& r : rows) items.push_back(to_json(r, sp));
    return http::page_response(std::move(items), next);
}

// The site in the path must exist and be the caller's (404 otherwise), with p allowed (403).
// Returns its id and time zone, read in one query.
struct SiteRef {
    int64_t id = 0;
    std::string zone;
};
inline SiteRef site_ref_in_path(db::Conn& c, const http::Request& req, auth::Permission p) {
    int64_t site_id = req.id_param("site_id");
    if (!req.principal.in_site(site_id)) throw AppError::not_found("site");
    auto zone = store::find_site_zone(c, site_id);
    if (!zone) throw AppError::not_found("site");
    auth::require(req.principal, p, site_id);
    return {site_id, std::move(*zone)};
}
inline int64_t site_in_path(db::Conn& c, const http::Request& req, auth::Permission p) {
    return site_ref_in_path(c, req, p).id;
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
