#include "platform/auth/authenticate.hpp"

#include "platform/auth/crypto.hpp"
#include "platform/auth/rules.hpp"
#include "platform/auth/session_cache.hpp"
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

void authenticate_user(Context& ctx, SessionCache& cache, http::Request& req) {
    auto token = cookie_value(req, kSessionCookie);
    if (!token || token->empty()) throw AppError::unauthenticated();
    auto hash = token_hash(*token);
    EpochMs now = ctx.clock.now_ms();
    // A state-changing request may sign out, change a password or a role: it reads the database
    // and drops every cached session, so what it changes is seen by the next request here.
    if (req.is_write()) cache.clear();
    auto hit = req.is_write() ? std::nullopt : cache.get(hash);
    if (!hit) {
        SessionCache::Entry e;
        bool found = false;
        ctx.db.read([&](db::Conn& c) {
            auto session = store::session_by_token_hash(c, hash);
            if (!session) return;
            auto user = store::load_user(c, session->user_id);
            if (!user) return;
            e.session = *session;
            e.user = std::move(*user);
            found = true;
        });
        if (!found) throw AppError::unauthenticated();
        hit = std::move(e);
        if (!req.is_write()) cache.put(hash, *hit);
    }
    const auto& session = hit->session;
    auto state = session_state(ctx.sessions, session.last_seen_at, session.expires_at, now);
    if (state != SessionState::active) {
        cache.erase(hash);
        ctx.db.write([&](db::Conn& c) { store::delete_session(c, session.session_id); });
        throw AppError(401, "session_expired", "the session has expired; sign in again");
    }
    if (session_needs_touch(ctx.sessions, session.last_seen_at, now)) {
        ctx.db.write([&](db::Conn& c) { store::touch_session(c, session.session_id, now); });
        cache.touched(hash, now);
    }
    req.principal = std::move(hit->user);
    req.principal.session_id = session.session_id;
}

}  // namespace

http::Authenticator make_authenticator(Context& ctx) {
    auto cache = std::make_shared<SessionCache>();
    return [&ctx, cache](http::Request& req, const http::Route& route) {
        if (route.access == http::Access::device) {
            authenticate_device(ctx, req);
        } else {
            authenticate_user(ctx, *cache, req);
        }
    };
}

}  // namespace propdesk::auth
