#include "platform/auth/authenticate.hpp"

#include "platform/auth/crypto.hpp"
#include "platform/auth/rules.hpp"
#include "platform/auth/store.hpp"
#include "platform/error.hpp"

namespace propdesk::auth {

std::optional<std::string> cookie_value(const http::Request& req, std::string_view name) {
    for (const auto& [k, v] : req.headers) {
        if (k != "cookie") continue;
        std::string_view rest = v;
        while (!rest.empty()) {
            size_t semi = rest.find(';');
            std::string_view part = rest.substr(0, semi);
            rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
            while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
            size_t eq = part.find('=');
            if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
        }
    }
    return std::nullopt;
}

std::optional<std::string> bearer_token(const http::Request& req) {
    auto h = req.header("authorization");
    if (!h || !h->starts_with("Bearer ")) return std::nullopt;
    return h->substr(7);
}

namespace {

void authenticate_device(Context& ctx, http::Request& req) {
    auto token = bearer_token(req);
    if (!token || token->empty()) throw AppError::unauthenticated();
    auto hash = token_hash(*token);
    auto dev = ctx.db.read_value([&](db::Conn& c) { return store::device_by_token_hash(c, hash); });
    if (!dev || !dev->active) throw AppError(401, "unauthenticated", "unknown or revoked device token");
    req.principal.kind = Principal::Kind::device;
    req.principal.device_id = dev->id;
    req.principal.device_site_id = dev->site_id;
}

void authenticate_user(Context& ctx, http::Request& req) {
    auto token = cookie_value(req, kSessionCookie);
    if (!token || token->empty()) throw AppError::unauthenticated();
    auto hash = token_hash(*token);
    EpochMs now = ctx.clock.now_ms();
    std::optional<store::SessionRow> session;
    std::optional<Principal> user;
    ctx.db.read([&](db::Conn& c) {
        session = store::session_by_token_hash(c, hash);
        if (session) user = store::load_user(c, session->user_id);
    });
    if (!session || !user) throw AppError::unauthenticated();
    auto state = session_state(ctx.sessions, session->last_seen_at, session->expires_at, now);
    if (state != SessionState::active) {
        ctx.db.write([&](db::Conn& c) { store::delete_session(c, session->session_id); });
        throw AppError(401, "session_expired", "the session has expired; sign in again");
    }
    if (session_needs_touch(ctx.sessions, session->last_seen_at, now)) {
        ctx.db.write([&](db::Conn& c) { store::touch_session(c, session->session_id, now); });
    }
    req.principal = std::move(*user);
    req.principal.session_id = session->session_id;
}

}  // namespace

http::Authenticator make_authenticator(Context& ctx) {
    return [&ctx](http::Request& req, const http::Route& route) {
        if (route.access == http::Access::device) {
            authenticate_device(ctx, req);
        } else {
            authenticate_user(ctx, req);
        }
    };
}

}  // namespace propdesk::auth
