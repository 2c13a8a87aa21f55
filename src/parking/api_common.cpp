#include "parking/api_common.hpp"

#include <boost/json/serialize.hpp>

#include "org/site.hpp"
#include "org/store.hpp"
#include "parking/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/notify/notify.hpp"
#include "platform/text/text.hpp"

namespace propdesk::parking::detail {

gate::Payment payment_of(const propdesk::json::JsonIn& in) {
    return {in.req_enum("method", {"cash", "electronic"}), in.req_int("amount_cents", 0, 100'000'000),
            in.opt_string("reference", 0, 100).value_or(""), in.opt_int("received_cents", 0, 100'000'000),
            in.opt_enum("scheme", {"fps", "wechat", "alipay"}).value_or("")};
}

std::pair<int64_t, std::string> site_in_path(db::Conn& c, const http::Request& req, auth::Permission p) {
    return org::site_in_path(c, req, p);
}

std::string status_filter(const http::Request& req, std::initializer_list<std::string_view> allowed) {
    std::string status = req.query_param("status").value_or("");
    if (!status.empty() && !text::is_one_of(status, allowed)) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        throw AppError::invalid("status is one of " + list, "status");
    }
    return status;
}

std::string zone_of(db::Conn& c, int64_t site_id) {
    return org::zone_of(c, site_id);
}

Lane lane_of_site(db::Conn& c, int64_t site_id, int64_t lane_id, const char* field) {
    auto l = store::get_lane(c, lane_id);
    if (!l || l->site_id != site_id) throw AppError::not_found(field);
    return std::move(*l);
}

Lot lot_of_site(db::Conn& c, int64_t site_id, int64_t lot_id, const char* field) {
    auto l = store::get_lot(c, lot_id);
    if (!l || l->site_id != site_id) throw AppError::not_found(field);
    return std::move(*l);
}

Visit visit_of_site(db::Conn& c, int64_t site_id, int64_t visit_id) {
    auto v = store::get_visit(c, visit_id);
    if (!v || v->site_id != site_id) throw AppError::not_found("visit");
    return std::move(*v);
}

void audit(db::Conn& c,
           const http::Request& req,
           EpochMs now,
           int64_t site_id,
           const char* entity,
           int64_t entity_id,
           const char* action,
           const std::optional<boost::json::object>& before,
           const boost::json::object& after) {
    std::optional<std::string> b;
    if (before) b = boost::json::serialize(*before);
    audit::append(c, audit::Actor::of(req.principal, req.request_id), now,
                  {site_id, entity, entity_id, action, b, boost::json::serialize(after)});
}

void alert(db::Conn& c,
           int64_t site_id,
           const std::vector<int64_t>& users,
           std::optional<int64_t> actor_id,
           const std::string& kind,
           const std::string& title,
           const std::string& body,
           const std::string& link,
           EpochMs now) {
    for (int64_t u : users) {
        if (actor_id && *actor_id == u) continue;
        notify::create(c, {u, site_id, kind, title, body, link}, now);
    }
}

std::vector<int64_t> team_leads(db::Conn& c, int64_t site_id) {
    return org::store::users_with_roles(c, site_id, {"security_lead"});
}

std::vector<int64_t> car_park_staff(db::Conn& c, int64_t site_id) {
    return org::store::users_with_roles(c, site_id, {"parking_attendant", "security_lead"});
}

std::vector<int64_t> managers(db::Conn& c, int64_t site_id) {
    return org::store::users_with_roles(c, site_id, {"site_manager"});
}

}  // namespace propdesk::parking::detail
