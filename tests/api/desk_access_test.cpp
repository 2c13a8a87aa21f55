// The desk's API for everyone who may not: a stale or missing If-Match, staff of another site,
// roles without the permission and unknown fields change nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "desk/overdue_job.hpp"
#include "support/desk_fixture.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

class DeskAccess : public DeskApi {};

TEST_P(DeskAccess, AStaleIfMatchIs412AndChangesNothing) {
    auto fd = signed_in("frontdesk");
    int64_t engineering = department("engineering");
    auto v = record(fd, "other", "水錶漏水");
    auto newer = take(fd, v, "follow-up", {{"note", "已致電住戶"}});
    auto before = table_counts();
    auto stale = step(fd, v, "dispatch", {{"department_id", engineering}});  // with version 1
    EXPECT_EQ(stale.status, 412) << stale.body;
    EXPECT_EQ(stale.error_code(), "version_mismatch");
    EXPECT_EQ(table_counts(), before);
    auto now = read(fd, id_of(v));
    EXPECT_EQ(now.at("version"), 2);
    EXPECT_EQ(now.at("status"), "recorded");
    EXPECT_EQ(now, newer);
    auto future = fd.post(path("/api/v1/cases/", id_of(v), "/dispatch"),
                          bj::serialize(bj::object{{"department_id", engineering}}), if_match(7));
    EXPECT_EQ(future.status, 412);
    EXPECT_EQ(table_counts(), before);
}

TEST_P(DeskAccess, AStepWithoutIfMatchIs428) {
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "inquiry", "查詢");
    auto before = table_counts();
    for (const char* action : {"dispatch", "reply", "archive", "follow-up", "return-visit"}) {
        auto r = fd.post(path("/api/v1/cases/", id_of(v), std::string("/") + action), R"({"reply":"x"})");
        EXPECT_EQ(r.status, 428) << action;
        EXPECT_EQ(r.error_code(), "if_match_required") << action;
    }
    EXPECT_EQ(table_counts(), before);
}

TEST_P(DeskAccess, StaffOfAnotherSiteGet404ForSite1sCasesAndTheOtherWayRound) {
    auto admin = signed_in("admin");
    auto other = make_other_site(admin, "engineering", "東岸工程部");
    create_user(admin, "east.desk", bj::array{bj::object{{"site_id", other.site}, {"role", "front_desk"}}});
    auto fd = signed_in("frontdesk");
    auto mine = record(fd, "complaint", "海濱花園的投訴");
    auto east = signed_in("east.desk", "east-side-password");
    auto theirs = create(east, case_body("inquiry", "東岸查詢"), other.site);
    ASSERT_EQ(theirs.status, 201) << theirs.body;

    auto before = table_counts();
    for (const auto& target : {path("/api/v1/cases/", id_of(mine)), std::string("/api/v1/sites/1/cases"),
                               std::string("/api/v1/sites/1/return-visits"), std::string("/api/v1/sites/1/desk/policy"),
                               std::string("/api/v1/sites/1/desk/kpi"), std::string("/api/v1/sites/1/desk/kpi.xlsx"),
                               path("/api/v1/audit?entity=case&id=", id_of(mine))}) {
        auto r = east.get(target);
        EXPECT_EQ(r.status, 404) << target;
        EXPECT_EQ(r.error_code(), "not_found") << target;
    }
    for (const char* action : {"follow-up", "reply", "responsibility", "dispatch"}) {
        auto r = step(east, mine, action);
        EXPECT_EQ(r.status, 404) << action;
    }
    EXPECT_EQ(create(east, case_body("inquiry", "x")).status, 404);
    EXPECT_EQ(fd.get(path("/api/v1/cases/", id_of(theirs.json()))).status, 404);
    EXPECT_EQ(step(fd, theirs.json(), "follow-up", {{"note", "x"}}).status, 404);
    EXPECT_EQ(fd.get(path("/api/v1/sites/", other.site, "/cases")).status, 404);
    EXPECT_EQ(table_counts(), before);
    // Each lists only their own site's cases.
    EXPECT_EQ(ids(east.get(path("/api/v1/sites/", other.site, "/cases"))),
              (std::vector<int64_t>{id_of(theirs.json())}));
    EXPECT_EQ(ids(fd.get("/api/v1/sites/1/cases")), (std::vector<int64_t>{id_of(mine)}));
}

TEST_P(DeskAccess, RolesWithoutThePermissionGet403AndChangeNothing) {
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "other", "天台門壞");
    v = take(fd, v, "dispatch", {{"department_id", department("engineering")}});
    int64_t cleaning = department("cleaning");
    auto tech = signed_in("tech1");  // a technician sees their own jobs only (repairs module), not the desk
    auto attendant = signed_in("attendant");
    auto eng = signed_in("enghead");
    auto teamlead = signed_in("teamlead");
    auto before = table_counts();

    EXPECT_EQ(tech.get("/api/v1/sites/1/cases").status, 403);
    EXPECT_EQ(tech.get(path("/api/v1/cases/", id_of(v))).status, 403);
    EXPECT_EQ(step(tech, v, "accept").status, 403);
    auto create_denied = create(attendant, case_body("inquiry", "查詢"));
    EXPECT_EQ(create_denied.status, 403);
    EXPECT_EQ(create_denied.error_code(), "forbidden");
    // The front desk may not take the department's steps.
    auto accept = step(fd, v, "accept");
    EXPECT_EQ(accept.status, 403);
    EXPECT_NE(accept.body.find("only the department"), std::string::npos) << accept.body;
    // The engineering head may not take the desk's.
    EXPECT_EQ(step(eng, v, "reassign", {{"department_id", cleaning}, {"note", "x"}}).status, 403);
    EXPECT_EQ(step(eng, v, "follow-up", {{"note", "x"}}).status, 403);
    EXPECT_EQ(create(eng, case_body("repair", "x")).status, 403);
    // Nor may another department's lead take engineering's.
    auto security = step(teamlead, v, "accept");
    EXPECT_EQ(security.status, 403);
    EXPECT_NE(security.body.find("only the department"), std::string::npos);
    EXPECT_EQ(table_counts(), before);
    // The site manager may act for any department.
    auto manager = signed_in("manager");
    EXPECT_EQ(take(manager, v, "accept").at("status"), "in_progress");
}

TEST_P(DeskAccess, UnknownFieldsAre400NamingTheField) {
    auto fd = signed_in("frontdesk");
    auto r = create(fd, case_body("inquiry", "查詢", {{"priority", "high"}}));
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.error_code(), "unknown_field");
    EXPECT_EQ(r.error_field(), "priority");
    EXPECT_EQ(server_.count("cases"), 0);
    auto v = record(fd, "inquiry", "查詢");
    auto s = step(fd, v, "dispatch", {{"department_id", department("engineering")}, {"urgent", true}});
    EXPECT_EQ(s.status, 400);
    EXPECT_EQ(s.error_field(), "urgent");
    EXPECT_EQ(read(fd, id_of(v)).at("version"), 1);
}

TEST_P(DeskAccess, FD_A_ACasesHistoryIsReadOnlyByThoseWhoMayReadTheCase) {
    // The history holds the caller's name and phone: a role that cannot open the case cannot read it.
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "complaint", "鄰居噪音，來電者留下電話");
    const auto history = path("/api/v1/audit?entity=case&id=", id_of(v));
    for (const char* login : {"frontdesk", "csmanager", "manager", "enghead"}) {
        auto c = signed_in(login);
        EXPECT_EQ(c.get(history).status, 200) << login;
    }
    for (const char* login : {"attendant", "tech1"}) {
        auto c = signed_in(login);
        auto r = c.get(history);
        EXPECT_EQ(r.status, 403) << login;
        EXPECT_EQ(r.error_code(), "forbidden") << login;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskAccess, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
