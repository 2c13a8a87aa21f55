// MT-3.1 through the real server, on SQLite and PostgreSQL: the repair register and its desk
// case, a desk repair case raised into its request in one step, the 30-minute promise counted
// from the call and watched, assignment by engineering and the technician's jobs.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "repair/arrival_job.hpp"
#include "support/repair_fixture.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

class RepairRegister : public RepairApi {};

TEST_P(RepairRegister, MT_3_1_ADirectRequestWithoutTheReadBackConfirmationIsRefusedAndWritesNothing) {
    auto fd = signed_in("frontdesk");
    auto before = table_counts();
    auto body = request_body("廚房水龍頭漏水");
    body.erase("read_back_confirmed");
    auto missing = register_request(fd, body);
    EXPECT_EQ(missing.status, 422) << missing.body;
    EXPECT_EQ(missing.error_code(), "validation_failed");
    EXPECT_EQ(missing.error_field(), "read_back_confirmed");
    body["read_back_confirmed"] = false;
    auto unconfirmed = register_request(fd, body);
    EXPECT_EQ(unconfirmed.status, 422);
    EXPECT_EQ(unconfirmed.error_field(), "read_back_confirmed");
    auto no_description = register_request(fd, request_body(""));
    EXPECT_EQ(no_description.status, 422);
    EXPECT_EQ(no_description.error_field(), "description");
    auto no_caller = request_body("漏水");
    no_caller.erase("caller_name");
    EXPECT_EQ(register_request(fd, no_caller).error_field(), "caller_name");
    auto no_mode = request_body("漏水");
    no_mode.erase("mode");
    EXPECT_EQ(register_request(fd, no_mode).error_field(), "mode");
    EXPECT_EQ(register_request(fd, request_body("漏水", {{"mode", "later"}})).error_field(), "mode");
    EXPECT_EQ(register_request(fd, request_body("漏水", {{"channel", "fax"}})).error_field(), "channel");
    EXPECT_EQ(table_counts(), before);
    EXPECT_EQ(server_.count("repairs"), 0);
}

TEST_P(RepairRegister, MT_3_1_AnImmediatePhoneRequestIsDueIn30MinutesAndItsDeskCaseGoesToEngineering) {
    auto fd = signed_in("frontdesk");
    auto r = register_request(fd, request_body("廚房水龍頭漏水", {{"location", "廚房"}}));
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.header("etag"), "\"1\"");
    auto v = r.json();
    int64_t id = id_of(v);
    char number[16];
    std::snprintf(number, sizeof number, "R%06lld", static_cast<long long>(id));
    EXPECT_EQ(v.at("number"), number);
    EXPECT_EQ(v.at("site_id"), 1);
    EXPECT_EQ(v.at("channel"), "phone");
    EXPECT_EQ(v.at("caller_name"), "陳先生");
    EXPECT_EQ(v.at("caller_phone"), "91234567");
    EXPECT_EQ(v.at("location"), "廚房");
    EXPECT_EQ(v.at("description"), "廚房水龍頭漏水");
    EXPECT_EQ(v.at("mode"), "immediate");
    EXPECT_EQ(v.at("simple"), false);
    EXPECT_TRUE(v.at("slot").is_null());
    EXPECT_EQ(v.at("requested_at"), kStartLocal);
    EXPECT_EQ(v.at("due_at"), hk(kStart + 30 * kMinute));  // MT-3.1: reached within 30 minutes
    EXPECT_EQ(v.at("overdue"), false);
    EXPECT_EQ(v.at("status"), "recorded");
    EXPECT_TRUE(v.at("technician").is_null());
    EXPECT_TRUE(v.at("receipt_no").is_null());
    EXPECT_TRUE(v.at("first_on_time").is_null());
    EXPECT_EQ(v.at("created_by"), ref("frontdesk", "黃前臺"));
    EXPECT_EQ(v.at("created_at"), kStartLocal);
    EXPECT_EQ(v.at("version"), 1);
    EXPECT_EQ(v.at("policy"), (bj::object{{"min_wait_minutes", 5}}));
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"close", "note"}));
    EXPECT_EQ(event_kinds(v), (std::vector<std::string>{"recorded", "notified"}));
    EXPECT_EQ(v.at("events").at(0).at("note"), "immediate");
    EXPECT_EQ(v.at("events").at(0).at("actor"), ref("frontdesk", "黃前臺"));
    EXPECT_EQ(v.at("events").at(1).at("note"), "repair_new ×2");  // the engineering head and the team lead
    EXPECT_EQ(told("enghead", "repair_new"), 1);
    EXPECT_EQ(told("englead", "repair_new"), 1);

    // Engineering sees it and may assign it.
    auto eng = signed_in("enghead");
    EXPECT_EQ(strings(read(eng, id).at("actions")), (std::vector<std::string>{"assign", "close", "note"}));

    // The desk case made with it: a repair, dispatched to engineering, naming the request.
    auto c = read_case(fd, v.at("case_id").as_int64());
    EXPECT_EQ(v.at("case_number"), c.at("number"));
    EXPECT_EQ(c.at("category"), "repair");
    EXPECT_EQ(c.at("channel"), "phone");
    EXPECT_EQ(c.at("status"), "dispatched");
    EXPECT_EQ(c.at("content"), "廚房水龍頭漏水");
    EXPECT_EQ(c.at("department"), (bj::object{{"id", department("engineering")}, {"name", "工程部"}}));
    EXPECT_EQ(c.at("repair_request_id"), id);
    EXPECT_EQ(c.at("read_back_at"), kStartLocal);
    EXPECT_EQ(c.at("dispatched_at"), kStartLocal);
    EXPECT_EQ(event_kinds(c), (std::vector<std::string>{"recorded", "dispatched"}));
    EXPECT_EQ(c.at("events").at(1).at("note"), bj::value(std::string("請修單 ") + number));

    // Both are in the audit trail.
    auto history = audit("repair", id);
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].at("action"), "create");
    EXPECT_EQ(history[0].at("actor_name"), "黃前臺");
    EXPECT_TRUE(history[0].at("before").is_null());
    EXPECT_EQ(history[0].at("after").at("status"), "recorded");
    // The desk case the register creates has its own "create" entry: every record keeps who
    // created it (REQUIREMENTS.md).
    auto case_history = audit_actions("case", c.at("id").as_int64());
    ASSERT_FALSE(case_history.empty());
    EXPECT_EQ(case_history.front(), "create");
}

TEST_P(RepairRegister, MT_3_1_ARetriedRegistrationWithTheSameIdempotencyKeyMakesOneRequestAndOneCase) {
    auto fd = signed_in("frontdesk");
    const std::string body = bj::serialize(request_body("浴室去水位淤塞"));
    auto first = fd.post("/api/v1/sites/1/repairs", body, {{"Idempotency-Key", "repair-retry-1"}});
    ASSERT_EQ(first.status, 201) << first.body;
    auto again = fd.post("/api/v1/sites/1/repairs", body, {{"Idempotency-Key", "repair-retry-1"}});
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(again.header("idempotent-replayed"), "true");
    EXPECT_EQ(again.json().at("id"), first.json().at("id"));
    EXPECT_EQ(server_.count("repairs"), 1);
    EXPECT_EQ(server_.count("cases"), 1);
}

TEST_P(RepairRegister, FD_B_MT_3_1_ARecordedRepairCaseBecomesItsRequestInOneStepLinkedBothWays) {
    auto ids = demo_ids(server_);
    auto fd = signed_in("frontdesk");
    auto c = recorded_case(fd, "repair", "洗手盆水喉爆裂", {{"unit_id", ids.first_unit}});
    // FD-B: a repair case is raised into its repair request, never dispatched as a plain case.
    EXPECT_EQ(strings(c.at("actions")), (std::vector<std::string>{"raise_repair", "follow_up"}));
    // The caller comes from the case, not again from the request.
    auto before = table_counts();
    auto twice = raise(fd, c, {{"mode", "immediate"}, {"caller_name", "另一人"}});
    EXPECT_EQ(twice.status, 400) << twice.body;
    EXPECT_EQ(twice.error_field(), "caller_name");
    EXPECT_EQ(table_counts(), before);

    clock_.advance_ms(3 * kMinute);
    auto r = raise(fd, c, {{"mode", "immediate"}, {"location", "浴室"}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto after = r.json();  // the case, as its other steps answer
    EXPECT_EQ(r.header("etag"), etag(after.at("version").as_int64()));
    EXPECT_EQ(after.at("status"), "dispatched");
    EXPECT_EQ(after.at("department").at("id"), department("engineering"));
    EXPECT_EQ(after.at("dispatched_at"), hk(kStart + 3 * kMinute));
    ASSERT_TRUE(after.at("repair_request_id").is_int64());
    EXPECT_EQ(event_kinds(after), (std::vector<std::string>{"recorded", "dispatched"}));
    // A repair job's case moves with the job, not by hand at the desk.
    for (const char* gone : {"dispatch", "raise_repair", "reply"})
        EXPECT_FALSE(has(strings(after.at("actions")), gone));

    auto v = read(fd, after.at("repair_request_id").as_int64());
    EXPECT_EQ(v.at("case_id"), id_of(c));  // linked both ways
    EXPECT_EQ(v.at("case_number"), c.at("number"));
    EXPECT_EQ(v.at("channel"), "phone");
    EXPECT_EQ(v.at("caller_name"), "陳先生");
    EXPECT_EQ(v.at("caller_phone"), "91234567");
    EXPECT_EQ(v.at("unit_id"), ids.first_unit);
    EXPECT_EQ(v.at("unit_label"), "第1座 1A");
    EXPECT_EQ(v.at("description"), "洗手盆水喉爆裂");
    EXPECT_EQ(v.at("location"), "浴室");
    EXPECT_EQ(v.at("status"), "recorded");
    // MT-3.1: the 30 minutes count from the call (the case's recorded time), not from the typing.
    EXPECT_EQ(v.at("requested_at"), kStartLocal);
    EXPECT_EQ(v.at("due_at"), hk(kStart + 30 * kMinute));
    EXPECT_EQ(server_.count("cases"), 1);  // no second case
    EXPECT_EQ(told("enghead", "repair_new"), 1);
    EXPECT_EQ(audit_actions("case", id_of(c)), (std::vector<std::string>{"create", "raise_repair"}));
    EXPECT_EQ(audit_actions("repair", id_of(v)), (std::vector<std::string>{"create"}));

    // One request per case: the version read before is stale, the current one is past recorded.
    before = table_counts();
    auto stale = raise(fd, c, {{"mode", "immediate"}});
    EXPECT_EQ(stale.status, 412) << stale.body;
    auto again = raise(fd, after, {{"mode", "immediate"}});
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(again.error_code(), "wrong_status");
    EXPECT_EQ(table_counts(), before);
}

TEST_P(RepairRegister, MT_3_1_AnImmediateJobRaisedLateFromItsCallIsAlreadyOverdue) {
    auto fd = signed_in("frontdesk");
    auto c = recorded_case(fd, "repair", "升降機困人");
    clock_.advance_ms(40 * kMinute);  // the desk typed the request 40 minutes after the call
    fd = signed_in("frontdesk");
    auto r = raise(fd, c, {{"mode", "immediate"}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto v = read(fd, r.json().at("repair_request_id").as_int64());
    EXPECT_EQ(v.at("due_at"), hk(kStart + 30 * kMinute));
    EXPECT_EQ(v.at("overdue"), true);
    // The same from a direct registration: the call is the registration.
    auto direct = registered(fd, "大堂水浸");
    EXPECT_EQ(direct.at("requested_at"), hk(kStart + 40 * kMinute));
    EXPECT_EQ(direct.at("due_at"), hk(kStart + 70 * kMinute));
}

TEST_P(RepairRegister, FD_B_MT_3_1_ARepairCaseIsNeverDispatchedAsAPlainCaseByAnyoneAndChangesNothing) {
    auto fd = signed_in("frontdesk");
    auto c = recorded_case(fd, "repair", "大堂燈壞");
    int64_t engineering = department("engineering");
    auto before = table_counts();
    for (const char* login : {"frontdesk", "assistant", "csmanager", "manager"}) {
        auto who = signed_in(login);
        before = table_counts();  // a sign-in is audited
        auto sent = who.post(path("/api/v1/cases/", id_of(c), "/dispatch"),
                             bj::serialize(bj::object{{"department_id", engineering}}), if_match(1));
        EXPECT_EQ(sent.status, 409) << login << " " << sent.body;
        EXPECT_EQ(sent.error_code(), "repair_process") << login;
        auto replied = who.post(path("/api/v1/cases/", id_of(c), "/reply"), R"({"reply":"已處理"})", if_match(1));
        EXPECT_EQ(replied.status, 409) << login;
        EXPECT_EQ(replied.error_code(), "repair_process") << login;
        EXPECT_EQ(table_counts(), before) << login;
    }
    // Engineering may register jobs, but not take desk steps on a case.
    auto eng = signed_in("enghead");
    before = table_counts();
    EXPECT_EQ(raise(eng, c, {{"mode", "immediate"}}).status, 403);
    EXPECT_EQ(table_counts(), before);
    EXPECT_EQ(read_case(fd, id_of(c)).at("status"), "recorded");
}

TEST_P(RepairRegister, MT_3_1_ACaseThatIsNotARepairOrAlreadyRaisedOrOfAnotherSiteIsRefused) {
    auto fd = signed_in("frontdesk");
    auto complaint = recorded_case(fd, "complaint", "樓上漏水");
    auto raised = recorded_case(fd, "repair", "大堂燈壞");
    auto r = raise(fd, raised, {{"mode", "immediate"}});
    ASSERT_EQ(r.status, 200) << r.body;
    raised = r.json();
    auto admin = signed_in("admin");
    int64_t east = east_site_with_user(admin, "east.desk", "front_desk");
    auto east_desk = signed_in("east.desk", "east-side-password");
    auto theirs =
        east_desk.post(path("/api/v1/sites/", east, "/cases"), bj::serialize(case_body("repair", "東岸漏水")));
    ASSERT_EQ(theirs.status, 201) << theirs.body;
    auto before = table_counts();
    auto not_repair = raise(fd, complaint, {{"mode", "immediate"}});
    EXPECT_EQ(not_repair.status, 409) << not_repair.body;
    EXPECT_EQ(not_repair.error_code(), "not_a_repair");
    auto again = raise(fd, raised, {{"mode", "immediate"}});
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(again.error_code(), "wrong_status");
    EXPECT_EQ(raise(fd, theirs.json(), {{"mode", "immediate"}}).status, 404);
    EXPECT_EQ(fd.post("/api/v1/cases/999999/raise-repair", R"({"mode":"immediate"})", if_match(1)).status, 404);
    // The old way round (a case id in a registration) is no field of a registration any more.
    auto old = register_request(fd, {{"case_id", id_of(complaint)}, {"mode", "immediate"}});
    EXPECT_EQ(old.status, 400);
    EXPECT_EQ(old.error_field(), "case_id");
    EXPECT_EQ(table_counts(), before);
}

TEST_P(RepairRegister, MT_3_1_AnAppointmentNeedsARealSlotInTheSitesZoneAndBadPartsAreNamed) {
    auto fd = signed_in("frontdesk");
    auto before = table_counts();
    struct Bad {
        bj::object extra;
        const char* field;
    };
    const Bad bad[] = {
        {{{"mode", "appointment"}}, "slot"},
        {{{"mode", "appointment"}, {"slot", "tonight"}}, "slot"},
        {{{"mode", "appointment"}, {"slot", bj::object{{"date", "2026-11-18"}, {"end", "21:00"}}}}, "slot.start"},
        {{{"mode", "appointment"}, {"slot", slot("2026-11-18", "24:00", "21:00")}}, "slot.start"},
        {{{"mode", "appointment"}, {"slot", slot("2026-11-18", "8:00", "21:00")}}, "slot.start"},
        {{{"mode", "appointment"}, {"slot", slot("2026-11-18", "20:00", "21:60")}}, "slot.end"},
        {{{"mode", "appointment"}, {"slot", bj::object{{"start", "20:00"}, {"end", "21:00"}}}}, "slot.date"},
        {{{"mode", "appointment"}, {"slot", slot("2026-02-30", "20:00", "21:00")}}, "slot.date"},
        {{{"mode", "appointment"}, {"slot", slot("18/11/2026", "20:00", "21:00")}}, "slot.date"},
        // Already over: yesterday evening.
        {{{"mode", "appointment"}, {"slot", slot("2026-11-17", "20:00", "21:00")}}, "slot.end"},
        // An immediate request has no booking.
        {{{"mode", "immediate"}, {"slot", slot("2026-11-18", "20:00", "21:00")}}, "slot"},
    };
    for (const auto& b : bad) {
        auto r = register_request(fd, request_body("冷氣機滴水", b.extra));
        EXPECT_EQ(r.status, 422) << bj::serialize(b.extra) << " " << r.body;
        EXPECT_EQ(r.error_code(), "validation_failed") << bj::serialize(b.extra);
        EXPECT_EQ(r.error_field(), b.field) << bj::serialize(b.extra);
    }
    EXPECT_EQ(table_counts(), before);

    auto v = registered(fd, "冷氣機滴水", at_eight());
    EXPECT_EQ(v.at("mode"), "appointment");
    EXPECT_EQ(v.at("slot"), (bj::object{{"start", "2026-11-18T20:00:00+08:00"}, {"end", "2026-11-18T21:00:00+08:00"}}));
    EXPECT_EQ(v.at("due_at"), "2026-11-18T20:00:00+08:00");  // the booked start
    EXPECT_EQ(v.at("due_at"), hk(kEight));
    EXPECT_EQ(v.at("events").at(0).at("note"), "appointment");
}

TEST_P(RepairRegister, MT_3_1_ASlotEndingAtOrBeforeItsStartEndsOnTheNextMorning) {
    auto fd = signed_in("frontdesk");
    auto v = registered(fd, "夜間水浸", {{"mode", "appointment"}, {"slot", slot("2026-11-18", "23:30", "00:30")}});
    EXPECT_EQ(v.at("slot"), (bj::object{{"start", "2026-11-18T23:30:00+08:00"}, {"end", "2026-11-19T00:30:00+08:00"}}));
    EXPECT_EQ(v.at("due_at"), hk(kEight + 3 * kHour + 30 * kMinute));
    auto midnight =
        registered(fd, "夜間水浸", {{"mode", "appointment"}, {"slot", slot("2026-11-18", "22:00", "00:00")}});
    EXPECT_EQ(midnight.at("slot").at("end"), "2026-11-19T00:00:00+08:00");
}

TEST_P(RepairRegister, MT_3_1_ARequestIsNeverRejectedOnlyClosedWithTheExplanationGivenToTheResident) {
    auto fd = signed_in("frontdesk");
    auto v = registered(fd, "要求更換全屋地板");
    // There is no rejecting a request.
    for (const auto& list : {v.at("actions"), read(fd, id_of(v)).at("actions")})
        EXPECT_FALSE(has(strings(list), "reject"));
    auto reject = step(fd, v, "reject", {{"reason", "不屬維修範圍"}});
    EXPECT_EQ(reject.status, 404) << reject.body;
    auto before = table_counts();
    auto silent = step(fd, v, "close");
    EXPECT_EQ(silent.status, 422) << silent.body;
    EXPECT_EQ(silent.error_field(), "reason");
    auto empty = step(fd, v, "close", {{"reason", ""}});
    EXPECT_EQ(empty.status, 422);
    EXPECT_EQ(empty.error_field(), "reason");
    auto blank = step(fd, v, "close", {{"reason", " \u3000\n"}});  // spaces, a full-width space, a newline
    EXPECT_EQ(blank.status, 422) << blank.body;
    EXPECT_EQ(blank.error_field(), "reason");
    EXPECT_EQ(table_counts(), before);
    EXPECT_EQ(read(fd, id_of(v)).at("version"), 1);

    clock_.advance_ms(10 * kMinute);
    v = take(fd, v, "close", {{"reason", "屬住戶自行裝修範圍,已解釋並提供承辦商名單"}});
    EXPECT_EQ(v.at("status"), "closed");
    EXPECT_EQ(v.at("close_reason"), "屬住戶自行裝修範圍,已解釋並提供承辦商名單");
    EXPECT_EQ(v.at("closed_at"), hk(kStart + 10 * kMinute));
    EXPECT_TRUE(v.at("actions").as_array().empty());
    EXPECT_EQ(event_kinds(v).back(), "closed");
    // The desk case is answered with the same explanation.
    auto c = read_case(fd, v.at("case_id").as_int64());
    EXPECT_EQ(c.at("status"), "replied");
    EXPECT_EQ(c.at("reply"), "屬住戶自行裝修範圍,已解釋並提供承辦商名單");
    // Closed is final.
    auto again = step(fd, v, "close", {{"reason", "再關"}});
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.error_code(), "wrong_status");
    EXPECT_NE(again.body.find("current status: closed"), std::string::npos) << again.body;
    EXPECT_EQ(step(fd, v, "note", {{"note", "補充"}}).status, 409);
    EXPECT_EQ(audit_actions("repair", id_of(v)), (std::vector<std::string>{"create", "close"}));
}

TEST_P(RepairRegister, MT_3_1_EngineeringAssignsATechnicianWhoIsToldAndTheDeskOrATechnicianMayNot) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto lead = signed_in("englead");
    auto tech1 = signed_in("tech1");
    auto v = registered(fd, "大門門鎖損壞");
    auto before = table_counts();
    auto desk = step(fd, v, "assign", {{"technician_id", user_id("tech1")}});
    EXPECT_EQ(desk.status, 403) << desk.body;
    EXPECT_EQ(desk.error_code(), "forbidden");
    auto self = step(tech1, v, "assign", {{"technician_id", user_id("tech1")}});
    EXPECT_EQ(self.status, 403) << self.body;
    auto not_a_technician = step(eng, v, "assign", {{"technician_id", user_id("frontdesk")}});
    EXPECT_EQ(not_a_technician.status, 422);
    EXPECT_EQ(not_a_technician.error_field(), "technician_id");
    auto nobody = step(eng, v, "assign", {});
    EXPECT_EQ(nobody.status, 422);
    EXPECT_EQ(nobody.error_field(), "technician_id");
    EXPECT_EQ(table_counts(), before);
    EXPECT_EQ(told("tech1", "repair_assigned"), 0);

    clock_.advance_ms(5 * kMinute);
    v = take(eng, v, "assign", {{"technician_id", user_id("tech1")}});
    EXPECT_EQ(v.at("status"), "assigned");
    EXPECT_EQ(v.at("technician"), ref("tech1", "王技工"));
    EXPECT_EQ(v.at("assigned_at"), hk(kStart + 5 * kMinute));
    EXPECT_EQ(v.at("due_at"), hk(kStart + 30 * kMinute));  // assigning does not move the promise
    EXPECT_EQ(v.at("version"), 2);
    EXPECT_EQ(event_kinds(v), (std::vector<std::string>{"recorded", "notified", "assigned", "notified"}));
    EXPECT_EQ(v.at("events").at(2).at("actor"), ref("enghead", "何工程部長"));
    EXPECT_EQ(v.at("events").at(2).at("note"), "王技工");
    EXPECT_EQ(v.at("events").at(3).at("note"), "repair_assigned ×1");
    EXPECT_EQ(told("tech1", "repair_assigned"), 1);
    // The technician's bell.
    auto bell = tech1.get("/api/v1/notifications");
    ASSERT_EQ(bell.status, 200) << bell.body;
    auto newest = bell.json().at("items").at(0);
    EXPECT_EQ(newest.at("kind"), "repair_assigned");
    EXPECT_EQ(newest.at("link"), bj::value(path("/repairs/", id_of(v))));
    EXPECT_EQ(newest.at("body"), "大門門鎖損壞");
    EXPECT_EQ(strings(read(tech1, id_of(v)).at("actions")), (std::vector<std::string>{"check_in", "note"}));

    // The team lead reassigns it: only with the reason, and only to someone else.
    auto noteless = step(lead, v, "assign", {{"technician_id", user_id("tech2")}});
    EXPECT_EQ(noteless.status, 422) << noteless.body;
    EXPECT_EQ(noteless.error_field(), "note");
    auto same = step(lead, v, "assign", {{"technician_id", user_id("tech1")}, {"note", "再派"}});
    EXPECT_EQ(same.status, 422);
    EXPECT_EQ(same.error_field(), "technician_id");
    v = take(lead, v, "assign", {{"technician_id", user_id("tech2")}, {"note", "王技工請病假"}});
    EXPECT_EQ(v.at("technician"), ref("tech2", "劉技工"));
    EXPECT_EQ(event_kinds(v).at(4), "reassigned");
    EXPECT_EQ(v.at("events").at(4).at("note"), "劉技工: 王技工請病假");
    EXPECT_EQ(told("tech2", "repair_assigned"), 1);
    // The job is no longer tech1's.
    EXPECT_EQ(tech1.get(path("/api/v1/repairs/", id_of(v))).status, 403);

    auto history = audit("repair", id_of(v));
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[1].at("action"), "assign");
    EXPECT_EQ(history[1].at("actor_name"), "何工程部長");
    EXPECT_EQ(history[1].at("before").at("status"), "recorded");
    EXPECT_EQ(history[1].at("after").at("status"), "assigned");
    EXPECT_EQ(history[2].at("action"), "assign");
    EXPECT_EQ(history[2].at("actor_name"), "趙工程班長");
    EXPECT_EQ(history[2].at("after").at("technician").at("name"), "劉技工");
}

TEST_P(RepairRegister, MT_3_1_MyJobsListsOnlyTheTechniciansOwnOpenJobsTheEarliestDueFirst) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto a = registered(fd, "A 即時");              // due kStart + 30 min
    auto b = registered(fd, "B 預約", at_eight());  // due kStart + 53:20
    clock_.advance_ms(10 * kMinute);
    auto c = registered(fd, "C 即時");  // due kStart + 40 min
    auto d = registered(fd, "D 即時");
    auto e = registered(fd, "E 未派");
    for (auto* job : {&b, &a, &c}) *job = take(eng, *job, "assign", {{"technician_id", user_id("tech1")}});
    d = take(eng, d, "assign", {{"technician_id", user_id("tech2")}});

    auto tech1 = signed_in("tech1");
    auto tech2 = signed_in("tech2");
    auto mine = tech1.get("/api/v1/sites/1/my-jobs");
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(ids(mine), (std::vector<int64_t>{id_of(a), id_of(c), id_of(b)}));
    EXPECT_EQ(ids(tech2.get("/api/v1/sites/1/my-jobs")), (std::vector<int64_t>{id_of(d)}));
    // The item is the job as read, without its detail.
    auto first = mine.json().at("items").at(0);
    EXPECT_EQ(first.at("status"), "assigned");
    EXPECT_EQ(first.at("due_at"), hk(kStart + 30 * kMinute));
    EXPECT_FALSE(first.as_object().contains("events"));

    // A phone screen at a time: the next page starts after the last job's deadline and id.
    auto page1 = tech1.get("/api/v1/sites/1/my-jobs?limit=2");
    ASSERT_EQ(page1.status, 200) << page1.body;
    EXPECT_EQ(ids(page1), (std::vector<int64_t>{id_of(a), id_of(c)}));
    auto cursor = str(page1.json().at("next_cursor"));
    auto page2 = tech1.get("/api/v1/sites/1/my-jobs?limit=2&cursor=" + cursor);
    EXPECT_EQ(ids(page2), (std::vector<int64_t>{id_of(b)}));
    EXPECT_TRUE(page2.json().at("next_cursor").is_null());
    EXPECT_EQ(tech1.get("/api/v1/sites/1/my-jobs?cursor=j12x").error_field(), "cursor");
    EXPECT_EQ(tech1.get("/api/v1/sites/1/my-jobs?limit=0").error_field(), "limit");

    // Someone else's job, and the register, are not a technician's to see.
    EXPECT_EQ(tech1.get(path("/api/v1/repairs/", id_of(d))).status, 403);
    EXPECT_EQ(tech1.get(path("/api/v1/repairs/", id_of(e))).status, 403);
    EXPECT_EQ(tech1.get("/api/v1/sites/1/repairs").status, 403);
    EXPECT_EQ(tech1.get(path("/api/v1/repairs/", id_of(a))).status, 200);

    // A closed job leaves the open list; all=true adds the finished ones after the open.
    a = take(eng, a, "close", {{"reason", "住戶已自行修好"}});
    EXPECT_EQ(ids(tech1.get("/api/v1/sites/1/my-jobs")), (std::vector<int64_t>{id_of(c), id_of(b)}));
    EXPECT_EQ(ids(tech1.get("/api/v1/sites/1/my-jobs?all=true")), (std::vector<int64_t>{id_of(c), id_of(b), id_of(a)}));
    // Not a page for those who do no repair work.
    auto attendant = signed_in("attendant");
    EXPECT_EQ(attendant.get("/api/v1/sites/1/my-jobs").status, 403);
    EXPECT_EQ(fd.get("/api/v1/sites/1/my-jobs").status, 403);
}

TEST_P(RepairRegister, MT_3_1_TheRegisterFiltersByStatusModeTechnicianAndText) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto a = registered(fd, "客廳燈不亮");
    auto b = registered(fd, "浴室去水位淤塞", at_eight());
    auto c = registered(fd, "大門門鎖損壞");
    b = take(eng, b, "assign", {{"technician_id", user_id("tech2")}});
    auto list = fd.get("/api/v1/sites/1/repairs");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(ids(list), (std::vector<int64_t>{id_of(c), id_of(b), id_of(a)}));  // newest first
    EXPECT_EQ(ids(fd.get("/api/v1/sites/1/repairs?status=assigned")), (std::vector<int64_t>{id_of(b)}));
    EXPECT_EQ(ids(fd.get("/api/v1/sites/1/repairs?mode=appointment")), (std::vector<int64_t>{id_of(b)}));
    EXPECT_EQ(ids(fd.get(path("/api/v1/sites/1/repairs?technician_id=", user_id("tech2")))),
              (std::vector<int64_t>{id_of(b)}));
    EXPECT_EQ(ids(fd.get("/api/v1/sites/1/repairs?q=" + enc("門鎖"))), (std::vector<int64_t>{id_of(c)}));
    auto page = fd.get("/api/v1/sites/1/repairs?limit=2");
    EXPECT_EQ(ids(page), (std::vector<int64_t>{id_of(c), id_of(b)}));
    auto cursor = page.json().at("next_cursor");
    ASSERT_TRUE(cursor.is_string()) << page.body;
    EXPECT_EQ(ids(fd.get("/api/v1/sites/1/repairs?limit=2&cursor=" + str(cursor))), (std::vector<int64_t>{id_of(a)}));
    EXPECT_EQ(fd.get("/api/v1/sites/1/repairs?status=rejected").error_field(), "status");
    // Finance reads the register too.
    auto finance = signed_in("finance");
    EXPECT_EQ(finance.get("/api/v1/sites/1/repairs").status, 200);
}

TEST_P(RepairRegister, MT_3_1_AnImmediateJobNotReachedByItsDeadlineIsFlaggedOnceAndEngineeringAndTheDeskAreTold) {
    auto fd = signed_in("frontdesk");
    auto missed = registered(fd, "升降機故障");  // due 30 minutes from now, nobody goes
    auto reached = assigned("tech1", "門鐘壞");
    auto booked = registered(fd, "預約更換燈具", at_eight());  // an appointment has no 30-minute promise
    clock_.advance_ms(20 * kMinute);
    auto tech = signed_in("tech1");
    reached = take(tech, reached, "check-in");

    clock_.set(kStart + 30 * kMinute);  // at the deadline itself it may still be on time
    EXPECT_EQ(repair::flag_missed_arrivals(server_.db(), clock_.now_ms()), 0);
    clock_.advance_ms(1);
    const EpochMs flagged = clock_.now_ms();
    EXPECT_EQ(repair::flag_missed_arrivals(server_.db(), flagged), 1);
    // The next pass, on this server or another: nothing more, nobody told twice.
    EXPECT_EQ(repair::flag_missed_arrivals(server_.db(), flagged + kMinute), 0);
    fd = signed_in("frontdesk");
    missed = read(fd, id_of(missed));
    EXPECT_EQ(missed.at("arrival_missed_at"), hk(flagged));
    EXPECT_EQ(missed.at("overdue"), true);
    EXPECT_TRUE(has(event_kinds(missed), "arrival_missed"));
    for (const char* login : {"enghead", "englead", "frontdesk", "assistant"})
        EXPECT_EQ(told(login, "repair_arrival_missed"), 1) << login;
    EXPECT_EQ(told("tech1", "repair_arrival_missed"), 0);
    EXPECT_TRUE(read(fd, id_of(reached)).at("arrival_missed_at").is_null());
    EXPECT_TRUE(read(fd, id_of(booked)).at("arrival_missed_at").is_null());
    EXPECT_EQ(audit_actions("repair", id_of(missed)), (std::vector<std::string>{"create", "arrival_missed"}));

    // Reached late, nobody home, booked again at once: the new deadline is watched again.
    auto eng = signed_in("enghead");
    missed = take(eng, missed, "assign", {{"technician_id", user_id("tech1")}});
    clock_.set(kStart + 40 * kMinute);
    tech = signed_in("tech1");
    missed = take(tech, missed, "check-in");
    clock_.advance_ms(5 * kMinute);
    missed = take(tech, missed, "no-one-home");
    missed = take(fd, missed, "rebook", {{"mode", "immediate"}});
    EXPECT_TRUE(missed.at("arrival_missed_at").is_null());
    EXPECT_EQ(missed.at("due_at"), hk(kStart + 75 * kMinute));
    clock_.set(kStart + 75 * kMinute + 1);
    EXPECT_EQ(repair::flag_missed_arrivals(server_.db(), clock_.now_ms()), 1);
    EXPECT_EQ(told("enghead", "repair_arrival_missed"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, RepairRegister, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
