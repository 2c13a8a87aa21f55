// Sign-in, sessions, throttling, Origin checks and device tokens through the real server.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/api_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

class AuthApi : public ApiTest {};

std::string creds(const std::string& login, const std::string& password) {
    return bj::serialize(bj::object{{"login", login}, {"password", password}});
}

TEST_P(AuthApi, HealthzIsOkWithoutSignIn) {
    auto r = server_.client().get("/healthz");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"status":"ok"})");
}

TEST_P(AuthApi, WrongPasswordAndUnknownLoginGetTheSameAnswer) {
    auto c = server_.client();
    auto wrong = c.post("/api/v1/session", creds("frontdesk", "not-the-password"));
    auto unknown = c.post("/api/v1/session", creds("nobody-here", "not-the-password"));
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(wrong.json().at("error").at("message"), unknown.json().at("error").at("message"));
    EXPECT_EQ(wrong.header("set-cookie"), "");
}

TEST_P(AuthApi, SignInSetsAStrictHttpOnlyCookieAndMeShowsRolesPerSite) {
    auto c = server_.client();
    auto r = c.login("frontdesk");
    auto cookie = r.header("set-cookie");
    EXPECT_NE(cookie.find("propdesk_session="), std::string::npos);
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_NE(cookie.find("Path=/"), std::string::npos);
    auto me = c.get("/api/v1/me");
    ASSERT_EQ(me.status, 200);
    auto j = me.json();
    EXPECT_EQ(j.at("login"), "frontdesk");
    EXPECT_EQ(j.at("system_admin"), false);
    ASSERT_EQ(j.at("sites").as_array().size(), 1u);
    EXPECT_EQ(j.at("sites").at(0).at("time_zone"), "Asia/Hong_Kong");
    EXPECT_EQ(j.at("sites").at(0).at("roles").at(0), "front_desk");
}

TEST_P(AuthApi, SignOutEndsTheSessionOnTheServer) {
    auto c = server_.client();
    auto r = c.login("manager");
    std::string cookie = r.header("set-cookie");
    std::string token = cookie.substr(0, cookie.find(';'));
    EXPECT_EQ(c.del("/api/v1/session").status, 204);
    // Replaying the old cookie gets nowhere: the session is gone from the database.
    auto replay = c.get("/api/v1/me", {{"Cookie", token}});
    EXPECT_EQ(replay.status, 401);
    EXPECT_EQ(server_.count("sessions"), 0);
}

TEST_P(AuthApi, RepeatedFailuresAreThrottledWithRetryAfterEvenForTheRightPassword) {
    auto c = server_.client();
    for (int i = 0; i < 5; ++i) EXPECT_EQ(c.post("/api/v1/session", creds("butler", "wrong-password!")).status, 401);
    auto r = c.post("/api/v1/session", creds("butler", "propdesk-demo"));
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(r.error_code(), "throttled");
    EXPECT_EQ(r.header("retry-after"), "30");
    clock_.advance_ms(31'000);
    EXPECT_EQ(c.post("/api/v1/session", creds("butler", "propdesk-demo")).status, 200);
}

TEST_P(AuthApi, ThrottlingOneAccountLeavesOthersAlone) {
    auto c = server_.client();
    for (int i = 0; i < 6; ++i) c.post("/api/v1/session", creds("butler", "wrong-password!"));
    EXPECT_EQ(c.post("/api/v1/session", creds("tech1", "propdesk-demo")).status, 200);
}

TEST_P(AuthApi, ManyFailuresFromOneAddressAreThrottledAcrossAccounts) {
    auto c = server_.client();
    for (int i = 0; i < 20; ++i) c.post("/api/v1/session", creds("nobody" + std::to_string(i), "wrong-password!"));
    auto r = c.post("/api/v1/session", creds("tech2", "propdesk-demo"));
    EXPECT_EQ(r.status, 429);
    EXPECT_FALSE(r.header("retry-after").empty());
}

TEST_P(AuthApi, IdleSessionExpires) {
    auto c = signed_in("assistant");
    clock_.advance_ms(2 * 3600'000 + 1);
    auto r = c.get("/api/v1/me");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.error_code(), "session_expired");
}

TEST_P(AuthApi, BusySessionStillEndsAtTheAbsoluteLimit) {
    auto c = signed_in("assistant");
    for (int h = 0; h < 11; ++h) {
        clock_.advance_ms(3600'000);
        ASSERT_EQ(c.get("/api/v1/me").status, 200) << "hour " << h;
    }
    clock_.advance_ms(3600'000);
    EXPECT_EQ(c.get("/api/v1/me").status, 401);
}

TEST_P(AuthApi, PasswordChangeChecksTheOldOneAndEndsOtherSessions) {
    auto phone = signed_in("tech1");
    auto desk = signed_in("tech1");
    auto bad = desk.post("/api/v1/me/password", R"({"current_password":"wrong","new_password":"a-much-longer-one"})");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "current_password");
    auto weak = desk.post("/api/v1/me/password", R"({"current_password":"propdesk-demo","new_password":"short"})");
    EXPECT_EQ(weak.status, 422);
    EXPECT_EQ(weak.error_field(), "new_password");
    auto ok =
        desk.post("/api/v1/me/password", R"({"current_password":"propdesk-demo","new_password":"a-much-longer-one"})");
    EXPECT_EQ(ok.status, 204);
    EXPECT_EQ(desk.get("/api/v1/me").status, 200);
    EXPECT_EQ(phone.get("/api/v1/me").status, 401);
    auto fresh = server_.client();
    EXPECT_EQ(fresh.post("/api/v1/session", creds("tech1", "propdesk-demo")).status, 401);
    EXPECT_EQ(fresh.post("/api/v1/session", creds("tech1", "a-much-longer-one")).status, 200);
}

TEST_P(AuthApi, LanguageIsRememberedPerUser) {
    auto c = signed_in("frontdesk");
    auto r = c.request("PATCH", "/api/v1/me", R"({"language":"en"})");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json().at("language"), "en");
    auto again = server_.client();
    EXPECT_EQ(again.login("frontdesk").json().at("language"), "en");
    EXPECT_EQ(c.request("PATCH", "/api/v1/me", R"({"language":"fr"})").status, 422);
}

TEST_P(AuthApi, ForeignOriginOnAWriteIsRefused) {
    auto c = signed_in("admin");
    auto before = server_.count("departments");
    auto r =
        c.post("/api/v1/sites/1/departments", R"({"kind":"other","name":"x"})", {{"Origin", "https://evil.example"}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.error_code(), "bad_origin");
    EXPECT_EQ(server_.count("departments"), before);
    auto same = c.post("/api/v1/sites/1/departments", R"({"kind":"other","name":"x"})",
                       {{"Origin", "http://127.0.0.1:" + std::to_string(server_.port())}});
    EXPECT_EQ(same.status, 201);
}

TEST_P(AuthApi, DeviceTokenIsHashedAtRestAndOnlyOpensTheDeviceProtocol) {
    auto admin = signed_in("admin");
    auto created = admin.post("/api/v1/sites/1/devices", R"({"name":"Lane 1 camera","kind":"gate_camera"})");
    ASSERT_EQ(created.status, 201) << created.body;
    std::string token(created.json().at("token").as_string());
    int64_t id = id_of(created);
    auto stored = server_.db().read_value(
        [&](db::Conn& c) { return c.one("SELECT token_hash FROM devices WHERE id = $1", id)->str(0); });
    EXPECT_NE(stored, token);
    EXPECT_EQ(stored.size(), 64u);

    auto device = server_.client();
    auto who = device.get("/api/v1/device/whoami", {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(who.status, 200);
    EXPECT_EQ(who.json().at("site_id"), 1);
    EXPECT_EQ(device.get("/api/v1/sites/1/units", {{"Authorization", "Bearer " + token}}).status, 401);
    EXPECT_EQ(device.get("/api/v1/device/whoami", {{"Authorization", "Bearer nope"}}).status, 401);

    auto revoked = admin.post(path("/api/v1/devices/", id, "/revoke"), "", if_match(1));
    EXPECT_EQ(revoked.status, 200);
    EXPECT_EQ(device.get("/api/v1/device/whoami", {{"Authorization", "Bearer " + token}}).status, 401);
}

TEST_P(AuthApi, StaffCannotUseTheDeviceProtocol) {
    auto c = signed_in("admin");
    EXPECT_EQ(c.get("/api/v1/device/whoami").status, 401);
}

TEST_P(AuthApi, UnknownPathIs404AndWrongMethodIs405WithAllow) {
    auto c = server_.client();
    auto missing = c.get("/api/v1/nothing-here");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.error_code(), "not_found");
    auto wrong = c.request("PUT", "/api/v1/session");
    EXPECT_EQ(wrong.status, 405);
    EXPECT_EQ(wrong.header("allow"), "POST, DELETE");
}

TEST_P(AuthApi, EveryResponseCarriesSecurityHeadersAndTheRequestIdOfItsErrorBody) {
    auto r = server_.client().get("/api/v1/me");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.header("x-frame-options"), "DENY");
    EXPECT_FALSE(r.header("content-security-policy").empty());
    EXPECT_EQ(r.header("cache-control"), "no-store");
    EXPECT_EQ(r.header("x-request-id"), std::string(r.json().at("error").at("request_id").as_string()));
}

TEST_P(AuthApi, MetricsFromLoopbackCountRequestsPerRoute) {
    auto c = server_.client();
    c.get("/healthz");
    auto m = c.get("/metrics");
    ASSERT_EQ(m.status, 200);
    EXPECT_NE(m.body.find(R"(propdesk_http_requests_total{method="GET",route="/healthz",status="200"} 1)"),
              std::string::npos);
    EXPECT_NE(m.body.find("propdesk_http_request_duration_seconds_bucket"), std::string::npos);
    EXPECT_NE(m.body.find("propdesk_db_readers_total"), std::string::npos);
}

TEST_P(AuthApi, TechnicianSeesUnitsButNotTheResidentsOutsideTheirJobs) {
    auto c = signed_in("tech1");
    EXPECT_EQ(c.get("/api/v1/sites/1/residents").status, 403);
    auto unit = c.get("/api/v1/units/1");
    ASSERT_EQ(unit.status, 200);
    EXPECT_TRUE(unit.json().at("residents").as_array().empty());
    EXPECT_EQ(c.get("/api/v1/audit?entity=resident&id=1").status, 403);
    auto desk = signed_in("frontdesk");
    EXPECT_FALSE(desk.get("/api/v1/units/1").json().at("residents").as_array().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthApi, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
