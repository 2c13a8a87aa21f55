#include "platform/http/pipeline.hpp"
#include "platform/http/request_target.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>

#include "platform/auth/crypto.hpp"
#include "platform/db/db.hpp"

namespace propdesk::http {

Pipeline::Pipeline(const Router& router,
                   Authenticator authenticate,
                   std::optional<StaticFiles> static_files,
                   PipelineConfig config)
    : router_(router),
      authenticate_(std::move(authenticate)),
      static_files_(std::move(static_files)),
      config_(std::move(config)) {}

Response error_response(const AppError& e, const std::string& request_id) {
    boost::json::object err{{"code", e.code()}, {"message", e.what()}, {"request_id", request_id}};
    if (!e.field().empty()) err["field"] = e.field();
    if (!e.details_json.empty()) {
        boost::system::error_code ec;
        auto details = boost::json::parse(e.details_json, ec);
        if (!ec) err["details"] = std::move(details);
    }
    if (!e.params_json.empty()) {
        boost::system::error_code ec;
        auto params = boost::json::parse(e.params_json, ec);
        if (!ec) err["params"] = std::move(params);
    }
    Response r = Response::json(e.status(), boost::json::serialize(boost::json::object{{"error", err}}));
    for (const auto& [k, v] : e.headers) r.header(k, v);
    return r;
}

void add_security_headers(Response& r, const std::string& request_id, bool is_api) {
    r.header("X-Request-Id", request_id);
    r.header("X-Content-Type-Options", "nosniff");
    r.header("X-Frame-Options", "DENY");
    r.header("Referrer-Policy", "no-referrer");
    r.header("Content-Security-Policy",
             "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
             "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
    // API answers are never cached, unless the handler said otherwise (a stored file never changes).
    bool has_cache_control =
        std::any_of(r.headers.begin(), r.headers.end(), [](const auto& h) { return h.first == "Cache-Control"; });
    if (is_api && !has_cache_control) r.header("Cache-Control", "no-store");
}

void Pipeline::check_origin(const Request& req) const {
    auto origin = req.header("origin");
    if (!origin) return;  // non-browser clients send none
    auto host = req.header("host").value_or("");
    if (*origin == "http://" + host || *origin == "https://" + host) return;
    if (std::find(config_.allowed_origins.begin(), config_.allowed_origins.end(), *origin) !=
        config_.allowed_origins.end())
        return;
    throw AppError(403, "bad_origin", "cross-site request refused");
}

Response Pipeline::dispatch(Request& req, const Match& match) const {
    if (!match.route) {
        if (!match.allowed_methods.empty()) {
            std::string allow;
            for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
            AppError e(405, "method_not_allowed", req.method + " is not allowed here");
            e.headers.emplace_back("Allow", allow);
            throw e;
        }
        bool api = req.path.starts_with("/api/");
        if (!api && static_files_ && (req.method == "GET" || req.method == "HEAD")) {
            if (auto r = static_files_->serve(req)) return std::move(*r);
        }
        throw AppError(404, "not_found", "no such path");
    }
    const Route& route = *match.route;
    req.path_params = match.params;
    if (req.is_write()) check_origin(req);
    check_access(req, route);
    if (req.method == "POST" && req.principal.is_user() && config_.find_kept && config_.keep) {
        if (auto key = req.header("idempotency-key")) return run_idempotent(req, route, *key);
    }
    return route.handler(req);
}

Response Pipeline::run_idempotent(Request& req, const Route& route, const std::string& key) const {
    if (key.empty() || key.size() > 100)
        throw AppError(400, "bad_idempotency_key", "Idempotency-Key must be 1–100 characters", "Idempotency-Key");
    std::string body_hash = auth::token_hash(req.body);
    if (auto kept = config_.find_kept(req.principal.user_id, key)) {
        if (kept->path != req.path || kept->body_hash != body_hash)
            throw AppError(422, "idempotency_key_reused", "this Idempotency-Key was used for another request",
                           "Idempotency-Key");
        Response r = Response::json(kept->status, kept->body);
        r.header("Idempotent-Replayed", "true");
        return r;
    }
    Response r = route.handler(req);
    if (r.status >= 200 && r.status < 300)
        config_.keep(req.principal.user_id, key, {req.path, body_hash, r.status, r.body});
    return r;
}

void Pipeline::check_access(Request& req, const Route& route) const {
    if (route.access == Access::public_route) return;
    authenticate_(req, route);
    if (route.access == Access::device && !req.principal.is_device()) throw AppError::unauthenticated();
    if (route.access == Access::user) {
        if (!req.principal.is_user()) throw AppError::unauthenticated();
        if (!req.principal.can_somewhere(route.permission)) throw AppError::forbidden();
    }
}

std::optional<Response> Pipeline::admit_websocket(Request& req, const Match& match) const {
    try {
        if (!match.route) throw AppError(404, "not_found", "no such path");
        // Browsers send Origin on every upgrade; a foreign one is cross-site WebSocket hijacking.
        check_origin(req);
        check_access(req, *match.route);
        return std::nullopt;
    } catch (...) {
        Response r = map_error(req);
        add_security_headers(r, req.request_id, true);
        return r;
    }
}

Response Pipeline::handle(Request& req, const Match& match) const {
    Response r;
    try {
        r = dispatch(req, match);
    } catch (...) {
        r = map_error(req);
    }
    add_security_headers(r, req.request_id, req.path.starts_with("/api/"));
    return r;
}

Response Pipeline::map_error(Request& req) const {
    Response r;
    try {
        throw;
    } catch (const AppError& e) {
        r = error_response(e, req.request_id);
    } catch (const db::DbError& e) {
        switch (e.kind()) {
            case db::ErrorKind::unique_violation:
                r = error_response(AppError::conflict("a record with these values already exists"), req.request_id);
                break;
            case db::ErrorKind::foreign_key_violation:
                r = error_response(AppError::invalid("refers to a record that does not exist", ""), req.request_id);
                break;
            case db::ErrorKind::busy:
                spdlog::warn("[{}] database busy: {}", req.request_id, e.what());
                r = error_response(AppError::unavailable("the database is busy; try again", 1), req.request_id);
                break;
            default:
                spdlog::error("[{}] database error: {}", req.request_id, e.what());
                r = error_response(AppError(500, "internal", "internal error"), req.request_id);
        }
    } catch (const std::exception& e) {
        spdlog::error("[{}] {} {} failed: {}", req.request_id, req.method, loggable_target(req.path), e.what());
        r = error_response(AppError(500, "internal", "internal error"), req.request_id);
    } catch (...) {
        spdlog::error("[{}] {} {} failed with a non-standard exception", req.request_id, req.method,
                      loggable_target(req.path));
        r = error_response(AppError(500, "internal", "internal error"), req.request_id);
    }
    return r;
}

}  // namespace propdesk::http
