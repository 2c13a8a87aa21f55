// MT-3.5 through the real server, on SQLite and PostgreSQL: public work orders (派工單) issued,
// reported, inspected by the issuer (never by their technician) with a signature of their own,
// and archived.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "support/repair_fixture.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

class RepairWorkOrder : public RepairApi {};

TEST_P(RepairWorkOrder, MT_3_5_AWorkOrderIsIssuedReportedSentBackReportedAgainAcceptedWithASignatureAndArchived) {
    auto lead = signed_in("englead");
    auto tech1 = signed_in("tech1");
    auto tech2 = signed_in("tech2");
    const std::string body = bj::serialize(bj::object{{"title", "更換大堂光管"},
                                                      {"location", "第1座大堂"},
                                                      {"instructions", "更換全部 T5 光管並清潔燈罩"},
                                                      {"technician_id", user_id("tech1")}});
    for (const char* login : {"frontdesk", "tech1"}) {
        auto c = signed_in(login);
        EXPECT_EQ(c.post("/api/v1/sites/1/work-orders", body).status, 403) << login;
    }
    auto bad = lead.post(
        "/api/v1/sites/1/work-orders",
        bj::serialize(bj::object{{"title", "x"}, {"instructions", "y"}, {"technician_id", user_id("frontdesk")}}));
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "technician_id");
    auto created = lead.post("/api/v1/sites/1/work-orders", body);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.header("etag"), "\"1\"");
    auto w = created.json();
    const std::string base = path("/api/v1/work-orders/", id_of(w));
    EXPECT_EQ(w.at("number"), "PG2026-0001");
    EXPECT_EQ(w.at("status"), "issued");
    EXPECT_EQ(w.at("issued_by"), ref("englead", "趙工程班長"));
    EXPECT_EQ(w.at("issued_at"), kStartLocal);
    EXPECT_EQ(w.at("technician"), ref("tech1", "王技工"));
    EXPECT_TRUE(w.at("accepted_by").is_null());
    EXPECT_TRUE(w.at("actions").as_array().empty());  // the issuer waits for the report
    EXPECT_EQ(told("tech1", "work_order_issued"), 1);
    auto mine = tech1.get(base);
    ASSERT_EQ(mine.status, 200);
    EXPECT_EQ(strings(mine.json().at("actions")), (std::vector<std::string>{"report"}));

    auto order_step = [&](HttpClient& c, const bj::value& order, const std::string& action, const bj::object& b = {}) {
        return c.post(base + "/" + action, bj::serialize(b), if_match(order.at("version").as_int64()));
    };
    auto order_take = [&](HttpClient& c, const bj::value& order, const std::string& action, const bj::object& b = {}) {
        auto r = order_step(c, order, action, b);
        if (r.status != 200) throw std::runtime_error(action + ": " + r.body);
        return r.json();
    };
    // Only an accepted order is filed (each refusal names the state it is in).
    auto early = order_step(lead, w, "archive");
    EXPECT_EQ(early.status, 409) << early.body;
    EXPECT_EQ(early.error_code(), "wrong_status");
    // ../shared/API.md: "An illegal one → 409 with the current state in the message".
    EXPECT_NE(early.body.find("issued"), std::string::npos) << early.body;
    EXPECT_EQ(order_step(tech2, w, "report", {{"report", "已完成"}}).status, 403);  // not tech2's order
    EXPECT_EQ(order_step(lead, w, "report", {{"report", "已完成"}}).status, 403);   // the technician reports
    auto empty = order_step(tech1, w, "report");
    EXPECT_EQ(empty.status, 422);
    EXPECT_EQ(empty.error_field(), "report");
    EXPECT_EQ(order_step(lead, w, "accept", {{"signature_file_id", signature(lead)}}).status, 409);

    clock_.advance_ms(2 * kHour);
    lead = signed_in("englead");
    tech1 = signed_in("tech1");
    w = order_take(tech1, w, "report", {{"report", "已更換 12 支光管"}});
    EXPECT_EQ(w.at("status"), "reported");
    EXPECT_EQ(w.at("reported_at"), hk(kStart + 2 * kHour));
    EXPECT_EQ(told("englead", "work_order_reported"), 1);
    EXPECT_EQ(strings(lead.get(base).json().at("actions")), (std::vector<std::string>{"accept", "send_back"}));
    EXPECT_EQ(order_step(lead, w, "archive").status, 409);
    auto reasonless = order_step(lead, w, "send-back", {{"reason", " "}});
    EXPECT_EQ(reasonless.status, 422);
    EXPECT_EQ(reasonless.error_field(), "reason");
    w = order_take(lead, w, "send-back", {{"reason", "燈罩未清潔"}});
    EXPECT_EQ(w.at("status"), "returned");
    EXPECT_EQ(w.at("return_reason"), "燈罩未清潔");
    EXPECT_EQ(w.at("returned_count"), 1);
    EXPECT_EQ(told("tech1", "work_order_returned"), 1);
    EXPECT_EQ(order_step(lead, w, "archive").status, 409);

    w = order_take(tech1, w, "report", {{"report", "已清潔燈罩"}});
    EXPECT_EQ(w.at("status"), "reported");
    auto photo = upload(lead, "photo", png(), "image/png");
    auto unsigned_ = order_step(lead, w, "accept", {{"inspection_note", "合格"}});
    EXPECT_EQ(unsigned_.status, 422);
    EXPECT_EQ(unsigned_.error_field(), "signature_file_id");
    auto not_a_signature = order_step(lead, w, "accept", {{"signature_file_id", id_of(photo.json())}});
    EXPECT_EQ(not_a_signature.status, 422);
    EXPECT_EQ(not_a_signature.error_field(), "signature_file_id");
    auto eng = signed_in("enghead");  // not the issuer
    EXPECT_EQ(order_step(eng, w, "accept", {{"signature_file_id", signature(eng)}}).status, 403);
    int64_t sig = signature(lead);
    w = order_take(lead, w, "accept", {{"inspection_note", "合格"}, {"signature_file_id", sig}});
    EXPECT_EQ(w.at("status"), "accepted");
    EXPECT_EQ(w.at("accepted_by"), ref("englead", "趙工程班長"));
    EXPECT_EQ(w.at("accepted_at"), hk(kStart + 2 * kHour));
    EXPECT_EQ(w.at("signature_file_id"), sig);
    EXPECT_EQ(w.at("inspection_note"), "合格");
    EXPECT_EQ(strings(w.at("actions")), (std::vector<std::string>{"archive"}));

    clock_.advance_ms(kHour);
    w = order_take(lead, w, "archive");
    EXPECT_EQ(w.at("status"), "archived");
    EXPECT_EQ(w.at("archived_at"), hk(kStart + 3 * kHour));
    EXPECT_TRUE(w.at("actions").as_array().empty());
    EXPECT_EQ(order_step(lead, w, "archive").status, 409);
    EXPECT_EQ(event_kinds(w),
              (std::vector<std::string>{"issued", "reported", "sent_back", "reported", "accepted", "archived"}));
    EXPECT_EQ(audit_actions("work_order", id_of(w)),
              (std::vector<std::string>{"create", "report", "send_back", "report", "accept", "archive"}));
    // Stale and missing If-Match.
    auto stale = lead.post(base + "/archive", "{}", if_match(1));
    EXPECT_EQ(stale.status, 412);
    EXPECT_EQ(lead.post(base + "/archive", "{}").status, 428);
}

TEST_P(RepairWorkOrder, MT_3_5_ATechnicianListsOnlyTheirOwnWorkOrders) {
    auto lead = signed_in("englead");
    auto issue = [&](const std::string& title, const std::string& tech) {
        auto r = lead.post("/api/v1/sites/1/work-orders",
                           bj::serialize(bj::object{
                               {"title", title}, {"instructions", "按圖施工"}, {"technician_id", user_id(tech)}}));
        if (r.status != 201) throw std::runtime_error("issue: " + r.body);
        return r.json();
    };
    auto a = issue("會所泳池水泵檢查", "tech1");
    auto b = issue("停車場閘機維修", "tech2");
    auto c = issue("花園灌溉喉更換", "tech1");
    EXPECT_EQ(c.at("number"), "PG2026-0003");
    auto tech1 = signed_in("tech1");
    auto tech2 = signed_in("tech2");
    auto eng = signed_in("enghead");
    auto list = tech1.get("/api/v1/sites/1/work-orders");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(ids(list), (std::vector<int64_t>{id_of(c), id_of(a)}));
    // Asking for someone else's does not widen it.
    EXPECT_EQ(ids(tech1.get(path("/api/v1/sites/1/work-orders?technician_id=", user_id("tech2")))),
              (std::vector<int64_t>{id_of(c), id_of(a)}));
    EXPECT_EQ(ids(tech2.get("/api/v1/sites/1/work-orders")), (std::vector<int64_t>{id_of(b)}));
    EXPECT_EQ(ids(eng.get("/api/v1/sites/1/work-orders")), (std::vector<int64_t>{id_of(c), id_of(b), id_of(a)}));
    EXPECT_EQ(ids(eng.get(path("/api/v1/sites/1/work-orders?technician_id=", user_id("tech1")))),
              (std::vector<int64_t>{id_of(c), id_of(a)}));
    EXPECT_EQ(ids(eng.get("/api/v1/sites/1/work-orders?q=" + enc("閘機"))), (std::vector<int64_t>{id_of(b)}));
    EXPECT_EQ(tech2.get(path("/api/v1/work-orders/", id_of(a))).status, 403);
    auto attendant = signed_in("attendant");
    EXPECT_EQ(attendant.get("/api/v1/sites/1/work-orders").status, 403);
    // Paged like every list (../shared/API.md): {items, next_cursor}, passed back as ?cursor=.
    auto page = eng.get("/api/v1/sites/1/work-orders?limit=2");
    EXPECT_EQ(ids(page), (std::vector<int64_t>{id_of(c), id_of(b)}));
    auto cursor = page.json().at("next_cursor");
    ASSERT_TRUE(cursor.is_string()) << page.body;
    EXPECT_EQ(ids(eng.get("/api/v1/sites/1/work-orders?limit=2&cursor=" + str(cursor))),
              (std::vector<int64_t>{id_of(a)}));
}

TEST_P(RepairWorkOrder, MT_3_5_TheInspectorOfAWorkOrderIsNeverItsTechnician) {
    auto lead = signed_in("englead");
    auto before = table_counts();
    auto self =
        lead.post("/api/v1/sites/1/work-orders",
                  bj::serialize(bj::object{
                      {"title", "更換走廊燈"}, {"instructions", "十樓走廊"}, {"technician_id", user_id("englead")}}));
    EXPECT_EQ(self.status, 422) << self.body;
    EXPECT_EQ(self.error_code(), "same_person");
    EXPECT_EQ(self.error_field(), "technician_id");
    EXPECT_EQ(table_counts(), before);

    // A site manager who also works as a team lead, given an order by the head: standing in as
    // manager, they still cannot inspect their own work.
    auto admin = signed_in("admin");
    create_user(
        admin, "mgr.lead",
        bj::array{bj::object{{"site_id", 1}, {"role", "site_manager"}},
                  bj::object{{"site_id", 1}, {"role", "eng_lead"}, {"department_id", department("engineering")}}});
    auto order = issued_order("檢查消防喉", "mgr.lead");
    auto eng = signed_in("enghead");
    auto both = signed_in("mgr.lead", "east-side-password");
    auto w = take_step(both, "/api/v1/work-orders/", order, "report", {{"report", "已檢查"}});
    EXPECT_TRUE(read_ok(both, path("/api/v1/work-orders/", id_of(w))).at("actions").as_array().empty());
    auto sig = signature(both);
    before = table_counts();
    auto accepted = step_on(both, "/api/v1/work-orders/", w, "accept", {{"signature_file_id", sig}});
    EXPECT_EQ(accepted.status, 422) << accepted.body;
    EXPECT_EQ(accepted.error_code(), "same_person");
    auto sent_back = step_on(both, "/api/v1/work-orders/", w, "send-back", {{"reason", "自己退回"}});
    EXPECT_EQ(sent_back.status, 422) << sent_back.body;
    EXPECT_EQ(sent_back.error_code(), "same_person");
    EXPECT_EQ(table_counts(), before);
    // The issuer inspects it.
    w = take_step(eng, "/api/v1/work-orders/", w, "accept", {{"signature_file_id", signature(eng)}});
    EXPECT_EQ(w.at("status"), "accepted");
    EXPECT_EQ(w.at("accepted_by").at("id"), user_id("enghead"));
}

INSTANTIATE_TEST_SUITE_P(Backends, RepairWorkOrder, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
