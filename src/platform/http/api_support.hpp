// Shared pieces of the JSON API conventions (../docs/openapi.yaml): bodies, ETag/If-Match,
// list pages with cursors.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/message.hpp"
#include "platform/json/writer.hpp"

namespace propdesk::http {

Response json_response(const boost::json::value& body, int status = 200);
// A single record: its JSON, with ETag: "<version>".
Response record_response(const boost::json::object& record, int64_t version, int status = 200);

// The version from If-Match ("3", "\"3\"" or W/"3"); 428 when missing, 400 when unreadable.
int64_t if_match_version(const Request& req);

struct PageParams {
    int limit = 50;        // 1…200
    int64_t after_id = 0;  // cursor of an id-ordered list: the last id seen
    int64_t offset = 0;    // cursor of a sorted list: rows already seen
    std::string q;         // search text, already folded
    std::string sort;      // one of the allowed names, or "" for id order
    bool descending = false;
};
// Reads limit, cursor, q and sort (?sort=name or ?sort=-name, one of allowed_sorts);
// 422 naming the bad one.
PageParams page_params(const Request& req, const std::vector<std::string_view>& allowed_sorts = {});
// Id-ordered lists continue after an id; sorted lists continue at an offset ("o150").
std::string id_cursor(int64_t last_id);
std::string offset_cursor(int64_t offset);
// {"items": [...], "next_cursor": "…" | null}
Response page_response(boost::json::array items,
                       std::optional<std::string> next_cursor,
                       std::optional<int64_t> total = std::nullopt);

// Filters such as ?building_id=3: nullopt when absent, 422 when not a positive integer.
std::optional<int64_t> id_query(const Request& req, const std::string& name);
// Filters that take several values, comma-separated (?status=recorded,replied): empty when absent.
std::vector<std::string> query_list(const Request& req, const std::string& name);
// ?department_id=2,5: 422 naming the parameter unless every one is a positive integer.
std::vector<int64_t> ids_query(const Request& req, const std::string& name);

// Newest-first lists ask for one row more than `limit`: drops it and returns the cursor (the
// last id shown) when there is a next page.
template <class T>
std::optional<std::string> trim_id_page(std::vector<T>& rows, int limit) {
    if (static_cast<int>(rows.size()) <= limit) return std::nullopt;
    rows.resize(static_cast<size_t>(limit));
    return id_cursor(rows.back().id);
}

// {"items": [...], "next_cursor": …} with the items written straight as text by write_items,
// for the hottest lists (no tree of values).
// With `total`, the count of every page ("total": 132), for a list that shows how many it found.
Response page_text_response(const std::function<void(json::Writer&)>& write_items,
                            const std::optional<std::string>& next_cursor,
                            std::optional<int64_t> total = std::nullopt);
// ?total=true asks a list for its total (a count of all pages: asked once, not on every page);
// 422 naming it when it is neither true nor false.
bool wants_total(const Request& req);

}  // namespace propdesk::http
