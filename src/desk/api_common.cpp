#include "desk/api_common.hpp"

#include <algorithm>

#include "desk/store.hpp"
#include "org/store.hpp"
#include "platform/notify/notify.hpp"

namespace propdesk::desk::detail {

void read_intake(Case& v, const propdesk::json::JsonIn& in, const char* content_field) {
    v.channel = in.req_enum("channel", {"visit", "phone", "web"});
    v.unit_id = in.opt_int("unit_id", 1, INT64_MAX);
    v.resident_id = in.opt_int("resident_id", 1, INT64_MAX);
    v.caller_name = in.opt_string("caller_name", 0, 100).value_or("");
    if (auto phone = in.opt_string("caller_phone", 0, 40); phone && !phone->empty()) {
        auto n = org::rules::normalise_phone(*phone);
        if (!n) throw AppError::invalid("phone must be 8–15 digits", "caller_phone");
        v.caller_phone = *n;
    }
    v.content = in.req_string(content_field, 1, 2000);
    if (in.opt_bool("read_back_confirmed") != true)
        throw AppError::invalid("read the record back to the caller and confirm it (復清楚) before saving",
                                "read_back_confirmed");
}

void complete_caller(db::Conn& c, Case& v) {
    if (v.unit_id) {
        auto label = store::unit_label(c, v.site_id, *v.unit_id);
        if (!label) throw AppError::invalid("no such unit in this site", "unit_id");
        v.unit_label = *label;
    }
    if (v.resident_id) {
        auto r = store::resident_caller(c, v.site_id, *v.resident_id);
        if (!r) throw AppError::invalid("no such resident in this site", "resident_id");
        if (v.caller_name.empty()) v.caller_name = r->name;
        if (v.caller_phone.empty()) v.caller_phone = r->phone;
    }
    if (v.caller_name.empty()) throw AppError::invalid("give the caller's name or choose a resident", "caller_name");
}

Case case_in_path(db::Conn& c, const http::Request& req, auth::Permission p) {
    auto v = store::get_case(c, req.id_param("id"));
    if (!v) throw AppError::not_found("case");
    auth::require(req.principal, p, v->site_id);
    return std::move(*v);
}

void audit_case(db::Conn& c,
                const http::Request& req,
                EpochMs now,
                const Case& after,
                const char* action,
                const std::optional<Case>& before,
                const std::string& zone) {
    std::optional<std::string> before_text;
    if (before) before_text = json::case_text(*before, zone, now);
    audit::append(c, audit::Actor::of(req.principal, req.request_id), now,
                  {after.site_id, "case", after.id, action, before_text, json::case_text(after, zone, now)});
}

void alert(db::Conn& c,
           const Case& about,
           const Alert& a,
           const std::vector<int64_t>& users,
           std::optional<int64_t> actor_id,
           EpochMs now) {
    int sent = 0;
    for (int64_t user : users) {
        if (actor_id && user == *actor_id) continue;  // nobody is told about their own step
        notify::create(c, {user, about.site_id, a.kind, a.title, a.body, "/cases/" + std::to_string(about.id)}, now);
        ++sent;
    }
    if (sent > 0)
        store::add_event(c, about.id, "notified", std::nullopt, std::nullopt, a.kind + " ×" + std::to_string(sent),
                         now);
}

std::vector<int64_t> desk_staff(db::Conn& c, int64_t site_id) {
    return store::users_with_roles(c, site_id, {"front_desk", "property_assistant"});
}

std::vector<int64_t> complaint_heads(db::Conn& c, int64_t site_id) {
    return store::users_with_roles(c, site_id, {"cs_manager", "butler"});
}

std::vector<int64_t> butlers(db::Conn& c, int64_t site_id) {
    return store::users_with_roles(c, site_id, {"butler"});
}

std::vector<int64_t> merged(std::vector<int64_t> a, const std::vector<int64_t>& b) {
    a.insert(a.end(), b.begin(), b.end());
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
    return a;
}

}  // namespace propdesk::desk::detail
