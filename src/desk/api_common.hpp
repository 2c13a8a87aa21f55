// What the desk's route handlers share: reading a case in the caller's site, the audit entry,
// and who is told about a step.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "desk/json.hpp"
#include "desk/model.hpp"
#include "org/rules.hpp"
#include "org/site.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/principal.hpp"
#include "platform/context.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/message.hpp"
#include "platform/json/json_in.hpp"
#include "platform/text/text.hpp"

namespace propdesk::desk::detail {

// ?name=a,b: each value must be one of `allowed` (422 naming the parameter otherwise).
template <size_t N>
std::vector<std::string> enum_list(const http::Request& req, const std::string& name, const char* const (&allowed)[N]) {
    auto items = http::query_list(req, name);
    for (const auto& s : items)
        if (!text::is_one_of(s, allowed)) throw AppError::invalid("unknown " + name + ": " + s, name);
    return items;
}

// ?sort=due_at or -due_at: a list by deadline, paged by offset; else newest first, after an id.
// The query asks for one row more than the page, to tell whether there is a next one.
template <class Query>
void page_query(Query& q, const http::PageParams& page) {
    q.limit = page.limit + 1;
    q.before_id = page.after_id;
    q.by_due = page.sort == "due_at";
    q.descending = page.descending;
    q.offset = page.offset;
}
inline const std::vector<std::string_view> kDueSort = {"due_at"};

// Drops the extra row page_query asked for and returns the next page's cursor, if any.
template <class T, class Query>
std::optional<std::string> trim_page(std::vector<T>& rows, const Query& q) {
    int limit = q.limit - 1;
    if (!q.by_due) return http::trim_id_page(rows, limit);
    if (static_cast<int>(rows.size()) <= limit) return std::nullopt;
    rows.resize(static_cast<size_t>(limit));
    return http::offset_cursor(q.offset + limit);
}

// FD-A: an intake's caller and what they said, as the desk typed it: the channel, unit and
// resident, the caller's name and phone, the content (from `content_field`), and the read back
// confirmed (復清楚), else 422 naming the field.
void read_intake(Case& v, const propdesk::json::JsonIn& in, const char* content_field);
// The unit's label, and the resident's name and phone where the desk typed none, from the
// case's site (422 naming unit_id or resident_id when not of it); then a caller's name is needed.
void complete_caller(db::Conn& c, Case& v);

// The site's zone and the site in the path are org's (org/site.hpp).
using org::site_in_path;
using org::zone_of;
// The case named by the path's {id}: 404 when missing or of another site, 403 without p.
Case case_in_path(db::Conn& c, const http::Request& req, auth::Permission p);

void audit_case(db::Conn& c,
                const http::Request& req,
                EpochMs now,
                const Case& after,
                const char* action,
                const std::optional<Case>& before,
                const std::string& zone);

// Sends a notification to each user (once each) and notes on the case's timeline who was told.
struct Alert {
    std::string kind;   // case_new_complaint, case_dispatched, case_overdue, return_visit_unsatisfied, …
    std::string title;  // in the site's default language (zh-TW); the web app shows its own text by kind
    std::string body;
};
void alert(db::Conn& c,
           const Case& about,
           const Alert& a,
           const std::vector<int64_t>& users,
           std::optional<int64_t> actor_id,
           EpochMs now);
std::vector<int64_t> desk_staff(db::Conn& c, int64_t site_id);       // front desk and property assistants
std::vector<int64_t> complaint_heads(db::Conn& c, int64_t site_id);  // customer-department managers and butlers
std::vector<int64_t> butlers(db::Conn& c, int64_t site_id);
std::vector<int64_t> merged(std::vector<int64_t> a, const std::vector<int64_t>& b);

}  // namespace propdesk::desk::detail
