#include "platform/auth/api.hpp"

#include <boost/json.hpp>

#include "platform/audit/audit.hpp"
#include "platform/auth/authenticate.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/auth/store.hpp"
#include "platform/error.hpp"
#include "platform/http/api_support.hpp"
#include "platform/json/json_in.hpp"

namespace propdesk::auth {
namespace {

namespace bj = boost::json;

std::string lower(std::string s) {
    for (auto& ch : s)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return s;
}

bj::object user_json(const Principal& p, const std::vector<store::SiteSummary>& sites) {
    bj::array site_list;
    for (const auto& s : sites) {
        bj::array roles;
        if (p.system_admin) roles.push_back("system_admin");
        for (const auto& r : p.roles)
            if (r.site_id == s.id && !(p.system_admin && r.role == Role::system_admin))
                roles.push_back(bj::string(role_name(r.role)));
        site_list.push_back(bj::object{{"id", s.id},
                                       {"name", s.name},
                                       {"time_zone", s.time_zone},
                                       {"currency", s.currency},
                                       {"roles", std::move(roles)}});
    }
    return bj::object{{"id", p.user_id},
                      {"login", p.login},
                      {"name", p.name},
                      {"language", p.language},
                      {"system_admin", p.system_admin},
                      {"sites", std::move(site_list)}};
}

std::string session_cookie(const Context& ctx, const std::string& token) {
    return std::string(kSessionCookie) + "=" + token + "; HttpOnly; SameSite=Strict; Path=/" +
           (ctx.secure_cookies ? "; Secure" : "");
}

// Equalises the time of "no such login" with a wrong password, so timing does not reveal logins.
const std::string& dummy_hash() {
    static const std::string h = hash_password("not-a-real-password-at-all");
    return h;
}

int retry_after_seconds(int64_t wait_ms) {
    return static_cast<int>((wait_ms + 999) / 1000);
}

http::Response sign_in(Context& ctx, http::Request& req) {
    json::JsonIn in(req.body, {"login", "password"});
    std::string login = lower(in.req_string("login", 1, 100));
    std::string password = in.req_secret("password");
    const std::string account_key = "login:" + login;
    const std::string address_key = "addr:" + req.remote_address;
    EpochMs now = ctx.clock.now_ms();

    std::optional<store::Credentials> creds;
    store::FailureCount by_account, by_address;
    ctx.db.read([&](db::Conn& c) {
        by_account = store::failures(c, account_key);
        by_address = store::failures(c, address_key);
        creds = store::credentials_by_login(c, login);
    });
    auto wait_account = wait_ms(account_policy(), by_account.failures, by_account.last_failure_at, now);
    auto wait_address = wait_ms(address_policy(), by_address.failures, by_address.last_failure_at, now);
    if (wait_account || wait_address) {
        int64_t wait = std::max(wait_account.value_or(0), wait_address.value_or(0));
        throw AppError::throttled("too many failed sign-ins; wait before trying again", retry_after_seconds(wait));
    }

    bool ok = verify_password(creds ? creds->password_hash : dummy_hash(), password) && creds && creds->active;
    if (!ok) {
        ctx.db.write([&](db::Conn& c) {
            for (const auto& [key, policy] :
                 {std::pair{account_key, account_policy()}, {address_key, address_policy()}}) {
                auto f = store::failures(c, key);
                store::record_failure(c, key, live_failures(policy, f.failures, f.last_failure_at, now) + 1, now);
            }
        });
        throw AppError(401, "bad_credentials", "wrong login or password");
    }

    std::string token = random_token();
    std::optional<Principal> user;
    std::vector<store::SiteSummary> sites;
    ctx.db.write([&](db::Conn& c) {
        store::clear_failures(c, account_key);
        int64_t session_id = store::create_session(c, token_hash(token), creds->user_id, now,
                                                   now + ctx.sessions.absolute_timeout_ms, req.remote_address);
        user = store::load_user(c, creds->user_id);
        user->session_id = session_id;
        sites = store::sites_of(c, *user);
        audit::append(c, audit::Actor{creds->user_id, std::nullopt, req.request_id}, now,
                      {std::nullopt, "user", creds->user_id, "sign_in", std::nullopt, std::nullopt});
    });
    http::Response r = http::json_response(user_json(*user, sites));
    r.header("Set-Cookie", session_cookie(ctx, token));
    return r;
}

http::Response sign_out(Context& ctx, http::Request& req) {
    ctx.db.write([&](db::Conn& c) {
        store::delete_session(c, req.principal.session_id);
        audit::append(c, audit::Actor::of(req.principal, req.request_id), ctx.clock.now_ms(),
                      {std::nullopt, "user", req.principal.user_id, "sign_out", std::nullopt, std::nullopt});
    });
    http::Response r = http::Response::no_content();
    r.header("Set-Cookie", std::string(kSessionCookie) + "=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/");
    return r;
}

http::Response me(Context& ctx, http::Request& req) {
    auto sites = ctx.db.read_value([&](db::Conn& c) { return store::sites_of(c, req.principal); });
    return http::json_response(user_json(req.principal, sites));
}

http::Response update_me(Context& ctx, http::Request& req) {
    json::JsonIn in(req.body, {"language"});
    auto language = in.req_enum("language", {"zh-TW", "zh-CN", "en"});
    EpochMs now = ctx.clock.now_ms();
    ctx.db.write([&](db::Conn& c) {
        store::set_language(c, req.principal.user_id, language, now);
        audit::append(c, audit::Actor::of(req.principal, req.request_id), now,
                      {std::nullopt, "user", req.principal.user_id, "update",
                       bj::serialize(bj::object{{"language", req.principal.language}}),
                       bj::serialize(bj::object{{"language", language}})});
    });
    req.principal.language = language;
    return me(ctx, req);
}

http::Response change_password(Context& ctx, http::Request& req) {
    json::JsonIn in(req.body, {"current_password", "new_password"});
    auto current = in.req_secret("current_password");
    auto next = in.req_secret("new_password");
    auto hash = ctx.db.read_value([&](db::Conn& c) { return store::password_hash_of(c, req.principal.user_id); });
    if (!hash || !verify_password(*hash, current))
        throw AppError::invalid("the current password is wrong", "current_password");
    if (auto problem = password_problem(next, req.principal.login)) throw AppError::invalid(*problem, "new_password");
    std::string new_hash = hash_password(next);
    EpochMs now = ctx.clock.now_ms();
    ctx.db.write([&](db::Conn& c) {
        store::set_password(c, req.principal.user_id, new_hash, now);
        store::delete_user_sessions_except(c, req.principal.user_id, req.principal.session_id);
        audit::append(c, audit::Actor::of(req.principal, req.request_id), now,
                      {std::nullopt, "user", req.principal.user_id, "change_password", std::nullopt, std::nullopt});
    });
    return http::Response::no_content();
}

}  // namespace

void register_routes(http::Router& router, Context& ctx) {
    using http::Access;
    using P = Permission;
    router.add({"POST", "/api/v1/session", Access::public_route, P::signed_in,
                [&ctx](http::Request& r) { return sign_in(ctx, r); }, 4096, "Sign in"});
    router.add({"DELETE", "/api/v1/session", Access::user, P::signed_in,
                [&ctx](http::Request& r) { return sign_out(ctx, r); }, 0, "Sign out"});
    router.add({"GET", "/api/v1/me", Access::user, P::signed_in, [&ctx](http::Request& r) { return me(ctx, r); }, 0,
                "The signed-in user, their sites and roles"});
    router.add({"PATCH", "/api/v1/me", Access::user, P::signed_in,
                [&ctx](http::Request& r) { return update_me(ctx, r); }, 4096, "Change the user's language"});
    router.add({"POST", "/api/v1/me/password", Access::user, P::signed_in,
                [&ctx](http::Request& r) { return change_password(ctx, r); }, 4096, "Change password"});
}

}  // namespace propdesk::auth
