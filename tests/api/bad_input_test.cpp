// Bad requests to the organisation's routes: every one answers the documented status and error
// code (naming the field where there is one), carries its request id, and changes nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "support/api_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

// The documented error: status, error.code, error.field when one is named, and a request_id in the
// body that matches the X-Request-Id header.
::testing::AssertionResult refused(const HttpResult& r,
                                   int status,
                                   const std::string& code,
                                   const std::string& field = "") {
    if (r.status != status)
        return ::testing::AssertionFailure() << "status " << r.status << ", expected " << status << ": " << r.body;
    boost::system::error_code ec;
    auto v = bj::parse(r.body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("error"))
        return ::testing::AssertionFailure() << "no error body: " << r.body;
    const auto& e = v.at("error").as_object();
    if (r.error_code() != code)
        return ::testing::AssertionFailure() << "code " << r.error_code() << ", expected " << code << ": " << r.body;
    if (!field.empty() && r.error_field() != field)
        return ::testing::AssertionFailure()
               << "field '" << r.error_field() << "', expected " << field << ": " << r.body;
    if (!e.contains("request_id") || !e.at("request_id").is_string() || e.at("request_id").as_string().empty())
        return ::testing::AssertionFailure() << "no request_id: " << r.body;
    if (std::string(e.at("request_id").as_string()) != r.header("x-request-id"))
        return ::testing::AssertionFailure()
               << "request_id " << e.at("request_id") << " differs from X-Request-Id " << r.header("x-request-id");
    return ::testing::AssertionSuccess();
}

class BadInput : public ApiTest {
  protected:
    // A request that must be refused with that status, code and field, leaving every table as it was.
    void expect_refused(HttpClient& c,
                        const std::string& method,
                        const std::string& target,
                        const std::string& body,
                        int status,
                        const std::string& code,
                        const std::string& field = "",
                        std::map<std::string, std::string> headers = {}) {
        auto before = org_table_counts(server_);
        auto r = c.request(method, target, body, headers);
        EXPECT_TRUE(refused(r, status, code, field)) << method << " " << target << " " << body.substr(0, 200);
        EXPECT_EQ(org_table_counts(server_), before) << method << " " << target << " " << body.substr(0, 200);
    }
    std::string unit_body(const bj::object& changes) const {
        bj::object o{{"building_id", ids_.first_building}, {"number", "21A"}, {"floor", 21}, {"floor_area_m2", 80.5}};
        for (const auto& kv : changes) o[kv.key()] = kv.value();
        return bj::serialize(o);
    }

    DemoIds ids_{demo_ids(server_)};
    HttpClient admin_{signed_in("admin")};
    HttpClient manager_{signed_in("manager")};
    HttpClient frontdesk_{signed_in("frontdesk")};
};

// ---- body shape ----

TEST_P(BadInput, MalformedJsonIs400) {
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", "{", 400, "malformed_json");
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", R"({"number": })", 400, "malformed_json");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", "name=陳大文", 400, "malformed_json");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", "{\"name\":\"\xff\xfe\"}", 400, "malformed_json");
    expect_refused(manager_, "PATCH", path("/api/v1/units/", ids_.first_unit), R"({"floor":2,})", 400, "malformed_json",
                   "", if_match(1));
    expect_refused(admin_, "POST", "/api/v1/sites", R"({"code":"EAST")", 400, "malformed_json");
}

TEST_P(BadInput, BodyThatIsNotAJsonObjectIs400) {
    for (const char* body : {"[]", R"([{"name":"陳大文"}])", R"("陳大文")", "42", "null", "true"}) {
        expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", body, 400, "malformed_json");
        expect_refused(manager_, "PATCH", path("/api/v1/units/", ids_.first_unit), body, 400, "malformed_json", "",
                       if_match(1));
    }
}

TEST_P(BadInput, UnknownFieldIs400NamingIt) {
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"colour", "blue"}}), 400, "unknown_field",
                   "colour");
    expect_refused(frontdesk_, "PATCH", path("/api/v1/residents/", ids_.first_resident), R"({"nmae":"陳大文"})", 400,
                   "unknown_field", "nmae", if_match(1));
    // Links are changed through their own route, not by PATCHing the resident.
    expect_refused(frontdesk_, "PATCH", path("/api/v1/residents/", ids_.first_resident), R"({"units":[]})", 400,
                   "unknown_field", "units", if_match(1));
    expect_refused(manager_, "POST", "/api/v1/sites/1/areas", R"({"Kind":"district","name":"北大區"})", 400,
                   "unknown_field", "Kind");
    expect_refused(admin_, "POST", "/api/v1/sites", R"({"code":"EAST","name":"東岸","zone":"Asia/Hong_Kong"})", 400,
                   "unknown_field", "zone");
    expect_refused(
        frontdesk_, "POST", "/api/v1/sites/1/residents",
        bj::serialize(bj::object{{"name", "陳大文"}, {"units", bj::array{bj::object{{"unitid", ids_.first_unit}}}}}),
        400, "unknown_field", "unitid");
}

TEST_P(BadInput, WrongTypesAre400NamingTheField) {
    // A string where an integer belongs.
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"floor", "3"}}), 400, "wrong_type", "floor");
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"building_id", "1"}}), 400, "wrong_type",
                   "building_id");
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"floor", 3.5}}), 400, "wrong_type", "floor");
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"floor_area_m2", "80.5"}}), 400, "wrong_type",
                   "floor_area_m2");
    expect_refused(manager_, "PATCH", path("/api/v1/units/", ids_.first_unit), R"({"floor":"2"})", 400, "wrong_type",
                   "floor", if_match(1));
    expect_refused(manager_, "POST", "/api/v1/sites/1/buildings",
                   bj::serialize(bj::object{{"area_id", ids_.first_area}, {"name", "第4座"}, {"floors", "ten"}}), 400,
                   "wrong_type", "floors");
    // A number where a string belongs.
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", R"({"name":5})", 400, "wrong_type", "name");
    expect_refused(manager_, "POST", "/api/v1/sites/1/areas", R"({"kind":3,"name":"北大區"})", 400, "wrong_type",
                   "kind");
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"number", 21}}), 400, "wrong_type", "number");
    // An object (or a plain string) where a list belongs.
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", R"({"name":"陳大文","phones":{"home":"91234567"}})",
                   400, "wrong_type", "phones");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", R"({"name":"陳大文","phones":"91234567"})", 400,
                   "wrong_type", "phones");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", R"({"name":"陳大文","phones":[91234567]})", 400,
                   "wrong_type", "phones");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", R"({"name":"陳大文","units":{}})", 400,
                   "wrong_type", "units");
    expect_refused(admin_, "POST", "/api/v1/users",
                   R"({"login":"new.desk","name":"x","password":"a-long-password","roles":{"site_id":1}})", 400,
                   "wrong_type", "roles");
    expect_refused(admin_, "POST", "/api/v1/users",
                   R"({"login":"new.desk","name":"x","password":"a-long-password","system_admin":"yes"})", 400,
                   "wrong_type", "system_admin");
}

// ---- values ----

TEST_P(BadInput, EmptyRequiredStringIs422) {
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", R"({"name":""})", 422, "validation_failed", "name");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", R"({"name":"   "})", 422, "validation_failed",
                   "name");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", R"({"phones":["91234567"]})", 422,
                   "validation_failed", "name");
    expect_refused(frontdesk_, "PATCH", path("/api/v1/residents/", ids_.first_resident), R"({"name":""})", 422,
                   "validation_failed", "name", if_match(1));
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"number", ""}}), 422, "validation_failed",
                   "number");
    expect_refused(manager_, "POST", "/api/v1/sites/1/areas", R"({"kind":"district","name":""})", 422,
                   "validation_failed", "name");
    expect_refused(manager_, "POST", "/api/v1/sites/1/departments", R"({"kind":"other","name":""})", 422,
                   "validation_failed", "name");
    expect_refused(admin_, "POST", "/api/v1/sites", R"({"code":"","name":"東岸"})", 422, "validation_failed", "code");
}

TEST_P(BadInput, TooLongStringsAre422) {
    std::string name101;
    for (int i = 0; i < 101; ++i) name101 += "陳";
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", bj::serialize(bj::object{{"name", name101}}), 422,
                   "validation_failed", "name");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents",
                   bj::serialize(bj::object{{"name", "陳大文"}, {"notes", std::string(2001, 'n')}}), 422,
                   "validation_failed", "notes");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents",
                   bj::serialize(bj::object{{"name", "陳大文"}, {"email", std::string(195, 'a') + "@x.com"}}), 422,
                   "validation_failed", "email");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents",
                   bj::serialize(bj::object{{"name", "陳大文"}, {"phones", bj::array{std::string(31, '9')}}}), 422,
                   "validation_failed", "phones");
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"number", std::string(21, 'A')}}), 422,
                   "validation_failed", "number");
    expect_refused(manager_, "POST", "/api/v1/sites/1/departments",
                   bj::serialize(bj::object{{"kind", "other"}, {"name", name101}}), 422, "validation_failed", "name");
    expect_refused(admin_, "POST", "/api/v1/sites",
                   bj::serialize(bj::object{{"code", std::string(21, 'X')}, {"name", "x"}}), 422, "validation_failed",
                   "code");
}

TEST_P(BadInput, LengthLimitsCountCharactersNotBytes) {
    std::string name100;
    for (int i = 0; i < 100; ++i) name100 += "陳";  // 300 bytes, 100 characters
    auto r = frontdesk_.post("/api/v1/sites/1/residents", bj::serialize(bj::object{{"name", name100}}));
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(str(r.json().at("name")), name100);
}

TEST_P(BadInput, OutOfRangeNumbersAre422) {
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"floor", 201}}), 422, "validation_failed",
                   "floor");
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"floor", -11}}), 422, "validation_failed",
                   "floor");
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"floor_area_m2", 0}}), 422,
                   "validation_failed", "floor_area_m2");
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"floor_area_m2", -5}}), 422,
                   "validation_failed", "floor_area_m2");
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"floor_area_m2", 100000.01}}), 422,
                   "validation_failed", "floor_area_m2");
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"building_id", 0}}), 422, "validation_failed",
                   "building_id");
    expect_refused(manager_, "PATCH", path("/api/v1/units/", ids_.first_unit), R"({"floor":500})", 422,
                   "validation_failed", "floor", if_match(1));
    expect_refused(manager_, "POST", "/api/v1/sites/1/buildings",
                   bj::serialize(bj::object{{"area_id", ids_.first_area}, {"name", "第4座"}, {"floors", 201}}), 422,
                   "validation_failed", "floors");
    expect_refused(manager_, "POST", "/api/v1/sites/1/buildings", R"({"area_id":0,"name":"第4座"})", 422,
                   "validation_failed", "area_id");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents",
                   R"({"name":"陳大文","phones":["91000001","91000002","91000003","91000004","91000005","91000006"]})",
                   422, "validation_failed", "phones");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", R"({"name":"陳大文","phones":["1234"]})", 422,
                   "validation_failed", "phones");
}

TEST_P(BadInput, InvalidEnumIs422) {
    expect_refused(manager_, "POST", "/api/v1/sites/1/areas", R"({"kind":"garden","name":"北花園"})", 422,
                   "validation_failed", "kind");
    expect_refused(manager_, "PATCH", path("/api/v1/areas/", ids_.first_area), R"({"kind":"Building"})", 422,
                   "validation_failed", "kind", if_match(1));
    expect_refused(manager_, "POST", "/api/v1/sites/1/departments", R"({"kind":"kitchen","name":"廚房"})", 422,
                   "validation_failed", "kind");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents",
                   bj::serialize(bj::object{
                       {"name", "陳大文"},
                       {"units", bj::array{bj::object{{"unit_id", ids_.first_unit}, {"relation", "landlord"}}}}}),
                   422, "validation_failed", "relation");
    expect_refused(frontdesk_, "PUT", path("/api/v1/residents/", ids_.first_resident, path("/units/", ids_.first_unit)),
                   R"({"relation":"landlord"})", 422, "validation_failed", "relation", if_match(1));
    expect_refused(admin_, "POST", "/api/v1/users",
                   R"({"login":"new.desk","name":"x","password":"a-long-password","language":"fr"})", 422,
                   "validation_failed", "language");
    auto list = frontdesk_.get("/api/v1/sites/1/areas?kind=garden");
    EXPECT_TRUE(refused(list, 422, "validation_failed", "kind"));
}

TEST_P(BadInput, InvalidTimeZoneOrCurrencyOnASiteIs422) {
    expect_refused(admin_, "POST", "/api/v1/sites", R"({"code":"EAST","name":"東岸","time_zone":"Asia/Atlantis"})", 422,
                   "validation_failed", "time_zone");
    expect_refused(admin_, "POST", "/api/v1/sites", R"({"code":"EAST","name":"東岸","time_zone":"+08:00"})", 422,
                   "validation_failed", "time_zone");
    expect_refused(admin_, "POST", "/api/v1/sites", R"({"code":"EAST","name":"東岸","currency":"hkd"})", 422,
                   "validation_failed", "currency");
    expect_refused(admin_, "POST", "/api/v1/sites", R"({"code":"EAST","name":"東岸","currency":"HKDX"})", 422,
                   "validation_failed", "currency");
    expect_refused(admin_, "POST", "/api/v1/sites", R"({"code":"EAST","name":"東岸","currency":"H$"})", 422,
                   "validation_failed", "currency");
    expect_refused(admin_, "POST", "/api/v1/sites", R"({"code":"east side","name":"東岸"})", 422, "validation_failed",
                   "code");
    expect_refused(admin_, "PATCH", "/api/v1/sites/1", R"({"time_zone":"Mars/Olympus"})", 422, "validation_failed",
                   "time_zone", if_match(1));
    expect_refused(admin_, "PATCH", "/api/v1/sites/1", R"({"currency":"US1"})", 422, "validation_failed", "currency",
                   if_match(1));
    auto site = admin_.get("/api/v1/sites/1").json();
    EXPECT_EQ(site.at("time_zone"), "Asia/Hong_Kong");
    EXPECT_EQ(site.at("currency"), "HKD");
    EXPECT_EQ(site.at("version"), 1);
}

TEST_P(BadInput, FloorAreaWithThreeDecimalsIs422) {
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"floor_area_m2", 72.125}}), 422,
                   "validation_failed", "floor_area_m2");
    expect_refused(manager_, "PATCH", path("/api/v1/units/", ids_.first_unit), R"({"floor_area_m2":85.505})", 422,
                   "validation_failed", "floor_area_m2", if_match(1));
    // Two decimals are fine, and come back exactly.
    auto ok = manager_.post("/api/v1/sites/1/units", unit_body({{"floor_area_m2", 72.12}}));
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_DOUBLE_EQ(ok.json().at("floor_area_m2").to_number<double>(), 72.12);
}

// BUG (src/org/rules.cpp:79-84 floor_area_cm2): the two-decimals check compares m2 × 100 with its
// rounding within 1e-6, so a positive area below 0.00000001 m² (e.g. 1e-9) passes "above 0" and
// "two decimals", and llround makes it 0: the unit is stored with floor_area_m2 0, which the rule
// says is impossible (and management fees by area would be 0). CSV imports share the function.
// Fix: check the rounded value: `auto h = std::llround(m2 * 100); if (h <= 0 || std::abs(m2 * 100 - h) > 1e-6) return
// nullopt;`.
TEST_P(BadInput, FloorAreaThatRoundsToZeroIs422) {
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"floor_area_m2", 1e-9}}), 422,
                   "validation_failed", "floor_area_m2");
}

TEST_P(BadInput, DuplicatesAre409NamingTheField) {
    expect_refused(manager_, "POST", "/api/v1/sites/1/units", unit_body({{"number", "1A"}}), 409, "conflict", "number");
    expect_refused(manager_, "POST", "/api/v1/sites/1/buildings",
                   bj::serialize(bj::object{{"area_id", ids_.first_area}, {"name", "第1座"}}), 409, "conflict", "name");
    expect_refused(admin_, "POST", "/api/v1/sites", R"({"code":"DEMO","name":"另一個"})", 409, "conflict", "code");
}

// ---- sizes ----

std::string padded_object(const std::string& fields, size_t total_bytes) {
    std::string head = "{" + fields;
    std::string body = head + std::string(total_bytes - head.size() - 1, ' ') + "}";
    return body;
}

TEST_P(BadInput, BodyOverTheRoutes16KiBLimitIs413) {
    const size_t over = 16 * 1024 + 1;
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/residents", padded_object(R"("name":"陳大文")", over), 413,
                   "body_too_large");
    expect_refused(manager_, "POST", "/api/v1/sites/1/units",
                   padded_object(R"("building_id":1,"number":"21A","floor":21,"floor_area_m2":80)", over), 413,
                   "body_too_large");
    expect_refused(manager_, "PATCH", path("/api/v1/units/", ids_.first_unit), padded_object(R"("floor":2)", over), 413,
                   "body_too_large", "", if_match(1));
    expect_refused(admin_, "POST", "/api/v1/sites", padded_object(R"("code":"EAST","name":"東岸")", over), 413,
                   "body_too_large");
    // Exactly at the limit is fine.
    auto at_limit = frontdesk_.post("/api/v1/sites/1/residents", padded_object(R"("name":"陳大文")", 16 * 1024));
    EXPECT_EQ(at_limit.status, 201) << at_limit.body;
}

// BUG (src/platform/http/server.cpp:211): the parser's body limit is set to the 1 MiB default
// *before* the request head is read, and Beast checks Content-Length against it as soon as the
// head is complete (basic_parser::finish_header). A Content-Length over 1 MiB therefore fails in
// async_read_header with http::error::body_limit, which the error branch (server.cpp:216-232) does
// not recognise, so the client gets 400 "malformed HTTP request" instead of 413 body_too_large.
// Fix: read the head with no body limit (parser.body_limit(boost::none) or the largest route
// limit), set the route's limit after matching, and answer 413 when Content-Length exceeds it;
// also map bhttp::error::body_limit from async_read_header to 413.
TEST_P(BadInput, BodyOverTheDefault1MiBLimitIs413) {
    auto r =
        send_head_only(server_.port(),
                       "POST /api/v1/no-such-route HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       "Content-Length: " +
                           std::to_string(1024 * 1024 + 1) + "\r\n\r\n");
    EXPECT_TRUE(refused(r, 413, "body_too_large"));
}

TEST_P(BadInput, HeadersOver8KiBAre431) {
    auto before = org_table_counts(server_);
    auto get = frontdesk_.get("/api/v1/me", {{"X-Padding", std::string(9000, 'a')}});
    EXPECT_TRUE(refused(get, 431, "headers_too_large"));
    auto post =
        frontdesk_.post("/api/v1/sites/1/residents", R"({"name":"陳大文"})", {{"X-Padding", std::string(9000, 'a')}});
    EXPECT_TRUE(refused(post, 431, "headers_too_large"));
    EXPECT_EQ(org_table_counts(server_), before);
    EXPECT_EQ(frontdesk_.get("/api/v1/me", {{"X-Padding", std::string(4000, 'a')}}).status, 200);
}

// ---- who ----

std::string fill_placeholders(const std::string& pattern) {
    std::string out;
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            out += "1";
            i = pattern.find('}', i);
        } else {
            out += pattern[i];
        }
    }
    return out;
}

TEST_P(BadInput, EveryStaffRouteIs401WithoutASession) {
    auto anonymous = server_.client();
    auto before = org_table_counts(server_);
    int checked = 0;
    for (const auto& route : server_.app().router().routes()) {
        if (route.access != http::Access::user) continue;
        std::string target = fill_placeholders(route.pattern);
        SCOPED_TRACE(route.method + " " + route.pattern);
        EXPECT_TRUE(refused(anonymous.request(route.method, target), 401, "unauthenticated"));
        EXPECT_TRUE(refused(anonymous.request(route.method, target, "", {{"Cookie", "propdesk_session=forged"}}), 401,
                            "unauthenticated"));
        ++checked;
    }
    EXPECT_GE(checked, 35) << "the org, auth and audit routes at least";
    EXPECT_EQ(org_table_counts(server_), before);
}

TEST_P(BadInput, WrongRoleIs403AndChangesNothing) {
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/areas", R"({"kind":"district","name":"北大區"})", 403,
                   "forbidden");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/buildings",
                   bj::serialize(bj::object{{"area_id", ids_.first_area}, {"name", "第4座"}}), 403, "forbidden");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/units", unit_body({}), 403, "forbidden");
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/departments", R"({"kind":"other","name":"新部門"})", 403,
                   "forbidden");
    expect_refused(frontdesk_, "PATCH", path("/api/v1/units/", ids_.first_unit), R"({"floor":2})", 403, "forbidden", "",
                   if_match(1));
    expect_refused(frontdesk_, "PATCH", path("/api/v1/areas/", ids_.first_area), R"({"name":"改名"})", 403, "forbidden",
                   "", if_match(1));
    expect_refused(frontdesk_, "PATCH", path("/api/v1/buildings/", ids_.first_building), R"({"name":"改名"})", 403,
                   "forbidden", "", if_match(1));
    expect_refused(frontdesk_, "PATCH", "/api/v1/sites/1", R"({"name":"改名"})", 403, "forbidden", "", if_match(1));
    expect_refused(frontdesk_, "POST", "/api/v1/sites/1/devices", R"({"name":"Lane 1","kind":"gate_camera"})", 403,
                   "forbidden");
    expect_refused(frontdesk_, "POST", "/api/v1/users",
                   R"({"login":"new.desk","name":"x","password":"a-long-password"})", 403, "forbidden");
    expect_refused(manager_, "PATCH", path("/api/v1/users/", 4), R"({"active":false})", 403, "forbidden", "",
                   if_match(1));
    expect_refused(manager_, "PUT", path("/api/v1/users/", 4, "/roles"), R"({"roles":[]})", 403, "forbidden", "",
                   if_match(1));
    expect_refused(manager_, "POST", "/api/v1/sites", R"({"code":"EAST","name":"東岸"})", 403, "forbidden");

    auto tech = signed_in("tech1");
    expect_refused(tech, "POST", "/api/v1/sites/1/residents", R"({"name":"陳大文"})", 403, "forbidden");
    expect_refused(tech, "PATCH", path("/api/v1/residents/", ids_.first_resident), R"({"name":"改名"})", 403,
                   "forbidden", "", if_match(1));
    expect_refused(tech, "PUT", path("/api/v1/residents/", ids_.first_resident, path("/units/", ids_.first_unit + 1)),
                   R"({"relation":"tenant"})", 403, "forbidden", "", if_match(1));
}

TEST_P(BadInput, AnotherSitesIdIs404AndChangesNothing) {
    auto other = make_other_site(admin_);
    const std::string base = path("/api/v1/sites/", other.site);
    // The site-1 manager may write site structure, but not in a site that is not theirs.
    expect_refused(manager_, "POST", base + "/units",
                   bj::serialize(bj::object{
                       {"building_id", other.building}, {"number", "3B"}, {"floor", 3}, {"floor_area_m2", 70}}),
                   404, "not_found");
    expect_refused(manager_, "POST", base + "/areas", R"({"kind":"district","name":"東大區"})", 404, "not_found");
    expect_refused(manager_, "POST", base + "/buildings",
                   bj::serialize(bj::object{{"area_id", other.area}, {"name", "東2座"}}), 404, "not_found");
    expect_refused(manager_, "POST", base + "/departments", R"({"kind":"other","name":"新部門"})", 404, "not_found");
    expect_refused(manager_, "POST", base + "/residents", R"({"name":"陳大文"})", 404, "not_found");
    expect_refused(manager_, "PATCH", path("/api/v1/units/", other.unit), R"({"floor":4})", 404, "not_found", "",
                   if_match(1));
    expect_refused(manager_, "PATCH", path("/api/v1/residents/", other.resident), R"({"name":"改名"})", 404,
                   "not_found", "", if_match(1));
    expect_refused(manager_, "PATCH", path("/api/v1/areas/", other.area), R"({"name":"改名"})", 404, "not_found", "",
                   if_match(1));
    expect_refused(manager_, "PATCH", path("/api/v1/buildings/", other.building), R"({"name":"改名"})", 404,
                   "not_found", "", if_match(1));
    expect_refused(manager_, "PATCH", path("/api/v1/departments/", other.department), R"({"name":"改名"})", 404,
                   "not_found", "", if_match(1));
    expect_refused(manager_, "PATCH", base, R"({"name":"改名"})", 404, "not_found", "", if_match(1));
    expect_refused(frontdesk_, "PUT", path("/api/v1/residents/", other.resident, path("/units/", other.unit)),
                   R"({"relation":"tenant"})", 404, "not_found", "", if_match(1));
    // A resident of another site cannot be linked to one of its units from site 1 either.
    expect_refused(
        frontdesk_, "POST", "/api/v1/sites/1/residents",
        bj::serialize(bj::object{{"name", "陳大文"},
                                 {"units", bj::array{bj::object{{"unit_id", other.unit}, {"relation", "owner"}}}}}),
        422, "validation_failed", "units");
    // A site that does not exist answers the same as one that is not yours.
    expect_refused(manager_, "POST", "/api/v1/sites/999/residents", R"({"name":"陳大文"})", 404, "not_found");
    expect_refused(manager_, "PATCH", "/api/v1/units/999999", R"({"floor":4})", 404, "not_found", "", if_match(1));
}

TEST_P(BadInput, NonNumericIdInThePathIs404) {
    for (const char* target : {"/api/v1/units/abc", "/api/v1/units/0", "/api/v1/units/-1", "/api/v1/units/1.5",
                               "/api/v1/units/1e3", "/api/v1/residents/abc", "/api/v1/sites/abc/units",
                               "/api/v1/sites/abc", "/api/v1/buildings/%31x", "/api/v1/units/99999999999999999999"}) {
        EXPECT_TRUE(refused(manager_.get(target), 404, "not_found")) << target;
    }
    expect_refused(manager_, "PATCH", "/api/v1/units/abc", R"({"floor":4})", 404, "not_found", "", if_match(1));
    expect_refused(manager_, "POST", "/api/v1/sites/abc/units", unit_body({}), 404, "not_found");
    expect_refused(frontdesk_, "PUT", path("/api/v1/residents/", ids_.first_resident, "/units/abc"),
                   R"({"relation":"tenant"})", 404, "not_found", "", if_match(1));
}

// ---- a refused request never reaches the audit trail ----

TEST_P(BadInput, RefusedRequestsNeverWriteAnAuditRow) {
    HttpClient anonymous = server_.client();
    const std::string unit = path("/api/v1/units/", ids_.first_unit);
    struct Case {
        HttpClient* client;
        std::string method, target, body;
        std::map<std::string, std::string> headers;
        int status;
    };
    std::vector<Case> cases{
        {&manager_, "POST", "/api/v1/sites/1/units", "{", {}, 400},
        {&anonymous, "POST", "/api/v1/sites/1/units", unit_body({}), {}, 401},
        {&frontdesk_, "POST", "/api/v1/sites/1/units", unit_body({}), {}, 403},
        {&manager_, "POST", "/api/v1/sites/1/units", unit_body({}), {{"Origin", "https://evil.example"}}, 403},
        {&manager_, "POST", "/api/v1/sites/999/units", unit_body({}), {}, 404},
        {&manager_, "POST", "/api/v1/sites/1/units", unit_body({{"number", "1A"}}), {}, 409},
        {&manager_, "PATCH", unit, R"({"floor":2})", if_match(5), 412},
        {&manager_, "POST", "/api/v1/sites/1/units", padded_object(R"("number":"21A")", 20000), {}, 413},
        {&manager_, "POST", "/api/v1/sites/1/imports/units", "building,number,floor,floor_area_m2\n", {}, 415},
        {&manager_, "POST", "/api/v1/sites/1/units", unit_body({{"floor", 999}}), {}, 422},
        {&manager_, "PATCH", unit, R"({"floor":2})", {}, 428},
    };
    for (const auto& c : cases) {
        auto audit = server_.count("audit_log");
        auto r = c.client->request(c.method, c.target, c.body, c.headers);
        EXPECT_EQ(r.status, c.status) << c.method << " " << c.target << ": " << r.body;
        EXPECT_FALSE(r.error_code().empty()) << c.method << " " << c.target;
        EXPECT_EQ(server_.count("audit_log"), audit) << c.status << " " << c.method << " " << c.target;
    }
    EXPECT_EQ(server_.count("units"), 300);
}

INSTANTIATE_TEST_SUITE_P(Backends, BadInput, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
