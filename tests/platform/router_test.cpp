// Router: literal and {param} matching, literal-beats-placeholder, HEAD as GET, 405 lists,
// duplicate registration and how paths are split into segments.
#include "platform/http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace propdesk::http {
namespace {

using Segments = std::vector<std::string>;

Route route(std::string method, std::string pattern, std::string summary = {}) {
    Route r;
    r.method = std::move(method);
    r.pattern = std::move(pattern);
    r.handler = [](Request&) { return Response::no_content(); };
    r.summary = std::move(summary);
    return r;
}

TEST(SplitPath, SplitsOnSlashesAndDropsTheLeadingOne) {
    EXPECT_EQ(split_path("/api/v1/users"), (Segments{"api", "v1", "users"}));
}

TEST(SplitPath, RootAndEmptyPathHaveNoSegments) {
    EXPECT_TRUE(split_path("/").empty());
    EXPECT_TRUE(split_path("").empty());
    EXPECT_TRUE(split_path("///").empty());
}

TEST(SplitPath, TrailingSlashAndEmptySegmentsAreIgnored) {
    EXPECT_EQ(split_path("/api/v1/users/"), (Segments{"api", "v1", "users"}));
    EXPECT_EQ(split_path("//api//v1///users"), (Segments{"api", "v1", "users"}));
}

TEST(SplitPath, PathWithoutLeadingSlashSplitsTheSame) {
    EXPECT_EQ(split_path("api/v1"), (Segments{"api", "v1"}));
    EXPECT_EQ(split_path("single"), (Segments{"single"}));
}

TEST(SplitPath, KeepsPlaceholdersAndOddCharactersAsTheyAre) {
    EXPECT_EQ(split_path("/sites/{id}/a b/%2F"), (Segments{"sites", "{id}", "a b", "%2F"}));
}

TEST(Router, LiteralPatternMatchesExactPathWithoutParams) {
    Router r;
    r.add(route("GET", "/healthz", "health"));
    auto m = r.match("GET", "/healthz");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->summary, "health");
    EXPECT_TRUE(m.params.empty());
    EXPECT_TRUE(m.allowed_methods.empty());
}

TEST(Router, PlaceholderCapturesTheSegment) {
    Router r;
    r.add(route("GET", "/api/v1/sites/{id}/areas"));
    auto m = r.match("GET", "/api/v1/sites/42/areas");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->pattern, "/api/v1/sites/{id}/areas");
    ASSERT_EQ(m.params.size(), 1u);
    EXPECT_EQ(m.params.at("id"), "42");
}

TEST(Router, SeveralPlaceholdersAreCapturedByName) {
    Router r;
    r.add(route("PUT", "/api/v1/sites/{site_id}/units/{unit_id}"));
    auto m = r.match("PUT", "/api/v1/sites/7/units/A-12");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.params.at("site_id"), "7");
    EXPECT_EQ(m.params.at("unit_id"), "A-12");
}

TEST(Router, PlaceholderCapturesNonNumericAndUnicodeSegmentsVerbatim) {
    Router r;
    r.add(route("GET", "/api/v1/buildings/{name}"));
    auto m = r.match("GET", "/api/v1/buildings/第一座");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.params.at("name"), "第一座");
}

TEST(Router, LiteralSegmentMustMatchExactlyAndCaseSensitively) {
    Router r;
    r.add(route("GET", "/api/v1/users"));
    EXPECT_EQ(r.match("GET", "/api/v1/user").route, nullptr);
    EXPECT_EQ(r.match("GET", "/API/v1/users").route, nullptr);
    EXPECT_EQ(r.match("GET", "/api/v2/users").route, nullptr);
}

TEST(Router, SegmentCountMustBeEqual) {
    Router r;
    r.add(route("GET", "/api/v1/users/{id}"));
    EXPECT_EQ(r.match("GET", "/api/v1/users").route, nullptr);
    EXPECT_EQ(r.match("GET", "/api/v1/users/1/roles").route, nullptr);
    EXPECT_NE(r.match("GET", "/api/v1/users/1").route, nullptr);
}

TEST(Router, LiteralSegmentBeatsPlaceholderWhenPlaceholderRegisteredFirst) {
    Router r;
    r.add(route("GET", "/api/v1/users/{id}", "by id"));
    r.add(route("GET", "/api/v1/users/me", "me"));
    auto me = r.match("GET", "/api/v1/users/me");
    ASSERT_NE(me.route, nullptr);
    EXPECT_EQ(me.route->summary, "me");
    EXPECT_TRUE(me.params.empty()) << "the winning literal route must not carry the loser's params";

    auto other = r.match("GET", "/api/v1/users/12");
    ASSERT_NE(other.route, nullptr);
    EXPECT_EQ(other.route->summary, "by id");
    EXPECT_EQ(other.params.at("id"), "12");
}

TEST(Router, LiteralSegmentBeatsPlaceholderWhenLiteralRegisteredFirst) {
    Router r;
    r.add(route("GET", "/api/v1/users/me", "me"));
    r.add(route("GET", "/api/v1/users/{id}", "by id"));
    auto me = r.match("GET", "/api/v1/users/me");
    ASSERT_NE(me.route, nullptr);
    EXPECT_EQ(me.route->summary, "me");
    EXPECT_TRUE(me.params.empty());
}

TEST(Router, MoreLiteralSegmentsWinAcrossSeveralPlaceholders) {
    Router r;
    r.add(route("GET", "/api/v1/{a}/{b}", "two params"));
    r.add(route("GET", "/api/v1/sites/{b}", "one param"));
    r.add(route("GET", "/api/v1/sites/current", "all literal"));
    EXPECT_EQ(r.match("GET", "/api/v1/sites/current").route->summary, "all literal");
    EXPECT_EQ(r.match("GET", "/api/v1/sites/9").route->summary, "one param");
    EXPECT_EQ(r.match("GET", "/api/v1/units/9").route->summary, "two params");
}

TEST(Router, EqualLiteralCountTieGoesToTheRouteRegisteredFirst) {
    Router r;
    r.add(route("GET", "/a/{x}/c", "first"));
    r.add(route("GET", "/a/b/{y}", "second"));
    auto m = r.match("GET", "/a/b/c");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->summary, "first");
    EXPECT_EQ(m.params.at("x"), "b");
    EXPECT_EQ(m.params.count("y"), 0u);
}

TEST(Router, HeadMatchesAGetRoute) {
    Router r;
    r.add(route("GET", "/api/v1/sites/{id}"));
    auto m = r.match("HEAD", "/api/v1/sites/3");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->method, "GET");
    EXPECT_EQ(m.params.at("id"), "3");
}

TEST(Router, HeadDoesNotMatchOtherMethodsAndGetsA405List) {
    Router r;
    r.add(route("POST", "/api/v1/session"));
    auto m = r.match("HEAD", "/api/v1/session");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allowed_methods, (Segments{"POST"}));
}

TEST(Router, GetDoesNotMatchAHeadOnlyRoute) {
    Router r;
    r.add(route("HEAD", "/ping"));
    auto m = r.match("GET", "/ping");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allowed_methods, (Segments{"HEAD"}));
}

TEST(Router, WrongMethodListsAllowedMethodsInRegistrationOrder) {
    Router r;
    r.add(route("GET", "/api/v1/units/{id}"));
    r.add(route("PUT", "/api/v1/units/{id}"));
    r.add(route("DELETE", "/api/v1/units/{id}"));
    r.add(route("POST", "/api/v1/units"));  // other path: not in the list
    auto m = r.match("POST", "/api/v1/units/5");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allowed_methods, (Segments{"GET", "HEAD", "PUT", "DELETE"}));
}

TEST(Router, AllowedMethodsHaveNoDuplicatesWhenSeveralPatternsMatch) {
    Router r;
    r.add(route("GET", "/api/v1/users/{id}"));
    r.add(route("GET", "/api/v1/users/me"));
    r.add(route("PATCH", "/api/v1/users/me"));
    auto m = r.match("DELETE", "/api/v1/users/me");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allowed_methods, (Segments{"GET", "HEAD", "PATCH"}));
}

TEST(Router, AllowedMethodsAreClearedWhenARouteMatched) {
    Router r;
    r.add(route("POST", "/api/v1/cases"));
    r.add(route("GET", "/api/v1/cases"));
    auto m = r.match("GET", "/api/v1/cases");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->method, "GET");
    EXPECT_TRUE(m.allowed_methods.empty());
}

TEST(Router, MethodComparisonIsCaseSensitive) {
    Router r;
    r.add(route("GET", "/healthz"));
    auto m = r.match("get", "/healthz");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allowed_methods, (Segments{"GET", "HEAD"}));
}

TEST(Router, UnknownPathIsA404WithoutAllowedMethods) {
    Router r;
    r.add(route("GET", "/api/v1/users"));
    auto m = r.match("GET", "/api/v1/nothing");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_TRUE(m.allowed_methods.empty());
    EXPECT_TRUE(m.params.empty());
}

TEST(Router, EmptyRouterMatchesNothing) {
    Router r;
    auto m = r.match("GET", "/");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_TRUE(m.allowed_methods.empty());
}

TEST(Router, DuplicateRegistrationThrows) {
    Router r;
    r.add(route("GET", "/api/v1/users/{id}"));
    EXPECT_THROW(r.add(route("GET", "/api/v1/users/{id}")), std::logic_error);
    EXPECT_EQ(r.routes().size(), 1u);
}

TEST(Router, SamePatternWithAnotherMethodOrSameMethodWithAnotherPatternIsFine) {
    Router r;
    r.add(route("GET", "/api/v1/users/{id}"));
    EXPECT_NO_THROW(r.add(route("PUT", "/api/v1/users/{id}")));
    EXPECT_NO_THROW(r.add(route("GET", "/api/v1/users/me")));
    // Another placeholder name is another pattern string, so it is not caught as a duplicate.
    EXPECT_NO_THROW(r.add(route("GET", "/api/v1/users/{user_id}")));
    EXPECT_EQ(r.routes().size(), 4u);
}

TEST(Router, RoutesAreKeptInRegistrationOrderWithTheirSettings) {
    Router r;
    Route a = route("POST", "/api/v1/imports/units", "import");
    a.access = Access::user;
    a.permission = auth::Permission::import_data;
    a.body_limit = 20 * 1024 * 1024;
    r.add(std::move(a));
    Route b = route("GET", "/healthz");
    b.access = Access::public_route;
    r.add(std::move(b));
    ASSERT_EQ(r.routes().size(), 2u);
    EXPECT_EQ(r.routes()[0].pattern, "/api/v1/imports/units");
    EXPECT_EQ(r.routes()[0].permission, auth::Permission::import_data);
    EXPECT_EQ(r.routes()[0].body_limit, 20u * 1024 * 1024);
    EXPECT_EQ(r.routes()[1].access, Access::public_route);
    EXPECT_EQ(r.routes()[1].body_limit, kDefaultBodyLimit);

    auto m = r.match("POST", "/api/v1/imports/units");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->permission, auth::Permission::import_data);
}

TEST(Router, TrailingSlashAndDoubledSlashesMatchTheSameRoute) {
    Router r;
    r.add(route("GET", "/api/v1/users"));
    EXPECT_NE(r.match("GET", "/api/v1/users/").route, nullptr);
    EXPECT_NE(r.match("GET", "//api/v1//users").route, nullptr);
}

TEST(Router, EmptySegmentNeverFillsAPlaceholder) {
    Router r;
    r.add(route("GET", "/api/v1/users/{id}"));
    // "/api/v1/users//" splits to three segments, so {id} has nothing to capture.
    EXPECT_EQ(r.match("GET", "/api/v1/users//").route, nullptr);
}

TEST(Router, RootPatternMatchesRootPath) {
    Router r;
    r.add(route("GET", "/"));
    EXPECT_NE(r.match("GET", "/").route, nullptr);
    EXPECT_NE(r.match("GET", "").route, nullptr);
    EXPECT_EQ(r.match("GET", "/x").route, nullptr);
}

TEST(Router, BracesWithoutANameAreALiteralSegment) {
    Router r;
    r.add(route("GET", "/odd/{}"));
    EXPECT_EQ(r.match("GET", "/odd/5").route, nullptr);
    auto m = r.match("GET", "/odd/{}");
    ASSERT_NE(m.route, nullptr);
    EXPECT_TRUE(m.params.empty());
}

// RFC 9110 §9.3.2 / §10.2.1: a resource that answers GET also answers HEAD (this router does),
// so the Allow header of a 405 should list HEAD too. allowed_methods only lists "GET".
TEST(Router, AllowedMethodsListHeadWhenGetIsAllowed) {
    Router r;
    r.add(route("GET", "/api/v1/users"));
    auto m = r.match("DELETE", "/api/v1/users");
    EXPECT_EQ(m.allowed_methods, (Segments{"GET", "HEAD"}));
}

}  // namespace
}  // namespace propdesk::http
