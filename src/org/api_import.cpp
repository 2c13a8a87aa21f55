// POST /api/v1/sites/{site_id}/imports/units|residents with a text/csv body.
#include <boost/json.hpp>

#include "org/api.hpp"
#include "org/api_common.hpp"
#include "org/import.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"

namespace propdesk::org {
namespace {

using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;

constexpr size_t kMaxCsv = 20 * 1024 * 1024;

Response run_import(Context& ctx, Request& req, import::Kind kind) {
    // Media types are case-insensitive; parameters such as charset follow a ';'.
    auto type = req.header("content-type").value_or("");
    type = type.substr(0, type.find(';'));
    for (auto& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    if (type != "text/csv") throw AppError(415, "unsupported_media_type", "send the file as text/csv");
    int64_t site_id =
        ctx.db.read_value([&](db::Conn& c) { return detail::site_in_path(c, req, Permission::import_data); });
    auto outcome =
        import::run(ctx.db, kind, site_id, req.body, ctx.clock.now_ms(), req.principal.user_id, req.request_id);
    if (!outcome.errors.empty()) {
        bj::array rows;
        for (const auto& e : outcome.errors)
            rows.push_back(bj::object{{"line", e.line}, {"field", e.field}, {"message", e.message}});
        AppError err(422, "import_rejected",
                     std::to_string(outcome.errors.size()) + " row(s) are wrong; nothing was imported");
        err.details_json = bj::serialize(rows);
        throw err;
    }
    return http::json_response(bj::object{{"imported", outcome.imported}});
}

Response import_units(Context& ctx, Request& req) {
    return run_import(ctx, req, import::Kind::units);
}
Response import_residents(Context& ctx, Request& req) {
    return run_import(ctx, req, import::Kind::residents);
}

}  // namespace

void register_import_routes(http::Router& router, Context& ctx) {
    http::RouteTable routes(router, ctx);
    routes.add("POST", "/sites/{site_id}/imports/units", Permission::import_data, import_units,
               "Import units from CSV: all rows or none", kMaxCsv);
    routes.add("POST", "/sites/{site_id}/imports/residents", Permission::import_data, import_residents,
               "Import residents from CSV: all rows or none", kMaxCsv);
}

}  // namespace propdesk::org
