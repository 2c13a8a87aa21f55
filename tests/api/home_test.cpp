// A role's home page (GET /sites/{site}/home): each role sees the tiles of its own day, each figure
// is the count of the list it links to and follows what happens, and nobody sees another site's.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>

#include "support/desk_fixture.hpp"
#include "support/parking_fixture.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

// The tiles of the caller's home in site 1, by key.
std::map<std::string, bj::object> tiles(HttpClient& c, int64_t site = 1) {
    auto r = c.get(path("/api/v1/sites/", site, "/home"));
    if (r.status != 200) throw std::runtime_error("home: " + r.body);
    std::map<std::string, bj::object> out;
    auto body = r.json();
    for (const auto& s : body.at("sections").as_array())
        for (const auto& t : s.at("tiles").as_array()) out[str(t.at("key"))] = t.as_object();
    return out;
}

std::set<std::string> keys(const std::map<std::string, bj::object>& m) {
    std::set<std::string> out;
    for (const auto& [k, v] : m) out.insert(k);
    return out;
}

int64_t value(const std::map<std::string, bj::object>& m, const std::string& key) {
    return m.at(key).at("value").as_int64();
}

class HomeDesk : public DeskApi {};

TEST_P(HomeDesk, EachRoleSeesTheTilesOfItsOwnDay) {
    const std::set<std::string> desk{"desk.recorded", "desk.visitsDue", "desk.overdue"};
    auto with = [](std::set<std::string> a, std::initializer_list<const char*> more) {
        for (const char* k : more) a.insert(k);
        return a;
    };
    std::map<std::string, std::set<std::string>> expected{
        {"frontdesk", desk},
        {"assistant", desk},
        {"butler", with(desk, {"desk.escalated", "desk.complaintVisits"})},
        {"csmanager", with(desk, {"desk.open", "desk.complaints"})},
        {"manager", with(desk, {"desk.open", "desk.complaints", "repairs.toAssign", "repairs.immediateOpen",
                                "repairs.late", "parking.held", "parking.freeRequests", "parking.handoversToSign",
                                "parking.inside", "parking.takingsToday"})},
        {"enghead", {"desk.queue", "desk.queueOverdue", "repairs.toAssign", "repairs.late"}},
        {"tech1", {"repairs.myJobs"}},
        {"attendant", {}},
        {"teamlead",
         {"desk.queue", "desk.queueOverdue", "parking.held", "parking.freeRequests", "parking.handoversToSign"}},
        {"finance", {"desk.queue", "desk.queueOverdue", "parking.takingsToday"}},
    };
    for (const auto& [login, want] : expected) {
        auto c = signed_in(login);
        EXPECT_EQ(keys(tiles(c)), want) << login;
    }
}

TEST_P(HomeDesk, FD_A_FD_C_AFigureFollowsTheListItLinksTo) {
    auto fd = signed_in("frontdesk");
    auto before = tiles(fd);
    EXPECT_EQ(str(before.at("desk.recorded").at("link")), "/cases?status=recorded");
    EXPECT_EQ(str(before.at("desk.overdue").at("link")), "/cases?overdue=true");
    auto v = record(fd, "complaint", "走廊燈不亮，住戶投訴");
    auto after = tiles(fd);
    EXPECT_EQ(value(after, "desk.recorded"), value(before, "desk.recorded") + 1);
    EXPECT_EQ(str(after.at("desk.recorded").at("tone")), "warning");
    auto cs = signed_in("csmanager");
    auto m = tiles(cs);
    // The complaint is open and waiting; both figures are the cases their links list.
    auto listed = [&](const std::string& query) {
        auto r = cs.get("/api/v1/sites/1/cases?limit=200&" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        return static_cast<int64_t>(r.json().at("items").as_array().size());
    };
    EXPECT_EQ(value(m, "desk.complaints"), listed("status=recorded,dispatched,in_progress&category=complaint"));
    EXPECT_EQ(value(m, "desk.open"), listed("status=recorded,dispatched,in_progress"));
    take(fd, v, "dispatch", {{"department_id", department("engineering")}});
    auto eng = signed_in("enghead");
    EXPECT_GE(value(tiles(eng), "desk.queue"), 1);
    EXPECT_EQ(value(tiles(fd), "desk.recorded"), value(before, "desk.recorded"));
}

TEST_P(HomeDesk, AnotherSitesHomeIsNotFoundAndASignedOutCallerIsNotLetIn) {
    auto admin = signed_in("admin");
    auto other = make_other_site(admin);
    auto fd = signed_in("frontdesk");
    auto r = fd.get(path("/api/v1/sites/", other.site, "/home"));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.error_code(), "not_found");
    HttpClient anonymous = server_.client();
    EXPECT_EQ(anonymous.get("/api/v1/sites/1/home").status, 401);
}

TEST_P(HomeDesk, AListSaysHowManyItFoundOnAskingOnlyAndTheFiguresAgree) {
    auto fd = signed_in("frontdesk");
    for (int i = 0; i < 3; ++i) record(fd, "complaint", "投訴 " + std::to_string(i));
    auto first = fd.get("/api/v1/sites/1/cases?limit=2&category=complaint&total=true");
    ASSERT_EQ(first.status, 200) << first.body;
    auto body = first.json();
    int64_t total = body.at("total").as_int64();
    EXPECT_GE(total, 3);
    EXPECT_EQ(body.at("items").as_array().size(), 2u);
    // The home page's figure and the list's total are the same count.
    auto cs = signed_in("csmanager");
    auto all = cs.get("/api/v1/sites/1/cases?status=recorded,dispatched,in_progress&category=complaint&total=true");
    EXPECT_EQ(all.json().at("total").as_int64(), value(tiles(cs), "desk.complaints"));
    // Not asked, not counted; a bad value names the parameter.
    EXPECT_FALSE(fd.get("/api/v1/sites/1/cases?limit=2").json().as_object().contains("total"));
    auto bad = fd.get("/api/v1/sites/1/cases?total=yes");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "total");
    auto visits = fd.get("/api/v1/sites/1/return-visits?total=true");
    ASSERT_EQ(visits.status, 200) << visits.body;
    EXPECT_TRUE(visits.json().as_object().contains("total"));
    auto repairs = fd.get("/api/v1/sites/1/repairs?total=true&limit=1");
    ASSERT_EQ(repairs.status, 200) << repairs.body;
    EXPECT_GE(repairs.json().at("total").as_int64(),
              static_cast<int64_t>(repairs.json().at("items").as_array().size()));
}

TEST_P(HomeDesk, TheCaseListExportsAsAWorkbookWithItsFiltersAndOnlyForItsReaders) {
    auto fd = signed_in("frontdesk");
    record(fd, "complaint", "匯出測試");
    auto r = fd.get("/api/v1/sites/1/cases.xlsx?category=complaint&status=recorded&q=" + enc("匯出"));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("content-type"), kXlsx);
    EXPECT_EQ(r.body.substr(0, 2), "PK");
    EXPECT_NE(r.body.find("xl/worksheets/sheet1.xml"), std::string::npos);
    // The list's own refusals hold for its workbook.
    auto bad = fd.get("/api/v1/sites/1/cases.xlsx?category=complaint,praise");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "category");
    auto attendant = signed_in("attendant");
    EXPECT_EQ(attendant.get("/api/v1/sites/1/cases.xlsx").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, HomeDesk, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

class HomeParking : public ParkingTest {};

TEST_P(HomeParking, PK_8_PK_4_HeldCarsAndTodaysTakingsFollowTheBooth) {
    auto waiting = visitor_at_exit("粵B23456");  // two hours on: sign in after it
    auto lead = signed_in("teamlead");
    int64_t held_before = value(tiles(lead), "parking.held");
    auto attendant = signed_in("attendant");
    auto finance = signed_in("finance");
    auto takings = tiles(finance).at("parking.takingsToday");
    EXPECT_EQ(takings.at("money"), true);
    int64_t cents_before = takings.at("value").as_int64();
    pay_cash(attendant, waiting, waiting.at("fee_cents").as_int64());
    auto now = tiles(finance).at("parking.takingsToday");  // a copy: the map is gone after this line
    EXPECT_EQ(now.at("value").as_int64(), cents_before + waiting.at("fee_cents").as_int64());
    bool cash_part = false;
    for (const auto& p : now.at("parts").as_array())
        if (p.at("key") == "cash") cash_part = p.at("value").as_int64() >= waiting.at("fee_cents").as_int64();
    EXPECT_TRUE(cash_part);

    EXPECT_EQ(info_of(at_entry("粵B67890")), "ok");
    auto stay = stay_of(attendant, "粵B67890");
    held(attendant, stay, "suspicious", "車牌與行駛證不符");
    auto m = tiles(lead);
    EXPECT_EQ(value(m, "parking.held"), held_before + 1);
    EXPECT_EQ(str(m.at("parking.held").at("tone")), "warning");
    EXPECT_EQ(str(m.at("parking.held").at("link")), "/parking/holds");
    auto manager = signed_in("manager");
    auto inside = tiles(manager).at("parking.inside");
    EXPECT_GE(inside.at("value").as_int64(), 1);
    EXPECT_GT(inside.at("of").as_int64(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, HomeParking, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
