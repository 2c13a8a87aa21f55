#include "platform/audit/api.hpp"

#include <boost/json.hpp>

#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/http/api_support.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::audit {
namespace {

namespace bj = boost::json;

bj::value parse_or_null(const std::optional<std::string>& s) {
    if (!s) return nullptr;
    boost::system::error_code ec;
    auto v = bj::parse(*s, ec);
    return ec ? bj::value(nullptr) : v;
}

// Who may read a record's history: whoever may read the record itself (issue 13: a case's history
// holds the caller's phone, a stay's the plate and the fee). A role that cannot open the record
// gets 403, as for the record. Records of the site's structure are everyone's in the site.
std::vector<auth::Permission> read_permissions(std::string_view entity) {
    using P = auth::Permission;
    if (entity == "resident") return {P::residents_read};
    if (entity == "case" || entity == "return_visit" || entity == "desk_policy") return {P::cases_read};
    if (entity == "repair" || entity == "work_order" || entity == "price_item" || entity == "repair_policy")
        return {P::repairs_read, P::repairs_work};
    if (entity.starts_with("parking_") || entity == "gate_camera") return {P::parking_read};
    if (entity == "user") return {P::staff_read};
    if (entity == "device") return {P::devices_admin};
    return {P::org_read};
}

void require_reader(const auth::Principal& who, std::string_view entity, int64_t site_id) {
    auth::require(who, auth::Permission::audit_read, site_id);  // 404 outside the site
    for (auto p : read_permissions(entity))
        if (who.can(p, site_id)) return;
    throw AppError::forbidden("you may not read this record, nor its history");
}

http::Response list(Context& ctx, http::Request& req) {
    auto entity = req.query_param("entity");
    if (!entity || entity->empty() || entity->size() > 40) throw AppError::invalid("entity is required", "entity");
    auto id = http::id_query(req, "id");
    if (!id) throw AppError::invalid("id is required", "id");
    auto page = http::page_params(req);
    std::vector<Entry> entries;
    std::string zone = "UTC";
    ctx.db.read([&](db::Conn& c) {
        entries = history(c, *entity, *id, page.after_id, page.limit + 1);
        if (!entries.empty() && entries.front().site_id) {
            if (auto row = c.one("SELECT time_zone FROM sites WHERE id = $1", *entries.front().site_id))
                zone = row->str(0);
        }
    });
    // The whole history belongs to one record, so its first row tells whose it is.
    if (!entries.empty()) {
        const auto& first = entries.front();
        if (first.site_id) {
            require_reader(req.principal, first.entity, *first.site_id);
        } else if (!req.principal.system_admin &&
                   !(first.entity == "user" && first.entity_id == req.principal.user_id)) {
            throw AppError::not_found();
        }
    }
    std::optional<std::string> next;
    if (static_cast<int>(entries.size()) > page.limit) {
        entries.pop_back();
        next = http::id_cursor(entries.back().id);
    }
    bj::array items;
    for (const auto& e : entries) {
        bj::object o{{"id", e.id},
                     {"entity", e.entity},
                     {"entity_id", e.entity_id},
                     {"action", e.action},
                     {"actor_name", e.actor_name},
                     {"at", timefmt::to_rfc3339(e.at, zone)},
                     {"request_id", e.request_id},
                     {"before", parse_or_null(e.before_json)},
                     {"after", parse_or_null(e.after_json)}};
        o["site_id"] = e.site_id ? bj::value(*e.site_id) : bj::value(nullptr);
        o["actor_user_id"] = e.actor_user_id ? bj::value(*e.actor_user_id) : bj::value(nullptr);
        o["actor_device_id"] = e.actor_device_id ? bj::value(*e.actor_device_id) : bj::value(nullptr);
        items.push_back(std::move(o));
    }
    return http::page_response(std::move(items), next);
}

}  // namespace

void register_routes(http::Router& router, Context& ctx) {
    router.add({"GET", "/api/v1/audit", http::Access::user, auth::Permission::audit_read,
                [&ctx](http::Request& r) { return list(ctx, r); }, 0, "A record's audit history"});
}

}  // namespace propdesk::audit
