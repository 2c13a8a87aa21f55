#include "platform/http/api_support.hpp"

#include <algorithm>

#include <boost/json/serialize.hpp>
#include <charconv>

#include "platform/error.hpp"
#include "platform/search/fold.hpp"

namespace propdesk::http {

Response json_response(const boost::json::value& body, int status) {
    return Response::json(status, boost::json::serialize(body));
}

Response record_response(const boost::json::object& record, int64_t version, int status) {
    // serialize(object) directly: json_response(const value&) would deep-copy the object into a value first.
    Response r = Response::json(status, boost::json::serialize(record));
    r.header("ETag", "\"" + std::to_string(version) + "\"");
    return r;
}

namespace {
std::optional<int64_t> parse_positive(std::string_view s) {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || v < 0) return std::nullopt;
    return v;
}
}  // namespace

int64_t if_match_version(const Request& req) {
    auto h = req.header("if-match");
    if (!h) throw AppError::precondition_required();
    std::string_view v = *h;
    if (v.starts_with("W/")) v.remove_prefix(2);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    auto n = parse_positive(v);
    if (!n) throw AppError(400, "bad_if_match", "If-Match must hold the record's version, like \"3\"");
    return *n;
}

PageParams page_params(const Request& req, const std::vector<std::string_view>& allowed_sorts) {
    PageParams p;
    if (auto l = req.query_param("limit")) {
        auto n = parse_positive(*l);
        if (!n || *n < 1 || *n > 200) throw AppError::invalid("limit must be between 1 and 200", "limit");
        p.limit = static_cast<int>(*n);
    }
    if (auto s = req.query_param("sort"); s && !s->empty()) {
        std::string_view name = *s;
        p.descending = name.starts_with('-');
        if (p.descending) name.remove_prefix(1);
        bool known = false;
        for (auto a : allowed_sorts) known = known || a == name;
        if (!known) {
            std::string list;
            for (auto a : allowed_sorts) list += (list.empty() ? "" : ", ") + std::string(a);
            throw AppError::invalid("sort must be one of: " + (list.empty() ? "(none)" : list), "sort");
        }
        p.sort = name;
    }
    if (auto c = req.query_param("cursor"); c && !c->empty()) {
        bool is_offset = c->front() == 'o';
        auto n = parse_positive(is_offset ? std::string_view(*c).substr(1) : std::string_view(*c));
        if (!n || is_offset != !p.sort.empty())
            throw AppError::invalid("cursor is not one this server gave out", "cursor");
        (is_offset ? p.offset : p.after_id) = *n;
    }
    if (auto q = req.query_param("q")) {
        if (q->size() > 200) throw AppError::invalid("q must be at most 200 characters", "q");
        p.q = search::fold(*q);
    }
    return p;
}

std::string id_cursor(int64_t last_id) {
    return std::to_string(last_id);
}
std::string offset_cursor(int64_t offset) {
    return "o" + std::to_string(offset);
}

Response page_response(boost::json::array items, std::optional<std::string> next_cursor, std::optional<int64_t> total) {
    boost::json::object body(items.storage());  // the items' own storage: moved, not copied
    body["items"] = std::move(items);
    if (next_cursor)
        body["next_cursor"] = *next_cursor;
    else
        body["next_cursor"] = nullptr;
    if (total) body["total"] = *total;
    return Response::json(200, boost::json::serialize(body));  // no deep copy into a temporary value
}

std::optional<int64_t> id_query(const Request& req, const std::string& name) {
    auto v = req.query_param(name);
    if (!v) return std::nullopt;
    auto n = parse_positive(*v);
    if (!n || *n == 0) throw AppError::invalid(name + " must be a positive integer", name);
    return n;
}

std::vector<std::string> query_list(const Request& req, const std::string& name) {
    std::vector<std::string> out;
    auto v = req.query_param(name);
    if (!v) return out;
    size_t start = 0;
    while (start <= v->size()) {
        size_t comma = v->find(',', start);
        if (comma == std::string::npos) comma = v->size();
        if (comma > start) out.push_back(v->substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

std::vector<int64_t> ids_query(const Request& req, const std::string& name) {
    std::vector<int64_t> out;
    for (const auto& one : query_list(req, name)) {
        auto n = parse_positive(one);
        if (!n || *n == 0) throw AppError::invalid(name + " must be positive integers, comma-separated", name);
        out.push_back(*n);
    }
    return out;
}

bool wants_total(const Request& req) {
    auto v = req.query_param("total");
    if (!v) return false;
    if (*v != "true" && *v != "false") throw AppError::invalid("total must be true or false", "total");
    return *v == "true";
}

Response page_text_response(const std::function<void(json::Writer&)>& write_items,
                            const std::optional<std::string>& next_cursor,
                            std::optional<int64_t> total) {
    // Pages of one kind are alike in size: start at the last one's on this thread, so a 60 KB page
    // is not grown (and copied) a dozen times.
    thread_local size_t last_size = 4096;
    std::string body;
    body.reserve(std::min<size_t>(last_size + last_size / 8, 4 << 20));
    json::Writer w(body);
    w.begin_object().key("items").begin_array();
    write_items(w);
    w.end_array().key("next_cursor");
    if (next_cursor)
        w.value(*next_cursor);
    else
        w.null();
    if (total) w.key("total").value(*total);
    w.end_object();
    last_size = body.size();
    return Response::json(200, std::move(body));
}

}  // namespace propdesk::http
