// FD-N through the real server, on SQLite and PostgreSQL: the case's timeline and notes, each side
// (desk ↔ department) told live of the other's follow-up, progress and acceptance, and finding
// cases (search in either script, filters, paging).
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

class DeskTimeline : public DeskApi {};

TEST_P(DeskTimeline, FD_N_FollowUpNotesGoOnTheTimelineWithoutChangingTheStatusAndNeedText) {
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "suggestion", "建議增設單車位");
    auto empty = step(fd, v, "follow-up", {});
    EXPECT_EQ(empty.status, 422);
    EXPECT_EQ(empty.error_field(), "note");
    v = take(fd, v, "follow-up", {{"note", "已轉交經理"}});
    EXPECT_EQ(v.at("status"), "recorded");
    EXPECT_EQ(v.at("version"), 2);
    EXPECT_EQ(event_kinds(v), (std::vector<std::string>{"recorded", "follow_up"}));
    EXPECT_EQ(v.at("events").at(1).at("note"), "已轉交經理");
}

TEST_P(DeskTimeline, FD_N_TheDepartmentAddsProgressNotesWhileItHasTheCase) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto v = record(fd, "other", "電梯異響");
    v = take(fd, v, "dispatch", {{"department_id", department("engineering")}});
    v = take(eng, v, "progress", {{"note", "已聯絡電梯公司"}});
    EXPECT_EQ(v.at("status"), "dispatched");
    v = take(eng, v, "accept");
    v = take(eng, v, "progress", {{"note", "明早更換零件"}});
    EXPECT_EQ(v.at("status"), "in_progress");
    auto noteless = step(eng, v, "progress", {});
    EXPECT_EQ(noteless.status, 422);
    EXPECT_EQ(noteless.error_field(), "note");
    auto no_feedback = step(eng, v, "complete", {});
    EXPECT_EQ(no_feedback.status, 422);
    EXPECT_EQ(no_feedback.error_field(), "feedback");
    // FD-N: the desk hears of each progress note and of the acceptance.
    EXPECT_EQ(event_kinds(v), (std::vector<std::string>{"recorded", "dispatched", "notified", "progress", "notified",
                                                        "accepted", "notified", "progress", "notified"}));
}

TEST_P(DeskTimeline, FD_N_SearchIsInsensitiveToTraditionalAndSimplifiedAndFindsNamePhoneAndUnit) {
    auto ids_ = demo_ids(server_);
    auto fd = signed_in("frontdesk");
    auto complaint = record(fd, "complaint", "投訴清潔工未有清理走廊");
    auto other = record(fd, "inquiry", "查詢會所開放時間",
                        {{"caller_name", "李小姐"}, {"caller_phone", "6123 9876"}, {"unit_id", ids_.first_unit}});
    auto search = [&](const std::string& q) { return ids(fd.get("/api/v1/sites/1/cases?q=" + enc(q))); };
    EXPECT_EQ(search("投诉"), (std::vector<int64_t>{id_of(complaint)}));  // simplified finds traditional
    EXPECT_EQ(search("投訴"), (std::vector<int64_t>{id_of(complaint)}));
    EXPECT_EQ(search("李小姐"), (std::vector<int64_t>{id_of(other)}));
    EXPECT_EQ(search("61239876"), (std::vector<int64_t>{id_of(other)}));
    EXPECT_EQ(search("第1座 1a"), (std::vector<int64_t>{id_of(other)}));
    EXPECT_EQ(search("陳先生"), (std::vector<int64_t>{id_of(complaint)}));
    EXPECT_TRUE(search("不存在的字").empty());
    EXPECT_TRUE(search("100%").empty());
}

TEST_P(DeskTimeline, FD_N_FiltersByStatusCategoryDepartmentUnitPhoneDatesAndOverdueCombine) {
    auto ids_ = demo_ids(server_);
    auto fd = signed_in("frontdesk");
    int64_t engineering = department("engineering"), security = department("security");
    auto a = record(fd, "other", "A", {{"unit_id", ids_.first_unit}});
    a = take(fd, a, "dispatch", {{"department_id", engineering}});
    auto b = record(fd, "complaint", "B", {{"caller_phone", "6000 0001"}});
    b = take(fd, b, "dispatch", {{"department_id", security}});
    clock_.advance_ms(24 * kHour);  // the next day (2026-11-19)
    fd = signed_in("frontdesk");
    auto c = record(fd, "inquiry", "C");
    c = take(fd, c, "reply", {{"reply", "已答"}});
    auto d = record(fd, "other", "D", {{"unit_id", ids_.first_unit}, {"caller_phone", "6000-0001"}});
    clock_.advance_ms(kHour);  // B (due in 24 h) is past due, A (48 h) not yet
    ASSERT_EQ(desk::flag_overdue(server_.db(), clock_.now_ms()), 1);

    auto list = [&](const std::string& query) {
        auto r = fd.get("/api/v1/sites/1/cases?" + query);
        if (r.status != 200) throw std::runtime_error(query + ": " + r.body);
        return ids(r);
    };
    using V = std::vector<int64_t>;
    EXPECT_EQ(list(""), (V{id_of(d), id_of(c), id_of(b), id_of(a)}));
    EXPECT_EQ(list("status=dispatched"), (V{id_of(b), id_of(a)}));
    EXPECT_EQ(list("status=recorded,replied"), (V{id_of(d), id_of(c)}));
    EXPECT_EQ(list("category=other"), (V{id_of(d), id_of(a)}));
    EXPECT_EQ(list("department_id=" + std::to_string(security)), (V{id_of(b)}));
    EXPECT_EQ(list("department_id=" + std::to_string(engineering) + "," + std::to_string(security)),
              (V{id_of(b), id_of(a)}));
    EXPECT_EQ(list("unit_id=" + std::to_string(ids_.first_unit)), (V{id_of(d), id_of(a)}));
    EXPECT_EQ(list("phone=" + enc("6000 0001")), (V{id_of(d), id_of(b)}));
    EXPECT_EQ(list("q=" + enc("6000-0001")), (V{id_of(d), id_of(b)}));  // typed as people write it
    EXPECT_EQ(list("from=2026-11-19"), (V{id_of(d), id_of(c)}));
    EXPECT_EQ(list("to=2026-11-18"), (V{id_of(b), id_of(a)}));
    EXPECT_EQ(list("from=2026-11-18&to=2026-11-18"), (V{id_of(b), id_of(a)}));
    EXPECT_TRUE(list("from=2026-11-20").empty());
    EXPECT_EQ(list("overdue=true"), (V{id_of(b)}));
    EXPECT_EQ(list("overdue=false"), (V{id_of(d), id_of(c), id_of(b), id_of(a)}));
    EXPECT_EQ(list("category=other&unit_id=" + std::to_string(ids_.first_unit) + "&status=recorded"), (V{id_of(d)}));
    EXPECT_EQ(list("phone=60000001&category=complaint&overdue=true"), (V{id_of(b)}));

    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"status=lost", "status"},
                                                          {"category=repair,inquiry", "category"},
                                                          {"category=car", "category"},
                                                          {"department_id=x", "department_id"},
                                                          {"unit_id=0", "unit_id"},
                                                          {"phone=12", "phone"},
                                                          {"from=2026-13-01", "from"},
                                                          {"to=yesterday", "to"},
                                                          {"overdue=yes", "overdue"}}) {
        auto r = fd.get("/api/v1/sites/1/cases?" + query);
        EXPECT_EQ(r.status, 422) << query;
        EXPECT_EQ(r.error_field(), field) << query;
    }
}

TEST_P(DeskTimeline, FD_N_ListItemsAreExactlyTheCaseAsReadWithoutItsTimeline) {
    auto ids_ = demo_ids(server_);
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    // Text that needs escaping, a unit, a resident, a responsibility, a department, handled times.
    auto a = record(fd, "complaint", "他說:\"水\\電\"\n第二行\t😀",
                    {{"unit_id", ids_.first_unit}, {"resident_id", ids_.first_resident}, {"responsibility", "ours"}});
    a = take(fd, a, "dispatch", {{"department_id", department("engineering")}});
    a = take(eng, a, "accept");
    a = take(eng, a, "complete", {{"feedback", "已完成 <b>&</b>"}});
    auto b = record(fd, "inquiry", "overdue soon");
    clock_.advance_ms(25 * kHour);
    fd = signed_in("frontdesk");
    ASSERT_EQ(desk::flag_overdue(server_.db(), clock_.now_ms()), 1);
    auto list = fd.get("/api/v1/sites/1/cases");
    ASSERT_EQ(list.status, 200) << list.body;
    auto items = list.json().at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    for (const auto& item : items) {
        auto one = read(fd, id_of(item)).as_object();
        one.erase("events");
        one.erase("return_visits");
        one.erase("previous_rounds");
        EXPECT_EQ(item, one) << id_of(item);  // the steps the reader may take too (no visit escalated here)
    }
    EXPECT_EQ(items[0].at("overdue"), true);
    EXPECT_EQ(items[1].at("content"), "他說:\"水\\電\"\n第二行\t😀");
    EXPECT_EQ(items[1].at("responsibility"), "ours");
    EXPECT_EQ(items[1].at("handled_on_time"), true);
}

TEST_P(DeskTimeline, FD_N_PagingWalksNewestFirstWithNextCursor) {
    auto fd = signed_in("frontdesk");
    std::vector<int64_t> made;
    for (int i = 0; i < 5; ++i) made.push_back(id_of(record(fd, "inquiry", "查詢 " + std::to_string(i))));
    std::vector<int64_t> seen;
    std::string cursor;
    int pages = 0;
    for (;;) {
        auto r = fd.get("/api/v1/sites/1/cases?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(r.status, 200) << r.body;
        auto page = ids(r);
        EXPECT_LE(page.size(), 2u);
        seen.insert(seen.end(), page.begin(), page.end());
        ++pages;
        auto next = r.json().at("next_cursor");
        if (next.is_null()) break;
        cursor = str(next);
        EXPECT_EQ(cursor, std::to_string(page.back()));
        ASSERT_LT(pages, 10);
    }
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen, (std::vector<int64_t>{made[4], made[3], made[2], made[1], made[0]}));
}

TEST_P(DeskTimeline, FD_N_EachSideIsToldOfTheOthersFollowUpProgressAndAcceptance) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto butler = signed_in("butler");
    // Recorded by the butler: the desk and the one who recorded it hear from the department.
    auto v = record(butler, "other", "大堂冷氣漏水");
    auto quiet = take(fd, v, "follow-up", {{"note", "先記下"}});  // with nobody yet: nobody told
    EXPECT_EQ(told("enghead", "case_follow_up"), 0);
    v = take(fd, quiet, "dispatch", {{"department_id", department("engineering")}});
    v = take(fd, v, "follow-up", {{"note", "住戶再來電催促"}});
    for (const char* login : {"enghead", "englead", "tech1", "tech2"})
        EXPECT_EQ(told(login, "case_follow_up"), 1) << login;
    EXPECT_EQ(told("frontdesk", "case_follow_up"), 0);  // not told of their own note
    v = take(eng, v, "accept", {{"note", "今日處理"}});
    v = take(eng, v, "progress", {{"note", "已訂零件"}});
    for (const char* login : {"frontdesk", "assistant", "butler"}) {
        EXPECT_EQ(told(login, "case_accepted"), 1) << login;
        EXPECT_EQ(told(login, "case_progress"), 1) << login;
    }
    EXPECT_EQ(told("enghead", "case_progress"), 0);
    auto bell = fd.get("/api/v1/notifications").json().at("items").at(0);
    EXPECT_EQ(bell.at("kind"), "case_progress");
    EXPECT_EQ(bell.at("body"), "已訂零件");
    EXPECT_EQ(bell.at("link"), bj::value(path("/cases/", id_of(v))));
    // On the timeline: who was told, after each step.
    EXPECT_EQ(event_kinds(v), (std::vector<std::string>{"recorded", "follow_up", "dispatched", "notified", "follow_up",
                                                        "notified", "accepted", "notified", "progress", "notified"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskTimeline, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
