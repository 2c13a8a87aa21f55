// MT-3.3 / MT-3.4 through the real server, on SQLite and PostgreSQL: only the assigned
// technician acts at the door, nobody home after the policy's 5–10 minute wait, materials,
// evidence that serves one record, completion with the resident's signature and the charge from
// the versioned price list.
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

class RepairOnSite : public RepairApi {};

TEST_P(RepairOnSite, MT_3_4_NoOneHomeIsRefusedBeforeTheWaitThenRebooksAndTellsTheDesk) {
    auto v = assigned("tech1", "冷氣機滴水");
    auto tech = signed_in("tech1");
    clock_.advance_ms(10 * kMinute);
    v = take(tech, v, "check-in");
    EXPECT_EQ(strings(v.at("actions")),
              (std::vector<std::string>{"no_one_home", "propose", "start", "material", "note"}));
    EXPECT_EQ(v.at("policy").at("min_wait_minutes"), 5);
    auto before = table_counts();
    clock_.advance_ms(5 * kMinute - kSecond);
    auto early = step(tech, v, "no-one-home", {{"note", "按鐘無人應"}});
    EXPECT_EQ(early.status, 409) << early.body;
    EXPECT_EQ(early.error_code(), "wait_not_over");
    EXPECT_NE(early.body.find("1 s left"), std::string::npos) << early.body;
    EXPECT_EQ(table_counts(), before);

    clock_.advance_ms(kSecond);  // exactly 5 minutes at the door
    v = take(tech, v, "no-one-home", {{"note", "按鐘無人應"}});
    EXPECT_EQ(v.at("status"), "rebook");
    EXPECT_EQ(v.at("no_one_home_count"), 1);
    EXPECT_EQ(v.at("visit_count"), 1);
    const auto& arrival = v.at("arrivals").at(0);
    EXPECT_EQ(arrival.at("outcome"), "no_one_home");
    EXPECT_EQ(arrival.at("waited_minutes"), 5);
    EXPECT_EQ(arrival.at("left_at"), hk(kStart + 15 * kMinute));
    auto kinds = event_kinds(v);
    EXPECT_EQ(std::vector<std::string>(kinds.end() - 2, kinds.end()),
              (std::vector<std::string>{"no_one_home", "notified"}));
    EXPECT_EQ(v.at("events").as_array().back().at("note"), "repair_no_one_home ×2");
    // The desk (front desk and property assistant) hears of it to call the resident.
    EXPECT_EQ(told("frontdesk", "repair_no_one_home"), 1);
    EXPECT_EQ(told("assistant", "repair_no_one_home"), 1);
    EXPECT_EQ(told("tech1", "repair_no_one_home"), 0);
    auto fd = signed_in("frontdesk");
    EXPECT_EQ(strings(read(fd, id_of(v)).at("actions")), (std::vector<std::string>{"rebook", "close", "note"}));
    EXPECT_EQ(ids(fd.get("/api/v1/sites/1/repairs?status=rebook")), (std::vector<int64_t>{id_of(v)}));

    // The desk books a new time with the resident: assigned again, the technician told.
    auto bad = step(fd, v, "rebook", {{"mode", "appointment"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "slot");
    auto other_tech = step(fd, v, "rebook", {{"mode", "immediate"}, {"technician_id", user_id("tech2")}});
    EXPECT_EQ(other_tech.status, 403) << other_tech.body;  // only engineering changes the technician
    v = take(fd, v, "rebook",
             {{"mode", "appointment"}, {"slot", slot("2026-11-18", "20:00", "21:00")}, {"note", "住戶晚上在家"}});
    EXPECT_EQ(v.at("status"), "assigned");
    EXPECT_EQ(v.at("mode"), "appointment");
    EXPECT_EQ(v.at("due_at"), hk(kEight));
    EXPECT_EQ(v.at("technician"), ref("tech1", "王技工"));
    EXPECT_EQ(told("tech1", "repair_assigned"), 2);

    clock_.set(kEight + 2 * kMinute);
    tech = signed_in("tech1");
    v = take(tech, v, "check-in");
    EXPECT_EQ(v.at("visit_count"), 2);
    EXPECT_EQ(v.at("no_one_home_count"), 1);
    EXPECT_EQ(v.at("arrivals").as_array().size(), 2u);
    EXPECT_EQ(v.at("arrivals").at(1).at("punctuality"), "on_time");
    EXPECT_EQ(v.at("first_arrived_at"), hk(kStart + 10 * kMinute));  // the first arrival stays the first
    EXPECT_EQ(v.at("first_on_time"), true);
    v = take(tech, v, "start");
    v = take(tech, v, "complete", completion(signature(tech)));
    // Fixed on the first visit that found someone home.
    EXPECT_EQ(v.at("first_time_fix"), true);
    EXPECT_EQ(audit_actions("repair", id_of(v)),
              (std::vector<std::string>{"create", "assign", "check_in", "no_one_home", "rebook", "check_in", "start",
                                        "complete"}));
}

TEST_P(RepairOnSite, MT_3_4_MT_4_0_TheWaitAtTheDoorIsTheSitesPolicy) {
    auto eng = signed_in("enghead");
    auto got = eng.get("/api/v1/sites/1/repair-policy");
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.header("etag"), "\"0\"");
    auto p = got.json();
    EXPECT_EQ(p.at("return_visit_hours"), 24);  // the same day
    EXPECT_EQ(p.at("return_visit_percent"), 100);
    EXPECT_EQ(p.at("min_wait_minutes"), 5);
    EXPECT_EQ(p.at("version"), 0);

    auto before = table_counts();
    for (const auto& [body, field] :
         std::vector<std::pair<bj::object, std::string>>{{{{"min_wait_minutes", 11}}, "min_wait_minutes"},
                                                         {{{"min_wait_minutes", -1}}, "min_wait_minutes"},
                                                         {{{"min_wait_minutes", 0}}, "min_wait_minutes"},
                                                         {{{"min_wait_minutes", 4}}, "min_wait_minutes"},
                                                         {{{"return_visit_hours", 25}}, "return_visit_hours"},
                                                         {{{"return_visit_percent", 0}}, "return_visit_percent"},
                                                         {{{"return_visit_percent", 101}}, "return_visit_percent"},
                                                         {{{"return_visit_hours", 0}}, "return_visit_hours"},
                                                         {{{"return_visit_hours", 721}}, "return_visit_hours"}}) {
        auto r = eng.put("/api/v1/sites/1/repair-policy", bj::serialize(body), if_match(0));
        EXPECT_EQ(r.status, 422) << bj::serialize(body) << " " << r.body;
        EXPECT_EQ(r.error_field(), field);
    }
    auto unknown = eng.put("/api/v1/sites/1/repair-policy", R"({"tip_percent":10})", if_match(0));
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.error_code(), "unknown_field");
    auto tech = signed_in("tech1");
    EXPECT_EQ(tech.get("/api/v1/sites/1/repair-policy").status, 200);  // for the countdown
    EXPECT_EQ(tech.put("/api/v1/sites/1/repair-policy", R"({"min_wait_minutes":0})", if_match(0)).status, 403);
    auto lead = signed_in("englead");
    EXPECT_EQ(lead.put("/api/v1/sites/1/repair-policy", R"({"min_wait_minutes":0})", if_match(0)).status, 403);
    EXPECT_EQ(eng.put("/api/v1/sites/1/repair-policy", R"({"min_wait_minutes":8})").status, 428);
    EXPECT_EQ(table_counts(), before);

    auto saved = eng.put("/api/v1/sites/1/repair-policy", R"({"min_wait_minutes":8})", if_match(0));
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_EQ(saved.header("etag"), "\"1\"");
    EXPECT_EQ(saved.json().at("min_wait_minutes"), 8);
    EXPECT_EQ(saved.json().at("return_visit_percent"), 100);
    auto stale = eng.put("/api/v1/sites/1/repair-policy", R"({"min_wait_minutes":6})", if_match(0));
    EXPECT_EQ(stale.status, 412);
    EXPECT_EQ(audit_actions("repair_policy", 1), (std::vector<std::string>{"update"}));

    auto v = assigned("tech1", "門鐘壞");
    v = take(tech, v, "check-in");
    EXPECT_EQ(v.at("policy").at("min_wait_minutes"), 8);
    clock_.advance_ms(8 * kMinute - kSecond);
    EXPECT_EQ(step(tech, v, "no-one-home").status, 409);
    clock_.advance_ms(kSecond);
    v = take(tech, v, "no-one-home");
    EXPECT_EQ(v.at("arrivals").at(0).at("waited_minutes"), 8);
}

TEST_P(RepairOnSite, MT_3_3_MT_3_4_AResidentsMaterialIsCheckedAndOneNotGoodEnoughNeedsTheNoteAndTheirDecision) {
    auto v = assigned("tech1", "更換水龍頭");
    auto tech = signed_in("tech1");
    v = take(tech, v, "check-in");
    auto before = table_counts();
    struct Bad {
        bj::object body;
        const char* field;
    };
    const Bad bad[] = {
        {{{"source", "resident"}, {"name", "水龍頭"}}, "quality_ok"},
        {{{"source", "resident"}, {"name", "水龍頭"}, {"quality_ok", false}}, "quality_note"},
        {{{"source", "resident"}, {"name", "水龍頭"}, {"quality_ok", false}, {"quality_note", " "}}, "quality_note"},
        {{{"source", "resident"}, {"name", "水龍頭"}, {"quality_ok", false}, {"quality_note", "螺紋不合"}},
         "resident_decision"},
        {{{"source", "resident"}, {"name", "水龍頭"}, {"quality_ok", true}, {"amount_cents", 5000}}, "source"},
        {{{"source", "resident"}, {"quality_ok", true}}, "name"},
        {{{"source", "neighbour"}, {"name", "水龍頭"}}, "source"},
    };
    for (const auto& b : bad) {
        auto r = step(tech, v, "material", b.body);
        EXPECT_EQ(r.status, 422) << bj::serialize(b.body) << " " << r.body;
        EXPECT_EQ(r.error_field(), b.field) << bj::serialize(b.body);
    }
    EXPECT_EQ(table_counts(), before);

    v = take(tech, v, "material",
             {{"source", "resident"},
              {"name", "水龍頭"},
              {"quantity", "1 個"},
              {"quality_ok", false},
              {"quality_note", "螺紋不合,有漏水風險"},
              {"resident_decision", "住戶堅持使用,已告知風險"}});
    v = take(tech, v, "material", {{"source", "resident"}, {"name", "生料帶"}, {"quality_ok", true}});
    EXPECT_EQ(v.at("status"), "on_site");  // a material does not move the job
    ASSERT_EQ(v.at("materials").as_array().size(), 2u);
    const auto& m = v.at("materials").at(0);
    EXPECT_EQ(m.at("source"), "resident");
    EXPECT_EQ(m.at("name"), "水龍頭");
    EXPECT_EQ(m.at("quantity"), "1 個");
    EXPECT_EQ(m.at("quality_ok"), false);
    EXPECT_EQ(m.at("quality_note"), "螺紋不合,有漏水風險");
    EXPECT_EQ(m.at("resident_decision"), "住戶堅持使用,已告知風險");
    EXPECT_TRUE(m.at("amount_cents").is_null());
    EXPECT_TRUE(m.at("receipt_file_id").is_null());
    EXPECT_EQ(m.at("recorded_by"), ref("tech1", "王技工"));
    EXPECT_EQ(m.at("recorded_at"), kStartLocal);
    EXPECT_EQ(v.at("materials").at(1).at("quality_ok"), true);
    EXPECT_EQ(v.at("events").as_array()[v.at("events").as_array().size() - 2].at("note"),
              "resident: 水龍頭 — 螺紋不合,有漏水風險");
    auto history = audit_actions("repair", id_of(v));
    EXPECT_EQ(std::count(history.begin(), history.end(), "material"), 2);
}

TEST_P(RepairOnSite, MT_3_3_ABoughtMaterialNeedsThePlaceTheAmountAndAReceiptOfThisSite) {
    auto admin = signed_in("admin");
    int64_t east = east_site_with_user(admin, "east.eng", "eng_head");
    auto stranger = signed_in("east.eng", "east-side-password");
    auto foreign = upload(stranger, "receipt", jpeg(), "image/jpeg", east);
    ASSERT_EQ(foreign.status, 201) << foreign.body;

    auto v = assigned("tech1", "更換門鎖");
    auto tech = signed_in("tech1");
    v = take(tech, v, "check-in");
    auto receipt = upload(tech, "receipt", jpeg(), "image/jpeg");
    ASSERT_EQ(receipt.status, 201) << receipt.body;
    int64_t signature_id = signature(tech);
    auto before = table_counts();
    const bj::object good{{"source", "bought"},
                          {"name", "門鎖"},
                          {"place", "旺角五金店"},
                          {"amount_cents", 12800},
                          {"receipt_file_id", id_of(receipt.json())}};
    auto without = [&](const char* field) {
        bj::object o = good;
        o.erase(field);
        return o;
    };
    auto with = [&](const char* field, bj::value value) {
        bj::object o = good;
        o[field] = std::move(value);
        return o;
    };
    struct Bad {
        bj::object body;
        const char* field;
    };
    const Bad bad[] = {
        {without("place"), "place"},
        {without("amount_cents"), "amount_cents"},
        {with("amount_cents", 0), "amount_cents"},
        {without("receipt_file_id"), "receipt_file_id"},
        {with("receipt_file_id", id_of(foreign.json())), "receipt_file_id"},  // another site's
        {with("receipt_file_id", signature_id), "receipt_file_id"},           // not a receipt
        {with("receipt_file_id", 999999), "receipt_file_id"},
        {with("quality_ok", true), "quality_ok"},
    };
    for (const auto& b : bad) {
        auto r = step(tech, v, "material", b.body);
        EXPECT_EQ(r.status, 422) << bj::serialize(b.body) << " " << r.body;
        EXPECT_EQ(r.error_field(), b.field) << bj::serialize(b.body);
    }
    EXPECT_EQ(table_counts(), before);

    v = take(tech, v, "material", good);
    ASSERT_EQ(v.at("materials").as_array().size(), 1u);
    const auto& m = v.at("materials").at(0);
    EXPECT_EQ(m.at("source"), "bought");
    EXPECT_EQ(m.at("place"), "旺角五金店");
    EXPECT_EQ(m.at("amount_cents"), 12800);
    EXPECT_EQ(m.at("receipt_file_id"), id_of(receipt.json()));
    EXPECT_TRUE(m.at("quality_ok").is_null());
}

TEST_P(RepairOnSite, MT_3_4_APngSignatureIsStoredAndDownloadsAsTheSameBytes) {
    auto tech = signed_in("tech1");
    auto r = upload(tech, "signature", png(), "image/png");
    ASSERT_EQ(r.status, 201) << r.body;
    auto f = r.json();
    EXPECT_EQ(f.at("kind"), "signature");
    EXPECT_EQ(f.at("content_type"), "image/png");
    EXPECT_EQ(f.at("byte_size"), static_cast<int64_t>(sizeof kPngBytes));
    EXPECT_EQ(f.at("sha256"), kPngSha256);
    EXPECT_EQ(f.at("created_at"), kStartLocal);
    // A receipt may be a photo or a PDF.
    EXPECT_EQ(upload(tech, "receipt", jpeg(), "image/jpeg").status, 201);
    EXPECT_EQ(upload(tech, "receipt", pdf(), "application/pdf").status, 201);
    EXPECT_EQ(upload(tech, "photo", png(), "image/png; charset=binary").status, 201);

    auto fd = signed_in("frontdesk");  // any staff of the site
    auto got = fd.get(path("/api/v1/files/", id_of(f)));
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.header("content-type"), "image/png");
    EXPECT_EQ(got.body, png());
    auto receipt = upload(tech, "receipt", jpeg(), "image/jpeg");
    EXPECT_EQ(fd.get(path("/api/v1/files/", id_of(receipt.json()))).body, jpeg());
    EXPECT_EQ(audit_actions("file", id_of(f)), (std::vector<std::string>{"upload"}));
}

TEST_P(RepairOnSite, MT_3_4_AnUploadOfTheWrongTypeIs415AndTooLargeIs413AndWritesNothing) {
    auto tech = signed_in("tech1");
    auto before = table_counts();
    struct Bad {
        const char* kind;
        std::string bytes;
        const char* content_type;
        int status;
    };
    const Bad bad[] = {
        {"photo", "這不是圖片,只是文字", "text/plain", 415},
        {"photo", "這不是圖片,只是文字", "image/png", 415},  // says PNG, is text
        {"photo", jpeg(), "image/png", 415},                 // JPEG bytes declared as PNG
        {"signature", jpeg(), "image/jpeg", 415},            // a signature is a PNG
        {"photo", pdf(), "application/pdf", 415},            // a photo is an image
        {"signature", png_of_size(512 * 1024 + 1), "image/png", 413},
    };
    for (const auto& b : bad) {
        auto r = upload(tech, b.kind, b.bytes, b.content_type);
        EXPECT_EQ(r.status, b.status) << b.kind << " " << b.content_type << " " << r.body;
        EXPECT_EQ(r.error_code(), b.status == 415 ? "unsupported_media_type" : "body_too_large") << r.body;
    }
    auto unknown = upload(tech, "selfie", png(), "image/png");
    EXPECT_EQ(unknown.status, 422) << unknown.body;
    EXPECT_EQ(unknown.error_field(), "kind");
    auto none = tech.post("/api/v1/sites/1/files", png(), {{"Content-Type", "image/png"}});
    EXPECT_EQ(none.status, 422);
    EXPECT_EQ(none.error_field(), "kind");
    EXPECT_EQ(table_counts(), before);

    // The limits are inclusive; only a signature is held to 512 KiB.
    EXPECT_EQ(upload(tech, "signature", png_of_size(512 * 1024), "image/png").status, 201);
    EXPECT_EQ(upload(tech, "photo", png_of_size(512 * 1024 + 1), "image/png").status, 201);
    EXPECT_EQ(server_.count("files"), 2);
}

TEST_P(RepairOnSite, MT_3_4_StaffOfAnotherSiteGet404ForItsFilesAndCannotUploadToIt) {
    auto tech = signed_in("tech1");
    auto f = upload(tech, "signature", png(), "image/png");
    ASSERT_EQ(f.status, 201);
    auto admin = signed_in("admin");
    east_site_with_user(admin, "east.eng", "eng_head");
    auto stranger = signed_in("east.eng", "east-side-password");
    auto got = stranger.get(path("/api/v1/files/", id_of(f.json())));
    EXPECT_EQ(got.status, 404) << got.body;
    EXPECT_EQ(got.body.find("\x89PNG"), std::string::npos);
    auto put = upload(stranger, "signature", png(), "image/png", 1);
    EXPECT_EQ(put.status, 404);
    EXPECT_EQ(server_.count("files"), 1);
}

TEST_P(RepairOnSite, MT_3_4_CompletionNeedsRestoredCleanedTheOpinionAndTheResidentsSignature) {
    auto v = assigned("tech1", "更換水龍頭");
    auto tech = signed_in("tech1");
    v = take(tech, v, "check-in");
    v = take(tech, v, "start");
    int64_t sig = signature(tech);
    auto photo = upload(tech, "photo", png(), "image/png");
    ASSERT_EQ(photo.status, 201);
    auto before = table_counts();
    auto without = [&](const char* field) {
        auto o = completion(sig);
        o.erase(field);
        return o;
    };
    auto with = [&](const char* field, bj::value value) {
        auto o = completion(sig);
        o[field] = std::move(value);
        return o;
    };
    struct Bad {
        bj::object body;
        const char* field;
    };
    const Bad bad[] = {
        {without("work_done"), "work_done"},
        {without("restored"), "restored"},
        {with("restored", false), "restored"},
        {without("cleaned"), "cleaned"},
        {with("cleaned", false), "cleaned"},
        {without("opinion"), "opinion"},
        {without("signed_by"), "signed_by"},
        {without("signature_file_id"), "signature_file_id"},
        {with("signature_file_id", id_of(photo.json())), "signature_file_id"},  // a photo, not a signature
        {with("signature_file_id", 999999), "signature_file_id"},
    };
    for (const auto& b : bad) {
        auto r = step(tech, v, "complete", b.body);
        EXPECT_EQ(r.status, 422) << bj::serialize(b.body) << " " << r.body;
        EXPECT_EQ(r.error_field(), b.field) << bj::serialize(b.body);
    }
    // MT-3.4: never ask for tips; there is no such field.
    for (const char* tip : {"tip", "tip_cents"}) {
        auto r = step(tech, v, "complete", with(tip, 2000));
        EXPECT_EQ(r.status, 400) << r.body;
        EXPECT_EQ(r.error_code(), "unknown_field");
        EXPECT_EQ(r.error_field(), tip);
    }
    EXPECT_EQ(table_counts(), before);
    EXPECT_EQ(read(tech, id_of(v)).at("status"), "in_progress");

    clock_.advance_ms(40 * kMinute);
    v = take(tech, v, "complete", completion(sig));
    EXPECT_EQ(v.at("status"), "completed");
    EXPECT_EQ(v.at("completed_at"), hk(kStart + 40 * kMinute));
    EXPECT_EQ(v.at("work_done"), "已更換水龍頭");
    EXPECT_EQ(v.at("restored"), true);
    EXPECT_EQ(v.at("cleaned"), true);
    EXPECT_EQ(v.at("opinion"), "師傅很細心");
    EXPECT_EQ(v.at("signed_by"), "陳先生");
    EXPECT_EQ(v.at("signature_file_id"), sig);
    EXPECT_EQ(v.at("charge_cents"), 0);
    EXPECT_EQ(v.at("total_cents"), 0);
    EXPECT_EQ(v.at("receipt_no"), "WX2026-000001");
    EXPECT_EQ(v.at("first_time_fix"), true);
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"note"}));
    auto kinds = event_kinds(v);
    EXPECT_EQ(std::vector<std::string>(kinds.end() - 2, kinds.end()),
              (std::vector<std::string>{"completed", "receipt"}));
    EXPECT_EQ(v.at("events").as_array().back().at("note"), "WX2026-000001");
    // Completed is not open: nothing more to do on it but the return visit.
    auto twice = step(tech, v, "complete", completion(sig));
    EXPECT_EQ(twice.status, 409);
    EXPECT_NE(twice.body.find("current status: completed"), std::string::npos) << twice.body;
    auto fd = signed_in("frontdesk");
    EXPECT_EQ(step(fd, v, "close", {{"reason", "x"}}).status, 409);
    auto c = read_case(fd, v.at("case_id").as_int64());
    EXPECT_EQ(c.at("status"), "completed");
    EXPECT_EQ(c.at("feedback"), "已更換水龍頭");
    auto history = audit("repair", id_of(v));
    EXPECT_EQ(history.back().at("action"), "complete");
    EXPECT_EQ(history.back().at("actor_name"), "王技工");
    EXPECT_EQ(history.back().at("after").at("receipt_no"), "WX2026-000001");
}

TEST_P(RepairOnSite, MT_3_4_TheChargeComesFromThePriceListAndAnAdjustmentNeedsItsReasonAndAgreement) {
    auto tap = price("P01");   // 更換水龍頭 HK$80 / 個
    auto pipe = price("P06");  // 更換水喉 HK$60 / 米
    EXPECT_EQ(tap.at("price_cents"), 8000);
    EXPECT_EQ(pipe.at("price_cents"), 6000);
    auto v = assigned("tech1", "廚房水喉爆裂");
    auto tech = signed_in("tech1");
    v = take(tech, v, "check-in");
    v = take(tech, v, "start");
    int64_t sig = signature(tech);
    bj::array lines{bj::object{{"price_item_id", id_of(tap)}, {"quantity", 1}},
                    bj::object{{"price_item_id", id_of(pipe)}, {"quantity", 2}}};
    auto not_a_list = completion(sig);
    not_a_list["charges"] = "P01";
    auto before = table_counts();
    auto body = [&](const bj::object& extra) {
        auto o = completion(sig, lines);
        for (const auto& [k, val] : extra) o[k] = val;
        return o;
    };
    struct Bad {
        bj::object body;
        const char* field;
    };
    const Bad bad[] = {
        {body({{"adjustment_cents", -2000}}), "adjustment_reason"},
        {body({{"adjustment_cents", -2000}, {"adjustment_reason", "  "}}), "adjustment_reason"},
        {body({{"adjustment_cents", -2000}, {"adjustment_reason", "長者優惠"}}), "adjustment_agreed"},
        {body({{"adjustment_cents", -2000}, {"adjustment_reason", "長者優惠"}, {"adjustment_agreed", false}}),
         "adjustment_agreed"},
        {body({{"adjustment_cents", -30000}, {"adjustment_reason", "全免"}, {"adjustment_agreed", true}}),
         "adjustment_cents"},  // below zero
        {completion(sig, bj::array{bj::object{{"price_item_id", id_of(tap)}, {"quantity", 0}}}), "charges[0].quantity"},
        {completion(sig, bj::array{bj::object{{"price_item_id", id_of(tap)}, {"quantity", 1}},
                                   bj::object{{"price_item_id", 999999}, {"quantity", 1}}}),
         "charges[1].price_item_id"},
    };
    for (const auto& b : bad) {
        auto r = step(tech, v, "complete", b.body);
        EXPECT_EQ(r.status, 422) << bj::serialize(b.body) << " " << r.body;
        EXPECT_EQ(r.error_field(), b.field) << bj::serialize(b.body);
    }
    // A line naming an item by its code rather than its id is not a line the API takes.
    auto by_code = step(tech, v, "complete", completion(sig, bj::array{bj::object{{"code", "P01"}, {"quantity", 1}}}));
    EXPECT_EQ(by_code.status, 400) << by_code.body;
    EXPECT_EQ(by_code.error_field(), "charges[0].code");
    auto not_list = step(tech, v, "complete", not_a_list);
    EXPECT_EQ(not_list.status, 400) << not_list.body;
    EXPECT_EQ(not_list.error_field(), "charges");
    EXPECT_EQ(table_counts(), before);

    v = take(
        tech, v, "complete",
        body({{"adjustment_cents", -2000}, {"adjustment_reason", "長者優惠,住戶同意"}, {"adjustment_agreed", true}}));
    EXPECT_EQ(v.at("charge_cents"), 20000);  // 80 + 2 × 60
    EXPECT_EQ(v.at("adjustment_cents"), -2000);
    EXPECT_EQ(v.at("adjustment_reason"), "長者優惠,住戶同意");
    EXPECT_EQ(v.at("total_cents"), 18000);
    EXPECT_EQ(v.at("receipt_no"), "WX2026-000001");
    ASSERT_EQ(v.at("charges").as_array().size(), 2u);
    auto first = v.at("charges").at(0).as_object();
    first.erase("id");
    EXPECT_EQ(first, (bj::object{{"price_item_id", id_of(tap)},
                                 {"code", "P01"},
                                 {"name", "更換水龍頭"},
                                 {"unit", "個"},
                                 {"unit_price_cents", 8000},
                                 {"quantity", 1},
                                 {"amount_cents", 8000}}));
    EXPECT_EQ(v.at("charges").at(1).at("quantity"), 2);
    EXPECT_EQ(v.at("charges").at(1).at("amount_cents"), 12000);

    // The next job's receipt is the next number of the year.
    auto next = completed_job("大門門鎖損壞", charge(price("P04")));
    EXPECT_EQ(next.at("receipt_no"), "WX2026-000002");
    EXPECT_EQ(next.at("total_cents"), 15000);
    EXPECT_EQ(next.at("charge_cents"), 15000);
    EXPECT_EQ(next.at("adjustment_cents"), 0);
}

TEST_P(RepairOnSite, MT_3_4_AnEditedPriceIsANewVersionAndAJobAlreadyChargedKeepsTheOldPrice) {
    auto tech = signed_in("tech1");
    auto list = tech.get("/api/v1/sites/1/price-items");  // technicians choose items at completion
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.json().at("items").as_array().size(), 6u);
    auto v1 = price("P01");
    EXPECT_EQ(v1.at("version"), 1);
    EXPECT_EQ(v1.at("item_key"), id_of(v1));
    EXPECT_EQ(v1.at("active"), true);
    EXPECT_EQ(v1.at("current"), true);
    auto old_job = completed_job("舊價水龍頭", charge(v1));
    EXPECT_EQ(old_job.at("charge_cents"), 8000);

    // Only repairs_admin (the engineering head, the site manager) edits it.
    const std::string item = path("/api/v1/price-items/", id_of(v1));
    for (const char* login : {"tech1", "englead", "frontdesk", "finance"}) {
        auto c = signed_in(login);
        EXPECT_EQ(c.put(item, R"({"price_cents":9000})", if_match(1)).status, 403) << login;
        EXPECT_EQ(c.post("/api/v1/sites/1/price-items", R"({"code":"P09","name":"x","price_cents":1})").status, 403)
            << login;
        EXPECT_EQ(c.post(item + "/retire", "", if_match(1)).status, 403) << login;
    }
    EXPECT_EQ(server_.count("price_items"), 6);

    clock_.advance_ms(2 * kMinute);
    auto eng = signed_in("enghead");
    EXPECT_EQ(eng.put(item, R"({"price_cents":9000})").status, 428);
    EXPECT_EQ(eng.put(item, R"({"price_cents":9000})", if_match(2)).status, 412);
    auto bad = eng.put(item, R"({"price_cents":-1})", if_match(1));
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "price_cents");
    EXPECT_EQ(eng.put(item, R"({"tip_cents":1})", if_match(1)).status, 400);
    EXPECT_EQ(server_.count("price_items"), 6);
    auto r = eng.put(item, bj::serialize(bj::object{{"price_cents", 9000}, {"name", "更換水龍頭(連工)"}}), if_match(1));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("etag"), "\"2\"");
    auto v2 = r.json();
    EXPECT_EQ(v2.at("version"), 2);
    EXPECT_NE(id_of(v2), id_of(v1));  // a new row: the old one stays for the jobs that used it
    EXPECT_EQ(v2.at("item_key"), id_of(v1));
    EXPECT_EQ(v2.at("code"), "P01");
    EXPECT_EQ(v2.at("price_cents"), 9000);
    EXPECT_EQ(v2.at("created_by"), ref("enghead", "何工程部長"));
    EXPECT_EQ(v2.at("created_at"), hk(kStart + 2 * kMinute));
    EXPECT_EQ(price("P01").at("id"), id_of(v2));
    // The superseded version is not edited again.
    EXPECT_EQ(eng.put(item, R"({"price_cents":9500})", if_match(1)).status, 412);
    auto versions = eng.get(item + "/versions");
    ASSERT_EQ(versions.status, 200) << versions.body;
    auto all = versions.json().at("items").as_array();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(id_of(all[0]), id_of(v1));
    EXPECT_EQ(all[0].at("current"), false);
    EXPECT_EQ(all[0].at("superseded_at"), hk(kStart + 2 * kMinute));
    EXPECT_EQ(all[0].at("price_cents"), 8000);
    EXPECT_EQ(id_of(all[1]), id_of(v2));
    EXPECT_EQ(all[1].at("current"), true);

    // The job charged earlier keeps version 1's price and name.
    auto kept = read(eng, id_of(old_job));
    ASSERT_EQ(kept.at("charges").as_array().size(), 1u);
    EXPECT_EQ(kept.at("charges").at(0).at("price_item_id"), id_of(v1));
    EXPECT_EQ(kept.at("charges").at(0).at("unit_price_cents"), 8000);
    EXPECT_EQ(kept.at("charges").at(0).at("amount_cents"), 8000);
    EXPECT_EQ(kept.at("charges").at(0).at("name"), "更換水龍頭");
    EXPECT_EQ(kept.at("charge_cents"), 8000);
    EXPECT_EQ(kept.at("total_cents"), 8000);

    // A new job is charged from the version in force only.
    auto job = assigned("tech1", "新價水龍頭");
    tech = signed_in("tech1");
    job = take(tech, job, "check-in");
    job = take(tech, job, "start");
    int64_t sig = signature(tech);
    auto superseded = step(tech, job, "complete", completion(sig, charge(v1)));
    EXPECT_EQ(superseded.status, 422) << superseded.body;
    EXPECT_EQ(superseded.error_field(), "charges[0].price_item_id");
    job = take(tech, job, "complete", completion(sig, charge(v2, 2)));
    EXPECT_EQ(job.at("charge_cents"), 18000);
    EXPECT_EQ(job.at("charges").at(0).at("name"), "更換水龍頭(連工)");
    EXPECT_EQ(job.at("charges").at(0).at("unit_price_cents"), 9000);
    auto history = audit("price_item", id_of(v1));
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].at("action"), "update");
    EXPECT_EQ(history[0].at("before").at("price_cents"), 8000);
    EXPECT_EQ(history[0].at("after").at("price_cents"), 9000);
}

TEST_P(RepairOnSite, MT_3_4_ARetiredItemLeavesTheListAndCannotBeCharged) {
    auto eng = signed_in("enghead");
    auto created = eng.post("/api/v1/sites/1/price-items",
                            R"({"code":"P07","name":"更換座廁水箱配件","unit":"套","price_cents":18000})");
    ASSERT_EQ(created.status, 201) << created.body;
    auto p = created.json();
    EXPECT_EQ(p.at("version"), 1);
    EXPECT_EQ(p.at("unit"), "套");
    auto dup = eng.post("/api/v1/sites/1/price-items", R"({"code":"P07","name":"重複","price_cents":1})");
    EXPECT_EQ(dup.status, 422);
    EXPECT_EQ(dup.error_field(), "code");
    auto negative = eng.post("/api/v1/sites/1/price-items", R"({"code":"P08","name":"負數","price_cents":-100})");
    EXPECT_EQ(negative.status, 422);
    EXPECT_EQ(negative.error_field(), "price_cents");
    EXPECT_EQ(eng.get("/api/v1/sites/1/price-items").json().at("items").as_array().size(), 7u);

    auto tech = signed_in("tech1");
    EXPECT_EQ(tech.post(path("/api/v1/price-items/", id_of(p), "/retire"), "", if_match(1)).status, 403);
    EXPECT_EQ(eng.post(path("/api/v1/price-items/", id_of(p), "/retire"), "").status, 428);
    auto retired = eng.post(path("/api/v1/price-items/", id_of(p), "/retire"), "", if_match(1));
    ASSERT_EQ(retired.status, 200) << retired.body;
    auto v2 = retired.json();
    EXPECT_EQ(v2.at("version"), 2);
    EXPECT_EQ(v2.at("active"), false);
    auto current = eng.get("/api/v1/sites/1/price-items").json().at("items").as_array();
    EXPECT_EQ(current.size(), 6u);
    auto with_retired = eng.get("/api/v1/sites/1/price-items?all=true").json().at("items").as_array();
    ASSERT_EQ(with_retired.size(), 7u);
    EXPECT_TRUE(std::any_of(with_retired.begin(), with_retired.end(),
                            [&](const bj::value& x) { return id_of(x) == id_of(v2) && x.at("active") == false; }));
    auto again = eng.post(path("/api/v1/price-items/", id_of(v2), "/retire"), "", if_match(2));
    EXPECT_EQ(again.status, 409);

    auto job = assigned("tech1", "座廁水箱");
    job = take(tech, job, "check-in");
    job = take(tech, job, "start");
    int64_t sig = signature(tech);
    for (int64_t id : {id_of(p), id_of(v2)}) {
        auto r = step(tech, job, "complete", completion(sig, charge(bj::object{{"id", id}})));
        EXPECT_EQ(r.status, 422) << r.body;
        EXPECT_EQ(r.error_field(), "charges[0].price_item_id");
    }
    EXPECT_EQ(audit_actions("price_item", id_of(p)), (std::vector<std::string>{"create", "retire"}));
}

TEST_P(RepairOnSite, MT_3_4_MT_3_5_ReceiptAndWorkOrderNumbersCountByTheSitesLocalYear) {
    clock_.set(kNewYear - 10 * kMinute);  // 23:50 on New Year's Eve in Hong Kong
    EXPECT_EQ(completed_job("年尾").at("receipt_no"), "WX2026-000001");
    clock_.set(kNewYear + 30 * kMinute);  // 00:30 on New Year's Day there, still 2026 in UTC
    EXPECT_EQ(completed_job("新年").at("receipt_no"), "WX2027-000001");
    EXPECT_EQ(completed_job("新年第二單").at("receipt_no"), "WX2027-000002");
    auto lead = signed_in("englead");
    auto w = lead.post("/api/v1/sites/1/work-orders", bj::serialize(bj::object{{"title", "新年燈飾拆除"},
                                                                               {"instructions", "拆除大堂燈飾"},
                                                                               {"technician_id", user_id("tech1")}}));
    ASSERT_EQ(w.status, 201) << w.body;
    EXPECT_EQ(w.json().at("number"), "PG2027-0001");
}

TEST_P(RepairOnSite, MT_3_4_AnEditCannotGiveAnItemTheCodeOfAnotherItemInForce) {
    auto eng = signed_in("enghead");
    auto drain = price("P02");
    auto r = eng.put(path("/api/v1/price-items/", id_of(drain)), R"({"code":"P01"})", if_match(1));
    // As when adding an item: one item in force per code.
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.error_field(), "code");
    auto list = eng.get("/api/v1/sites/1/price-items").json();
    const auto& items = list.at("items").as_array();
    EXPECT_EQ(std::count_if(items.begin(), items.end(), [](const bj::value& p) { return p.at("code") == "P01"; }), 1);
}

TEST_P(RepairOnSite, MT_3_4_ATipSlippedIntoAChargeLineOrAnUnknownKeyInASlotIs400) {
    auto v = assigned("tech1", "更換水龍頭");
    auto tech = signed_in("tech1");
    v = take(tech, v, "check-in");
    v = take(tech, v, "start");
    auto line = bj::array{bj::object{{"price_item_id", id_of(price("P01"))}, {"quantity", 1}, {"tip_cents", 2000}}};
    auto r = step(tech, v, "complete", completion(signature(tech), line));
    // A tip slipped inside a charge line is refused like any unknown field (MT-3.4: no tips).
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.error_code(), "unknown_field");
    EXPECT_EQ(read(tech, id_of(v)).at("status"), "in_progress");
    // Likewise a slot's keys (api_common.cpp schedule): a time zone the server would not use.
    auto fd = signed_in("frontdesk");
    auto booked = register_request(
        fd, request_body(
                "冷氣機滴水",
                {{"mode", "appointment"},
                 {"slot",
                  bj::object{{"date", "2026-11-18"}, {"start", "20:00"}, {"end", "21:00"}, {"time_zone", "UTC"}}}}));
    EXPECT_EQ(booked.status, 400) << booked.body;
    EXPECT_EQ(booked.error_code(), "unknown_field");
}

TEST_P(RepairOnSite, MT_3_4_ATechnicianActingOnSomeoneElsesJobGets403AndChangesNothing) {
    auto v = assigned("tech1", "客廳燈不亮");
    auto tech2 = signed_in("tech2");
    auto before = table_counts();
    for (const auto& [action, body] :
         std::vector<std::pair<std::string, bj::object>>{{"check-in", {}},
                                                         {"note", {{"note", "我來做"}}},
                                                         {"close", {{"reason", "做完了"}}},
                                                         {"assign", {{"technician_id", user_id("tech2")}}}}) {
        auto r = step(tech2, v, action, body);
        EXPECT_EQ(r.status, 403) << action << " " << r.body;
        EXPECT_EQ(r.error_code(), "forbidden") << action;
    }
    EXPECT_EQ(tech2.get(path("/api/v1/repairs/", id_of(v))).status, 403);
    EXPECT_EQ(table_counts(), before);

    // Also once the job is under way: tech2 may not act on tech1's site visit.
    auto tech1 = signed_in("tech1");
    v = take(tech1, v, "check-in");
    before = table_counts();
    for (const auto& [action, body] : std::vector<std::pair<std::string, bj::object>>{
             {"start", {}},
             {"no-one-home", {}},
             {"propose", {{"solution", "換燈"}}},
             {"material", {{"source", "resident"}, {"name", "燈泡"}, {"quality_ok", true}}}}) {
        auto r = step(tech2, v, action, body);
        EXPECT_EQ(r.status, 403) << action << " " << r.body;
    }
    EXPECT_EQ(table_counts(), before);
    v = take(tech1, v, "start");
    auto sig = signature(tech2);
    EXPECT_EQ(step(tech2, v, "complete", completion(sig)).status, 403);
    EXPECT_EQ(read(tech1, id_of(v)).at("status"), "in_progress");
    EXPECT_EQ(server_.count("repair_arrivals"), 1);
}

TEST_P(RepairOnSite, MT_3_4_OnlyTheAssignedTechnicianTakesTheStepsAtTheDoorNotTheHeadTheLeadOrTheManager) {
    auto v = assigned("tech1", "浴室漏水", {{"simple", false}});
    auto tech = signed_in("tech1");
    std::vector<std::pair<std::string, HttpClient>> others;
    for (const char* login : {"enghead", "englead", "manager", "tech2"}) others.emplace_back(login, signed_in(login));
    const std::vector<std::string> technician_steps = {"check_in", "no_one_home", "propose", "consent",
                                                       "start",    "material",    "complete"};
    // Each step the technician takes at the door, tried by everyone else when it is next.
    auto nobody_else = [&](const std::string& action, const bj::object& body) {
        for (auto& [login, c] : others) {
            auto before = table_counts();
            auto r = step(c, v, action, body);
            EXPECT_EQ(r.status, 403) << login << " " << action << " " << r.body;
            EXPECT_EQ(table_counts(), before) << login << " " << action;
            auto page = c.get(path("/api/v1/repairs/", id_of(v)));  // tech2 may not even read it
            if (page.status != 200) continue;
            auto actions = strings(page.json().at("actions"));
            for (const auto& a : technician_steps) EXPECT_FALSE(has(actions, a)) << login << " sees " << a;
        }
    };
    nobody_else("check-in", {});
    v = take(tech, v, "check-in");
    EXPECT_EQ(v.at("arrivals").at(0).at("technician").at("id"), user_id("tech1"));
    nobody_else("propose", {{"solution", "更換喉管"}});
    v = take(tech, v, "propose", {{"solution", "更換喉管"}});
    nobody_else("consent", {{"agreed", true}});
    v = take(tech, v, "consent", {{"agreed", true}});
    nobody_else("material", {{"source", "resident"}, {"name", "喉管"}, {"quality_ok", true}});
    nobody_else("start", {});
    v = take(tech, v, "start");
    int64_t sig = signature(tech);
    nobody_else("complete", completion(sig));
    v = take(tech, v, "complete", completion(sig));
    EXPECT_EQ(v.at("status"), "completed");
    // The head reassigns instead: the new technician is the one at the door.
    auto w = assigned("tech1", "大門鎖壞");
    auto eng = signed_in("enghead");
    w = take(eng, w, "assign", {{"technician_id", user_id("tech2")}, {"note", "王技工放假"}});
    EXPECT_EQ(step(tech, w, "check-in").status, 403);
    auto tech2 = signed_in("tech2");
    w = take(tech2, w, "check-in");
    EXPECT_EQ(w.at("arrivals").at(0).at("technician").at("id"), user_id("tech2"));
}

TEST_P(RepairOnSite, MT_3_4_ASignatureBelongsToOneJobAndTheSameBytesUploadedAgainAreTheSameSignature) {
    auto a = completed_job("A 已完成");
    int64_t a_sig = a.at("signature_file_id").as_int64();
    auto b = assigned("tech1", "B 待完成");
    auto tech = signed_in("tech1");
    b = take(tech, b, "check-in");
    b = take(tech, b, "start");
    auto before = table_counts();
    auto reused = step(tech, b, "complete", completion(a_sig));
    EXPECT_EQ(reused.status, 422) << reused.body;
    EXPECT_EQ(reused.error_code(), "file_in_use");
    EXPECT_EQ(reused.error_field(), "signature_file_id");
    EXPECT_EQ(table_counts(), before);
    // The same picture uploaded again as a new file is still A's signature.
    auto bytes = tech.get(path("/api/v1/files/", a_sig)).body;
    auto again = upload(tech, "signature", bytes, "image/png");
    ASSERT_EQ(again.status, 201) << again.body;
    before = table_counts();
    auto copied = step(tech, b, "complete", completion(id_of(again.json())));
    EXPECT_EQ(copied.status, 422) << copied.body;
    EXPECT_EQ(copied.error_code(), "file_in_use");
    EXPECT_EQ(table_counts(), before);
    // Nor does it sign a work order's inspection.
    auto eng = signed_in("enghead");
    auto w =
        take_step(tech, "/api/v1/work-orders/", issued_order("清洗水缸", "tech1"), "report", {{"report", "已清洗"}});
    before = table_counts();
    auto inspected = step_on(eng, "/api/v1/work-orders/", w, "accept", {{"signature_file_id", a_sig}});
    EXPECT_EQ(inspected.status, 422) << inspected.body;
    EXPECT_EQ(inspected.error_code(), "file_in_use");
    EXPECT_EQ(table_counts(), before);
    // B is signed with its own.
    b = take(tech, b, "complete", completion(signature(tech)));
    EXPECT_EQ(b.at("status"), "completed");
    EXPECT_NE(b.at("signature_file_id"), a.at("signature_file_id"));
}

TEST_P(RepairOnSite, MT_3_3_AReceiptIsTheEvidenceOfOneBoughtMaterial) {
    auto v = assigned("tech1", "更換門鎖");
    auto tech = signed_in("tech1");
    v = take(tech, v, "check-in");
    auto receipt = upload(tech, "receipt", jpeg(), "image/jpeg");
    ASSERT_EQ(receipt.status, 201) << receipt.body;
    const bj::object bought{{"source", "bought"},
                            {"name", "門鎖"},
                            {"place", "旺角五金店"},
                            {"amount_cents", 12800},
                            {"receipt_file_id", id_of(receipt.json())}};
    v = take(tech, v, "material", bought);
    auto before = table_counts();
    auto twice = step(tech, v, "material", bought);
    EXPECT_EQ(twice.status, 422) << twice.body;
    EXPECT_EQ(twice.error_code(), "file_in_use");
    EXPECT_EQ(twice.error_field(), "receipt_file_id");
    EXPECT_EQ(table_counts(), before);
    // Nor the resident's signature on completion.
    v = take(tech, v, "start");
    before = table_counts();
    auto signed_with_receipt = step(tech, v, "complete", completion(id_of(receipt.json())));
    EXPECT_EQ(signed_with_receipt.status, 422);
    EXPECT_EQ(signed_with_receipt.error_field(), "signature_file_id");
    EXPECT_EQ(table_counts(), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, RepairOnSite, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
