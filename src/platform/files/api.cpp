// Evidence uploads (a resident's signature, a receipt photo): the raw bytes with their
// Content-Type, which must agree with what the bytes are; each kind has its size limit.
#include "platform/files/api.hpp"

#include <boost/json.hpp>

#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/files/content.hpp"
#include "platform/files/store.hpp"
#include "platform/http/api_support.hpp"
#include "platform/text/text.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::files {
namespace {

using http::Request;
using http::Response;
namespace bj = boost::json;

bj::object file_json(const File& f, const std::string& zone) {
    return {{"id", f.id},
            {"site_id", f.site_id},
            {"kind", f.kind},
            {"content_type", f.content_type},
            {"byte_size", f.byte_size},
            {"sha256", f.sha256},
            {"created_at", timefmt::to_rfc3339(f.created_at, zone)}};
}

Response upload(Context& ctx, const SiteZone& site_zone, Request& req) {
    int64_t site_id = req.id_param("site_id");
    if (!req.principal.in_site(site_id)) throw AppError::not_found("site");
    std::string kind = req.query_param("kind").value_or("");
    if (!text::is_one_of(kind, kKinds))
        throw AppError::invalid("kind is signature, receipt, photo or document", "kind");
    if (static_cast<int64_t>(req.body.size()) > max_bytes(kind))
        throw AppError(413, "body_too_large",
                       "a " + kind + " may be at most " + std::to_string(max_bytes(kind) / 1024) + " KiB", "body");
    if (req.body.empty()) throw AppError::invalid("the file is empty", "body");
    std::string declared = req.header("content-type").value_or("");
    declared = declared.substr(0, declared.find(';'));
    auto actual = sniff(req.body);
    if (!actual || !kind_accepts(kind, *actual))
        throw AppError(415, "unsupported_media_type",
                       kind == "signature" ? "a signature is a PNG image" : "upload a PNG or JPEG image (or a PDF)",
                       "body");
    if (declared != *actual)
        throw AppError(415, "unsupported_media_type", "the Content-Type does not match the file (" + *actual + ")",
                       "content-type");
    File f;
    f.site_id = site_id;
    f.kind = kind;
    f.content_type = *actual;
    f.byte_size = static_cast<int64_t>(req.body.size());
    f.sha256 = sha256_hex(req.body);
    f.created_by = req.principal.user_id;
    std::string data = to_base64(req.body);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto zone = site_zone(c, site_id);
        if (!zone) throw AppError::not_found("site");
        f.id = store::insert_file(c, f, data, now);
        f.created_at = now;
        auto j = file_json(f, *zone);
        audit::append(c, audit::Actor::of(req.principal, req.request_id), now,
                      {site_id, "file", f.id, "upload", std::nullopt, bj::serialize(j)});
        return j;
    });
    return Response::json(201, bj::serialize(out));
}

Response download(Context& ctx, Request& req) {
    std::optional<File> f;
    std::optional<std::string> data;
    ctx.db.read([&](db::Conn& c) {
        f = store::get_file(c, req.id_param("id"));
        if (!f || !req.principal.in_site(f->site_id)) throw AppError::not_found("file");
        data = store::file_data(c, f->id);
    });
    auto bytes = data ? from_base64(*data) : std::nullopt;
    if (!bytes) throw std::runtime_error("stored file " + std::to_string(f->id) + " is not valid base64");
    Response out{200, f->content_type, std::move(*bytes), {}};
    // A file never changes once stored.
    out.header("Cache-Control", "private, max-age=31536000, immutable");
    out.header("ETag", "\"" + f->sha256 + "\"");
    return out;
}

}  // namespace

void register_routes(http::Router& router, Context& ctx, SiteZone site_zone) {
    using http::Access;
    router.add({"POST", "/api/v1/sites/{site_id}/files", Access::user, auth::Permission::signed_in,
                [&ctx, site_zone = std::move(site_zone)](Request& r) { return upload(ctx, site_zone, r); }, kMaxUpload,
                "Upload evidence (signature, receipt photo): raw bytes with their Content-Type"});
    router.add({"GET", "/api/v1/files/{id}", Access::user, auth::Permission::signed_in,
                [&ctx](Request& r) { return download(ctx, r); }, 0, "An uploaded file's bytes (staff of its site)"});
}

}  // namespace propdesk::files
