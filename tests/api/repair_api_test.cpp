// Repairs through the real server, on SQLite and PostgreSQL (issue 5, MT-1 … MT-5.0): the register
// and its desk case (MT-3.1), assignment and the technician's jobs, punctuality by the manual
// clock and nobody home (MT-3.2, MT-3.4), the survey and the resident's consent (MT-3.2),
// materials (MT-3.3), evidence uploads, completion with the signature, the versioned price list
// and the receipt (MT-3.4), return visits (MT-4.0), public work orders (MT-3.5), KPIs (MT-1),
// If-Match, site scoping, roles and the audit trail.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/api_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

// 2026-11-18 20:00 in Asia/Hong_Kong (12:00Z), 53:20 after kStart: the slot most bookings take.
constexpr EpochMs kEight = 1'795'003'200'000;
// 2027-01-01 00:00 in Asia/Hong_Kong, still 2026-12-31 in UTC.
constexpr EpochMs kNewYear = 1'798'732'800'000;
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A real 1×1 PNG, as a signature pad would send it, and its SHA-256 (worked out with sha256sum).
constexpr unsigned char kPngBytes[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00,
    0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
    0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
constexpr const char* kPngSha256 = "2b1da20a14b97d8f01f0a809d9f7d53eeefc59df6312eaa5a0c8b5c1228d1d7f";
// The start of a JPEG (JFIF) file: what a phone camera's receipt photo begins with.
constexpr unsigned char kJpegBytes[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00,
                                        0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9};

std::string png() {
    return std::string(reinterpret_cast<const char*>(kPngBytes), sizeof kPngBytes);
}

std::string jpeg() {
    return std::string(reinterpret_cast<const char*>(kJpegBytes), sizeof kJpegBytes);
}

std::string pdf() {
    return "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
}

// A PNG padded to exactly `size` bytes (the magic is all the server reads of its type).
std::string png_of_size(size_t size) {
    std::string out = png();
    out.resize(size, '\0');
    return out;
}

double number(const bj::value& v) {
    return v.is_double() ? v.as_double() : static_cast<double>(v.as_int64());
}

bool has(const std::vector<std::string>& list, const std::string& s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

// A booked slot on a local date of the demo site.
bj::object slot(const std::string& date, const std::string& start, const std::string& end) {
    return {{"date", date}, {"start", start}, {"end", end}};
}

// The appointment most tests book: today 20:00–21:00.
bj::object at_eight() {
    return {{"mode", "appointment"}, {"slot", slot("2026-11-18", "20:00", "21:00")}};
}

// A phone call registered directly at the desk, read back and confirmed, to be reached at once.
bj::object request_body(const std::string& description, const bj::object& extra = {}) {
    bj::object o{{"channel", "phone"},         {"caller_name", "陳先生"},     {"caller_phone", "9123 4567"},
                 {"description", description}, {"read_back_confirmed", true}, {"mode", "immediate"}};
    for (const auto& [k, v] : extra) o[k] = v;
    return o;
}

// A second, empty site, made by the system admin, and a user of it holding `role` there (unlike
// make_other_site, no units or residents: the repair tests need only someone from elsewhere).
int64_t east_site_with_user(HttpClient& admin, const std::string& login, const std::string& role) {
    int64_t id = create_east_site(admin);
    create_user(admin, login, bj::array{bj::object{{"site_id", id}, {"role", role}}});
    return id;
}

class RepairApi : public ApiTest {
  protected:
    int64_t department(const std::string& kind) {
        return server_.db().read_value([&](db::Conn& c) {
            return c.one("SELECT id FROM departments WHERE site_id = 1 AND kind = $1", kind)->i64(0);
        });
    }
    bj::object ref(const std::string& login, const std::string& name) {
        return {{"id", user_id(login)}, {"name", name}};
    }
    // Rows of every table a refused repair request might touch.
    std::map<std::string, int64_t> table_counts() {
        std::map<std::string, int64_t> out;
        for (const char* t : {"repairs", "repair_events", "repair_arrivals", "repair_materials", "repair_charges",
                              "cases", "case_events", "return_visits", "notifications", "files", "work_orders"})
            out[t] = server_.count(t);
        out["audit_log"] = server_.db().read_value(
            [&](db::Conn& c) { return c.one("SELECT COUNT(*) FROM audit_log WHERE action <> 'sign_in'")->i64(0); });
        return out;
    }

    HttpResult register_request(HttpClient& c, const bj::object& body, int64_t site = 1) {
        return c.post(path("/api/v1/sites/", site, "/repairs"), bj::serialize(body));
    }
    // Registers a request; anything but 201 fails the test.
    bj::value registered(HttpClient& c, const std::string& description, const bj::object& extra = {}) {
        auto r = register_request(c, request_body(description, extra));
        if (r.status != 201) throw std::runtime_error("register: " + r.body);
        return r.json();
    }
    HttpResult step(HttpClient& c, const bj::value& v, const std::string& action, const bj::object& body = {}) {
        return step_on(c, "/api/v1/repairs/", v, action, body);
    }
    // Takes a step with the version last read; anything but 200 fails the test.
    bj::value take(HttpClient& c, const bj::value& v, const std::string& action, const bj::object& body = {}) {
        return take_step(c, "/api/v1/repairs/", v, action, body);
    }
    bj::value read(HttpClient& c, int64_t id) { return read_ok(c, path("/api/v1/repairs/", id)); }
    bj::value read_case(HttpClient& c, int64_t id) { return read_ok(c, path("/api/v1/cases/", id), "read case"); }
    // A job registered at the desk and assigned to `tech` by the engineering head.
    bj::value assigned(const std::string& tech,
                       const std::string& description,
                       const bj::object& extra = {{"simple", true}}) {
        auto fd = signed_in("frontdesk");
        auto eng = signed_in("enghead");
        auto v = registered(fd, description, extra);
        return take(eng, v, "assign", {{"technician_id", user_id(tech)}});
    }
    HttpResult upload(HttpClient& c,
                      const std::string& kind,
                      const std::string& bytes,
                      const std::string& content_type,
                      int64_t site = 1) {
        return c.post(path("/api/v1/sites/", site, "/files?kind=" + kind), bytes, {{"Content-Type", content_type}});
    }
    // A resident's signature drawn on the technician's phone.
    int64_t signature(HttpClient& c) {
        auto r = upload(c, "signature", png(), "image/png");
        if (r.status != 201) throw std::runtime_error("signature: " + r.body);
        return id_of(r.json());
    }
    // The price-list item in force with that code.
    bj::value price(const std::string& code) {
        auto eng = signed_in("enghead");
        auto r = eng.get("/api/v1/sites/1/price-items");
        if (r.status != 200) throw std::runtime_error("price list: " + r.body);
        auto list = r.json();
        for (const auto& p : list.at("items").as_array())
            if (p.at("code") == code.c_str()) return p;
        throw std::runtime_error("no price item " + code);
    }
    static bj::array charge(const bj::value& item, int64_t quantity = 1) {
        return bj::array{bj::object{{"price_item_id", id_of(item)}, {"quantity", quantity}}};
    }
    static bj::object completion(int64_t signature_id, const bj::array& charges = {}) {
        return {{"work_done", "已更換水龍頭"}, {"restored", true},      {"cleaned", true},
                {"opinion", "師傅很細心"},     {"signed_by", "陳先生"}, {"signature_file_id", signature_id},
                {"charges", charges}};
    }
    // A simple job of tech1's, reached now, worked on and completed with those charges.
    bj::value completed_job(const std::string& description, const bj::array& charges = {}) {
        auto v = assigned("tech1", description);
        auto tech = signed_in("tech1");
        v = take(tech, v, "check-in");
        v = take(tech, v, "start");
        return take(tech, v, "complete", completion(signature(tech), charges));
    }
    // The desk records the resident's answer on the job's case (FD-C, MT-4.0).
    HttpResult visit(const bj::value& job, const std::string& outcome, const std::string& note = "") {
        auto fd = signed_in("frontdesk");
        auto c = read_case(fd, job.at("case_id").as_int64());
        bj::object body{{"outcome", outcome}};
        if (!note.empty()) body["note"] = note;
        return step_on(fd, "/api/v1/cases/", c, "return-visit", body);
    }
    // The audit trail of one record: its actions in order.
    bj::array audit(const std::string& entity, int64_t id) {
        auto fd = signed_in("frontdesk");
        auto r = fd.get("/api/v1/audit?entity=" + entity + "&id=" + std::to_string(id));
        if (r.status != 200) throw std::runtime_error("audit: " + r.body);
        return r.json().at("items").as_array();
    }
    std::vector<std::string> audit_actions(const std::string& entity, int64_t id) {
        std::vector<std::string> out;
        for (const auto& e : audit(entity, id)) out.push_back(str(e.at("action")));
        return out;
    }
    bj::value kpi(HttpClient& c, const std::string& query = "from=2026-11-18&to=2026-11-18") {
        auto r = c.get("/api/v1/sites/1/repair-kpi?" + query);
        if (r.status != 200) throw std::runtime_error("kpi: " + r.body);
        return r.json();
    }
};

// ---- MT-3.1: the register ----

TEST_P(RepairApi, MT_3_1_ADirectRequestWithoutTheReadBackConfirmationIsRefusedAndWritesNothing) {
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

TEST_P(RepairApi, MT_3_1_AnImmediatePhoneRequestIsDueIn30MinutesAndItsDeskCaseGoesToEngineering) {
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

TEST_P(RepairApi, MT_3_1_ARetriedRegistrationWithTheSameIdempotencyKeyMakesOneRequestAndOneCase) {
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

TEST_P(RepairApi, MT_3_1_ARequestFromARecordedDeskRepairCaseTakesTheCaseCallerAndUnit) {
    auto ids = demo_ids(server_);
    auto fd = signed_in("frontdesk");
    auto cr = fd.post("/api/v1/sites/1/cases",
                      bj::serialize(case_body("repair", "洗手盆水喉爆裂", {{"unit_id", ids.first_unit}})));
    ASSERT_EQ(cr.status, 201) << cr.body;
    auto c = cr.json();
    EXPECT_EQ(strings(c.at("actions")), (std::vector<std::string>{"dispatch", "follow_up"}));
    // The caller comes from the case, not again from the request.
    auto twice = register_request(fd, {{"case_id", id_of(c)}, {"mode", "immediate"}, {"caller_name", "另一人"}});
    EXPECT_EQ(twice.status, 422) << twice.body;
    EXPECT_EQ(twice.error_field(), "caller_name");

    clock_.advance_ms(3 * kMinute);
    auto r = register_request(fd, {{"case_id", id_of(c)}, {"mode", "immediate"}, {"location", "浴室"}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto v = r.json();
    EXPECT_EQ(v.at("case_id"), id_of(c));
    EXPECT_EQ(v.at("case_number"), c.at("number"));
    EXPECT_EQ(v.at("channel"), "phone");
    EXPECT_EQ(v.at("caller_name"), "陳先生");
    EXPECT_EQ(v.at("caller_phone"), "91234567");
    EXPECT_EQ(v.at("unit_id"), ids.first_unit);
    EXPECT_EQ(v.at("unit_label"), "第1座 1A");
    EXPECT_EQ(v.at("description"), "洗手盆水喉爆裂");
    EXPECT_EQ(v.at("location"), "浴室");
    EXPECT_EQ(v.at("status"), "recorded");
    EXPECT_EQ(v.at("due_at"), hk(kStart + 33 * kMinute));  // 30 minutes from the registration
    EXPECT_EQ(server_.count("cases"), 1);                  // no second case

    auto after = read_case(fd, id_of(c));
    EXPECT_EQ(after.at("status"), "dispatched");
    EXPECT_EQ(after.at("repair_request_id"), id_of(v));
    EXPECT_EQ(after.at("department").at("id"), department("engineering"));
    EXPECT_EQ(after.at("dispatched_at"), hk(kStart + 3 * kMinute));
    // A repair job's case moves with the job, not by hand at the desk.
    EXPECT_FALSE(has(strings(after.at("actions")), "dispatch"));

    // One request per case.
    auto again = register_request(fd, {{"case_id", id_of(c)}, {"mode", "immediate"}});
    EXPECT_EQ(again.status, 422);
    EXPECT_EQ(again.error_field(), "case_id");
    EXPECT_EQ(server_.count("repairs"), 1);
}

TEST_P(RepairApi, MT_3_1_ACaseThatIsNotARepairOrNoLongerRecordedOrOfAnotherSiteIsRefused) {
    auto fd = signed_in("frontdesk");
    auto complaint = fd.post("/api/v1/sites/1/cases", bj::serialize(case_body("complaint", "樓上漏水")));
    ASSERT_EQ(complaint.status, 201);
    auto dispatched = fd.post("/api/v1/sites/1/cases", bj::serialize(case_body("repair", "大堂燈壞")));
    ASSERT_EQ(dispatched.status, 201);
    auto d = dispatched.json();
    auto sent = fd.post(path("/api/v1/cases/", id_of(d), "/dispatch"),
                        bj::serialize(bj::object{{"department_id", department("engineering")}}),
                        if_match(d.at("version").as_int64()));
    ASSERT_EQ(sent.status, 200) << sent.body;
    auto admin = signed_in("admin");
    int64_t east = east_site_with_user(admin, "east.desk", "front_desk");
    auto east_desk = signed_in("east.desk", "east-side-password");
    auto theirs =
        east_desk.post(path("/api/v1/sites/", east, "/cases"), bj::serialize(case_body("repair", "東岸漏水")));
    ASSERT_EQ(theirs.status, 201) << theirs.body;
    auto before = table_counts();
    for (int64_t case_id : {id_of(complaint.json()), id_of(d), id_of(theirs.json()), int64_t{999999}}) {
        auto r = register_request(fd, {{"case_id", case_id}, {"mode", "immediate"}});
        EXPECT_EQ(r.status, 422) << case_id << " " << r.body;
        EXPECT_EQ(r.error_field(), "case_id") << case_id;
    }
    EXPECT_EQ(table_counts(), before);
    EXPECT_EQ(read_case(fd, id_of(complaint.json())).at("status"), "recorded");
}

TEST_P(RepairApi, MT_3_1_AnAppointmentNeedsARealSlotInTheSitesZoneAndBadPartsAreNamed) {
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

TEST_P(RepairApi, MT_3_1_ASlotEndingAtOrBeforeItsStartEndsOnTheNextMorning) {
    auto fd = signed_in("frontdesk");
    auto v = registered(fd, "夜間水浸", {{"mode", "appointment"}, {"slot", slot("2026-11-18", "23:30", "00:30")}});
    EXPECT_EQ(v.at("slot"), (bj::object{{"start", "2026-11-18T23:30:00+08:00"}, {"end", "2026-11-19T00:30:00+08:00"}}));
    EXPECT_EQ(v.at("due_at"), hk(kEight + 3 * kHour + 30 * kMinute));
    auto midnight =
        registered(fd, "夜間水浸", {{"mode", "appointment"}, {"slot", slot("2026-11-18", "22:00", "00:00")}});
    EXPECT_EQ(midnight.at("slot").at("end"), "2026-11-19T00:00:00+08:00");
}

TEST_P(RepairApi, MT_3_1_ARequestIsNeverRejectedOnlyClosedWithTheExplanationGivenToTheResident) {
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
    EXPECT_EQ(again.error_code(), "illegal_state");
    EXPECT_NE(again.body.find("current status: closed"), std::string::npos) << again.body;
    EXPECT_EQ(step(fd, v, "note", {{"note", "補充"}}).status, 409);
    EXPECT_EQ(audit_actions("repair", id_of(v)), (std::vector<std::string>{"create", "close"}));
}

// ---- MT-3.1: assignment and the technician's jobs ----

TEST_P(RepairApi, MT_3_1_EngineeringAssignsATechnicianWhoIsToldAndTheDeskOrATechnicianMayNot) {
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

TEST_P(RepairApi, MT_3_1_MyJobsListsOnlyTheTechniciansOwnOpenJobsTheEarliestDueFirst) {
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

TEST_P(RepairApi, MT_3_1_TheRegisterFiltersByStatusModeTechnicianAndText) {
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

// ---- MT-3.2 / MT-3.4: punctuality by the server's clock ----

TEST_P(RepairApi, MT_3_2_MT_3_4_AnImmediateArrivalAtExactly30MinutesIsOnTimeAndOneSecondLaterIsLate) {
    auto on_time = assigned("tech1", "A 水喉漏水");
    auto late = assigned("tech1", "B 水喉漏水");
    auto tech = signed_in("tech1");
    clock_.set(kStart + 30 * kMinute);
    EXPECT_EQ(read(tech, id_of(late)).at("overdue"), false);
    on_time = take(tech, on_time, "check-in");
    EXPECT_EQ(on_time.at("status"), "on_site");
    EXPECT_EQ(on_time.at("arrived_at"), hk(kStart + 30 * kMinute));
    EXPECT_EQ(on_time.at("first_arrived_at"), hk(kStart + 30 * kMinute));
    EXPECT_EQ(on_time.at("first_on_time"), true);
    EXPECT_EQ(on_time.at("visit_count"), 1);
    EXPECT_EQ(on_time.at("overdue"), false);
    ASSERT_EQ(on_time.at("arrivals").as_array().size(), 1u);
    const auto& arrival = on_time.at("arrivals").at(0);
    EXPECT_EQ(arrival.at("technician"), ref("tech1", "王技工"));
    EXPECT_EQ(arrival.at("mode"), "immediate");
    EXPECT_EQ(arrival.at("expected_at"), hk(kStart + 30 * kMinute));
    EXPECT_EQ(arrival.at("arrived_at"), hk(kStart + 30 * kMinute));
    EXPECT_EQ(arrival.at("punctuality"), "on_time");
    EXPECT_TRUE(arrival.at("outcome").is_null());
    EXPECT_TRUE(arrival.at("waited_minutes").is_null());
    EXPECT_TRUE(arrival.at("left_at").is_null());
    EXPECT_EQ(event_kinds(on_time).back(), "checked_in");
    EXPECT_EQ(on_time.at("events").as_array().back().at("note"), "on_time");

    clock_.advance_ms(kSecond);  // 30:01
    auto overdue = read(tech, id_of(late));
    EXPECT_EQ(overdue.at("overdue"), true);
    auto fd = signed_in("frontdesk");
    EXPECT_EQ(ids(fd.get("/api/v1/sites/1/repairs?overdue=true")), (std::vector<int64_t>{id_of(late)}));
    late = take(tech, late, "check-in");
    EXPECT_EQ(late.at("first_on_time"), false);
    EXPECT_EQ(late.at("arrivals").at(0).at("punctuality"), "late");
    EXPECT_EQ(late.at("arrivals").at(0).at("arrived_at"), hk(kStart + 30 * kMinute + kSecond));
    EXPECT_EQ(late.at("overdue"), false);  // at the door now
    // The desk case is in progress from the first arrival.
    auto c = read_case(fd, late.at("case_id").as_int64());
    EXPECT_EQ(c.at("status"), "in_progress");
    EXPECT_EQ(c.at("accepted_at"), hk(kStart + 30 * kMinute + kSecond));
    EXPECT_EQ(audit_actions("repair", id_of(late)), (std::vector<std::string>{"create", "assign", "check_in"}));
}

TEST_P(RepairApi, MT_3_2_MT_3_4_AnAppointmentArrivalWithinFiveMinutesEitherSideIsOnTime) {
    // In the order the technician reaches them: 5:01 early, 5:00 early, 5:00 late, 5:01 late.
    struct Case {
        EpochMs at;
        const char* punctuality;
    };
    const Case cases[] = {{kEight - 5 * kMinute - kSecond, "early"},
                          {kEight - 5 * kMinute, "on_time"},
                          {kEight + 5 * kMinute, "on_time"},
                          {kEight + 5 * kMinute + kSecond, "late"}};
    std::vector<bj::value> jobs;
    for (int i = 0; i < 4; ++i) jobs.push_back(assigned("tech1", "預約 " + std::to_string(i), at_eight()));
    auto tech = signed_in("tech1");
    for (int i = 0; i < 4; ++i) {
        clock_.set(cases[i].at);
        auto v = take(tech, jobs[i], "check-in");
        EXPECT_EQ(v.at("arrivals").at(0).at("punctuality"), cases[i].punctuality) << i;
        EXPECT_EQ(v.at("arrivals").at(0).at("mode"), "appointment") << i;
        EXPECT_EQ(v.at("arrivals").at(0).at("expected_at"), "2026-11-18T20:00:00+08:00") << i;
        EXPECT_EQ(v.at("arrivals").at(0).at("arrived_at"), hk(cases[i].at)) << i;
        EXPECT_EQ(v.at("first_on_time"), std::string(cases[i].punctuality) == "on_time") << i;
    }
}

TEST_P(RepairApi, MT_3_2_AnAppointmentIsOverdueOnlyFiveMinutesAfterItsStart) {
    auto v = assigned("tech1", "預約", at_eight());
    auto fd = signed_in("frontdesk");
    clock_.set(kEight + 5 * kMinute);
    EXPECT_EQ(read(fd, id_of(v)).at("overdue"), false);
    // The register's overdue filter agrees with the flag.
    EXPECT_TRUE(ids(fd.get("/api/v1/sites/1/repairs?overdue=true")).empty());
    clock_.advance_ms(kSecond);
    EXPECT_EQ(read(fd, id_of(v)).at("overdue"), true);
    EXPECT_EQ(ids(fd.get("/api/v1/sites/1/repairs?overdue=true")), (std::vector<int64_t>{id_of(v)}));
}

// ---- MT-3.4: nobody home ----

TEST_P(RepairApi, MT_3_4_NoOneHomeIsRefusedBeforeTheWaitThenRebooksAndTellsTheDesk) {
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

TEST_P(RepairApi, MT_3_4_MT_4_0_TheWaitAtTheDoorIsTheSitesPolicy) {
    auto eng = signed_in("enghead");
    auto got = eng.get("/api/v1/sites/1/repair-policy");
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.header("etag"), "\"0\"");
    auto p = got.json();
    EXPECT_EQ(p.at("return_visit_hours"), 48);
    EXPECT_EQ(p.at("return_visit_percent"), 100);
    EXPECT_EQ(p.at("min_wait_minutes"), 5);
    EXPECT_EQ(p.at("version"), 0);

    auto before = table_counts();
    for (const auto& [body, field] :
         std::vector<std::pair<bj::object, std::string>>{{{{"min_wait_minutes", 11}}, "min_wait_minutes"},
                                                         {{{"min_wait_minutes", -1}}, "min_wait_minutes"},
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

// ---- MT-3.2: the survey and the resident's consent ----

TEST_P(RepairApi, MT_3_2_WorkStartsOnlyAfterTheResidentAgreesToTheProposalUnlessTheJobIsSimple) {
    auto v = assigned("tech1", "浴室滲水", {{"simple", false}});
    auto tech = signed_in("tech1");
    clock_.advance_ms(20 * kMinute);
    v = take(tech, v, "check-in");
    EXPECT_FALSE(has(strings(v.at("actions")), "start"));
    auto before = table_counts();
    auto unconsented = step(tech, v, "start");
    EXPECT_EQ(unconsented.status, 409) << unconsented.body;
    EXPECT_EQ(unconsented.error_code(), "consent_required");
    EXPECT_NE(unconsented.body.find("MT-3.2"), std::string::npos);
    auto nothing = step(tech, v, "propose", {{"materials", "防水膠"}});
    EXPECT_EQ(nothing.status, 422);
    EXPECT_EQ(nothing.error_field(), "solution");
    auto consent_first = step(tech, v, "consent", {{"agreed", true}});
    EXPECT_EQ(consent_first.status, 409);  // nothing proposed yet
    EXPECT_EQ(table_counts(), before);

    v = take(tech, v, "propose",
             {{"solution", "重做浴缸邊防水膠"}, {"materials", "防水膠兩支"}, {"minutes", 90}, {"price_cents", 35000}});
    EXPECT_EQ(v.at("status"), "proposed");
    EXPECT_EQ(v.at("proposal"), (bj::object{{"solution", "重做浴缸邊防水膠"},
                                            {"materials", "防水膠兩支"},
                                            {"minutes", 90},
                                            {"price_cents", 35000},
                                            {"proposed_at", hk(kStart + 20 * kMinute)}}));
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"consent", "material", "note"}));
    EXPECT_EQ(step(tech, v, "start").status, 409);
    auto unanswered = step(tech, v, "consent", {{"note", "想一想"}});
    EXPECT_EQ(unanswered.status, 422);
    EXPECT_EQ(unanswered.error_field(), "agreed");

    // The resident says no: back on site, no consent.
    v = take(tech, v, "consent", {{"agreed", false}, {"note", "太貴"}});
    EXPECT_EQ(v.at("status"), "on_site");
    EXPECT_TRUE(v.at("consent_at").is_null());
    EXPECT_EQ(v.at("consent_note"), "太貴");
    EXPECT_EQ(event_kinds(v).back(), "declined");
    EXPECT_EQ(step(tech, v, "start").status, 409);

    // A cheaper proposal, agreed: work may start.
    clock_.advance_ms(5 * kMinute);
    v = take(tech, v, "propose", {{"solution", "局部補膠"}, {"price_cents", 15000}});
    v = take(tech, v, "consent", {{"agreed", true}, {"note", "同意"}});
    EXPECT_EQ(v.at("status"), "consented");
    EXPECT_EQ(v.at("consent_at"), hk(kStart + 25 * kMinute));
    EXPECT_EQ(event_kinds(v).back(), "consented");
    EXPECT_TRUE(has(strings(v.at("actions")), "start"));
    clock_.advance_ms(kMinute);
    v = take(tech, v, "start");
    EXPECT_EQ(v.at("status"), "in_progress");
    EXPECT_EQ(v.at("started_at"), hk(kStart + 26 * kMinute));
    EXPECT_EQ(audit_actions("repair", id_of(v)), (std::vector<std::string>{"create", "assign", "check_in", "propose",
                                                                           "consent", "propose", "consent", "start"}));

    // A simple job skips the survey.
    auto simple = assigned("tech1", "更換燈泡");
    EXPECT_EQ(simple.at("simple"), true);
    simple = take(tech, simple, "check-in");
    EXPECT_TRUE(has(strings(simple.at("actions")), "start"));
    simple = take(tech, simple, "start");
    EXPECT_EQ(simple.at("status"), "in_progress");
    EXPECT_TRUE(simple.at("proposal").is_null());
}

// ---- MT-3.3 / MT-3.4: materials ----

TEST_P(RepairApi, MT_3_3_MT_3_4_AResidentsMaterialIsCheckedAndOneNotGoodEnoughNeedsTheNoteAndTheirDecision) {
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

TEST_P(RepairApi, MT_3_3_ABoughtMaterialNeedsThePlaceTheAmountAndAReceiptOfThisSite) {
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

// ---- MT-3.4: evidence uploads ----

TEST_P(RepairApi, MT_3_4_APngSignatureIsStoredAndDownloadsAsTheSameBytes) {
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

TEST_P(RepairApi, MT_3_4_AnUploadOfTheWrongTypeIs415AndTooLargeIs413AndWritesNothing) {
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

TEST_P(RepairApi, MT_3_4_StaffOfAnotherSiteGet404ForItsFilesAndCannotUploadToIt) {
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

// ---- MT-3.4: completion, the charge and the receipt ----

TEST_P(RepairApi, MT_3_4_CompletionNeedsRestoredCleanedTheOpinionAndTheResidentsSignature) {
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

TEST_P(RepairApi, MT_3_4_TheChargeComesFromThePriceListAndAnAdjustmentNeedsItsReasonAndAgreement) {
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
        {completion(sig, bj::array{bj::object{{"price_item_id", id_of(tap)}, {"quantity", 0}}}), "charges"},
        {completion(sig, bj::array{bj::object{{"price_item_id", 999999}, {"quantity", 1}}}), "charges"},
        {not_a_list, "charges"},
    };
    for (const auto& b : bad) {
        auto r = step(tech, v, "complete", b.body);
        EXPECT_EQ(r.status, 422) << bj::serialize(b.body) << " " << r.body;
        EXPECT_EQ(r.error_field(), b.field) << bj::serialize(b.body);
    }
    // A line naming an item by its code rather than its id is not a line the API takes.
    auto by_code = step(tech, v, "complete", completion(sig, bj::array{bj::object{{"code", "P01"}, {"quantity", 1}}}));
    EXPECT_EQ(by_code.status, 400) << by_code.body;
    EXPECT_EQ(by_code.error_field(), "charges.code");
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

// ---- MT-3.4: the price list (特約服務收費指導標準), versioned ----

TEST_P(RepairApi, MT_3_4_AnEditedPriceIsANewVersionAndAJobAlreadyChargedKeepsTheOldPrice) {
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
    EXPECT_EQ(superseded.error_field(), "charges");
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

TEST_P(RepairApi, MT_3_4_ARetiredItemLeavesTheListAndCannotBeCharged) {
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
        EXPECT_EQ(r.error_field(), "charges");
    }
    EXPECT_EQ(audit_actions("price_item", id_of(p)), (std::vector<std::string>{"create", "retire"}));
}

// ---- MT-4.0: return visits ----

TEST_P(RepairApi, MT_4_0_AtOneHundredPercentEveryCompletedJobGetsADeskReturnVisitAndSatisfiedClosesIt) {
    clock_.advance_ms(10 * kMinute);
    auto v = completed_job("客廳燈不亮");
    EXPECT_EQ(v.at("return_visit_due_at"), hk(kStart + 10 * kMinute + 48 * kHour));  // the default 48 h
    EXPECT_TRUE(v.at("return_visit_outcome").is_null());
    auto fd = signed_in("frontdesk");
    auto visits = fd.get("/api/v1/sites/1/return-visits");
    ASSERT_EQ(visits.status, 200) << visits.body;
    auto items = visits.json().at("items").as_array();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].at("case_id"), v.at("case_id"));
    EXPECT_EQ(items[0].at("case_number"), v.at("case_number"));
    EXPECT_EQ(items[0].at("status"), "pending");
    EXPECT_EQ(items[0].at("due_at"), v.at("return_visit_due_at"));
    EXPECT_EQ(items[0].at("case_category"), "repair");

    clock_.advance_ms(kHour);
    auto r = visit(v, "satisfied", "燈已正常");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("status"), "return_visited");
    v = read(fd, id_of(v));
    EXPECT_EQ(v.at("status"), "return_visited");
    EXPECT_EQ(v.at("return_visit_outcome"), "satisfied");
    EXPECT_EQ(v.at("return_visited_at"), hk(kStart + 70 * kMinute));
    EXPECT_EQ(event_kinds(v).back(), "return_visit");
    EXPECT_EQ(v.at("events").as_array().back().at("note"), "satisfied: 燈已正常");
    EXPECT_EQ(v.at("first_time_fix"), true);
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"note"}));
    auto history = audit("repair", id_of(v));
    EXPECT_EQ(history.back().at("action"), "return_visit");
    EXPECT_EQ(history.back().at("actor_name"), "黃前臺");
    EXPECT_EQ(history.back().at("before").at("status"), "completed");
    EXPECT_EQ(history.back().at("after").at("status"), "return_visited");
}

TEST_P(RepairApi, MT_4_0_AJobThePolicysRateDoesNotSampleIsArchivedWithoutAVisit) {
    // At 1 %, one id in each hundred is visited; a fresh database's first jobs are not that one.
    auto eng = signed_in("enghead");
    auto put =
        eng.put("/api/v1/sites/1/repair-policy", R"({"return_visit_percent":1,"return_visit_hours":24})", if_match(0));
    ASSERT_EQ(put.status, 200) << put.body;
    auto v = completed_job("更換燈泡");
    ASSERT_NE(id_of(v) % 100, 0);
    EXPECT_TRUE(v.at("return_visit_due_at").is_null());
    auto fd = signed_in("frontdesk");
    auto c = read_case(fd, v.at("case_id").as_int64());
    EXPECT_EQ(c.at("status"), "archived");
    EXPECT_TRUE(c.at("return_visits").as_array().empty());
    EXPECT_TRUE(fd.get("/api/v1/sites/1/return-visits").json().at("items").as_array().empty());
    EXPECT_EQ(server_.count("return_visits"), 0);

    // Back to every job: the next one is visited within the policy's 24 h.
    put = eng.put("/api/v1/sites/1/repair-policy", R"({"return_visit_percent":100})", if_match(1));
    ASSERT_EQ(put.status, 200) << put.body;
    auto w = completed_job("更換光管");
    EXPECT_EQ(w.at("return_visit_due_at"), hk(kStart + 24 * kHour));
    EXPECT_EQ(read_case(fd, w.at("case_id").as_int64()).at("status"), "completed");
    EXPECT_EQ(server_.count("return_visits"), 1);
}

TEST_P(RepairApi, MT_4_0_AnUnsatisfiedResidentReopensTheJobWhoseRevisitKeepsTheReceiptAndTakesNoCharge) {
    auto tap = price("P01");
    auto v = completed_job("廚房水龍頭漏水", charge(tap));
    EXPECT_EQ(v.at("receipt_no"), "WX2026-000001");
    EXPECT_EQ(v.at("first_time_fix"), true);

    clock_.advance_ms(kHour);
    auto r = visit(v, "not_satisfied", "仍然滴水");
    ASSERT_EQ(r.status, 200) << r.body;
    auto fd = signed_in("frontdesk");
    v = read(fd, id_of(v));
    EXPECT_EQ(v.at("status"), "rebook");
    EXPECT_EQ(v.at("reopen_count"), 1);
    EXPECT_EQ(v.at("first_time_fix"), false);
    EXPECT_EQ(v.at("return_visit_outcome"), "not_satisfied");
    EXPECT_TRUE(v.at("arrived_at").is_null());
    auto kinds = event_kinds(v);
    EXPECT_EQ(std::vector<std::string>(kinds.end() - 3, kinds.end()),
              (std::vector<std::string>{"return_visit", "reopened", "notified"}));
    EXPECT_EQ(told("tech1", "repair_reopened"), 1);
    EXPECT_EQ(told("enghead", "repair_reopened"), 1);
    EXPECT_EQ(told("englead", "repair_reopened"), 1);
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"rebook", "close", "note"}));
    EXPECT_EQ(audit_actions("repair", id_of(v)).back(), "return_visit");

    // Engineering sends the technician back at once.
    auto eng = signed_in("enghead");
    v = take(eng, v, "rebook", {{"mode", "immediate"}, {"note", "回訪不滿意,即時跟進"}});
    EXPECT_EQ(v.at("status"), "assigned");
    EXPECT_EQ(v.at("due_at"), hk(kStart + kHour + 30 * kMinute));
    auto tech = signed_in("tech1");
    clock_.advance_ms(20 * kMinute);
    v = take(tech, v, "check-in");
    EXPECT_EQ(v.at("visit_count"), 2);
    v = take(tech, v, "start");
    int64_t sig = signature(tech);
    auto before = table_counts();
    auto charged = step(tech, v, "complete", completion(sig, charge(tap)));
    EXPECT_EQ(charged.status, 422) << charged.body;
    EXPECT_EQ(charged.error_field(), "charges");
    EXPECT_NE(charged.body.find("WX2026-000001"), std::string::npos);
    auto adjusted = completion(sig);
    adjusted["adjustment_cents"] = 1000;
    adjusted["adjustment_reason"] = "加料";
    adjusted["adjustment_agreed"] = true;
    auto adjust = step(tech, v, "complete", adjusted);
    EXPECT_EQ(adjust.status, 422) << adjust.body;
    EXPECT_EQ(adjust.error_field(), "charges");
    EXPECT_EQ(table_counts(), before);

    v = take(tech, v, "complete", completion(sig));
    EXPECT_EQ(v.at("status"), "completed");
    EXPECT_EQ(v.at("receipt_no"), "WX2026-000001");  // the first receipt stands
    EXPECT_EQ(v.at("charge_cents"), 8000);
    EXPECT_EQ(v.at("total_cents"), 8000);
    EXPECT_EQ(v.at("charges").as_array().size(), 1u);
    EXPECT_EQ(v.at("first_time_fix"), false);
    EXPECT_EQ(v.at("reopen_count"), 1);
    kinds = event_kinds(v);
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "receipt"), 1);
    EXPECT_EQ(kinds.back(), "completed");
    // The desk visits it again.
    auto c = read_case(fd, v.at("case_id").as_int64());
    EXPECT_EQ(c.at("status"), "completed");
    EXPECT_EQ(c.at("reopen_count"), 1);
    EXPECT_EQ(c.at("return_visits").as_array().size(), 2u);
    // The receipt counter did not move for the revisit.
    EXPECT_EQ(completed_job("另一單").at("receipt_no"), "WX2026-000002");
}

// ---- MT-3.5: public work orders (派工單) ----

TEST_P(RepairApi, MT_3_5_AWorkOrderIsIssuedReportedSentBackReportedAgainAcceptedWithASignatureAndArchived) {
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
    EXPECT_EQ(early.error_code(), "illegal_state");
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

TEST_P(RepairApi, MT_3_5_ATechnicianListsOnlyTheirOwnWorkOrders) {
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

// ---- MT-1: KPIs ----

TEST_P(RepairApi, MT_1_TheKpisCountArrivalsResponseFirstTimeFixSatisfactionAndReturnVisitsPerTechnician) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    // Five requests at 19:06:40: A, B, E immediate and simple; C booked for 20:00; D never assigned.
    auto a = registered(fd, "A", {{"simple", true}});
    auto b = registered(fd, "B", {{"simple", true}});
    auto c = registered(fd, "C", bj::object{{"mode", "appointment"}, {"slot", slot("2026-11-18", "20:00", "21:00")}});
    registered(fd, "D");
    auto e = registered(fd, "E", {{"simple", true}});
    a = take(eng, a, "assign", {{"technician_id", user_id("tech1")}});
    b = take(eng, b, "assign", {{"technician_id", user_id("tech2")}});
    c = take(eng, c, "assign", {{"technician_id", user_id("tech1")}});
    e = take(eng, e, "assign", {{"technician_id", user_id("tech1")}});
    auto tech1 = signed_in("tech1");
    auto tech2 = signed_in("tech2");
    int64_t sig = signature(tech1);
    auto finish = [&](HttpClient& t, bj::value v, EpochMs at) {
        clock_.set(at);
        v = take(t, v, "check-in");
        v = take(t, v, "start");
        return take(t, v, "complete", completion(sig));
    };
    a = finish(tech1, a, kStart + 20 * kMinute);  // on time, 20 min
    e = finish(tech1, e, kStart + 25 * kMinute);  // on time, 25 min
    b = finish(tech2, b, kStart + 31 * kMinute);  // late, 31 min
    clock_.set(kEight + 3 * kMinute);
    c = take(tech1, c, "check-in");  // on time for 20:00
    clock_.advance_ms(5 * kMinute);
    c = take(tech1, c, "no-one-home");
    ASSERT_EQ(visit(a, "satisfied").status, 200);
    ASSERT_EQ(visit(b, "not_satisfied", "仍然漏水").status, 200);  // E's visit is still to come

    auto rate = [](const bj::value& r, int64_t numerator, int64_t denominator) {
        EXPECT_EQ(r.at("numerator"), numerator);
        EXPECT_EQ(r.at("denominator"), denominator);
        if (denominator == 0)
            EXPECT_TRUE(r.at("percent").is_null());
        else
            EXPECT_DOUBLE_EQ(number(r.at("percent")), 100.0 * numerator / denominator);
    };
    auto k = kpi(eng);
    EXPECT_EQ(k.at("from"), "2026-11-18");
    EXPECT_EQ(k.at("to"), "2026-11-18");
    const auto& t = k.at("totals");
    EXPECT_EQ(t.at("requests"), 5);
    rate(t.at("arrivals_immediate"), 2, 3);
    rate(t.at("arrivals_appointment"), 1, 1);
    EXPECT_EQ(t.at("late_arrivals"), 1);
    EXPECT_EQ(t.at("response_avg_minutes"), 25);  // (20 + 25 + 31) / 3 = 25.3
    EXPECT_EQ(t.at("completed"), 3);
    rate(t.at("first_time_fix"), 2, 3);  // B was reopened
    rate(t.at("satisfaction"), 1, 2);
    rate(t.at("return_visits"), 2, 3);
    EXPECT_EQ(t.at("return_visit_target_percent"), 100);
    EXPECT_EQ(t.at("return_visits").at("meets_target"), false);

    ASSERT_EQ(k.at("technicians").as_array().size(), 3u);
    std::map<int64_t, bj::value> per;
    for (const auto& row : k.at("technicians").as_array())
        per[row.at("technician").is_null() ? 0 : row.at("technician").at("id").as_int64()] = row;
    ASSERT_TRUE(per.count(0) && per.count(user_id("tech1")) && per.count(user_id("tech2")));
    const auto& t1 = per[user_id("tech1")];
    EXPECT_EQ(t1.at("technician"), ref("tech1", "王技工"));
    EXPECT_EQ(t1.at("requests"), 3);
    rate(t1.at("arrivals_immediate"), 2, 2);
    rate(t1.at("arrivals_appointment"), 1, 1);
    EXPECT_EQ(t1.at("late_arrivals"), 0);
    EXPECT_EQ(t1.at("response_avg_minutes"), 23);  // (20 + 25) / 2 = 22.5
    EXPECT_EQ(t1.at("completed"), 2);
    rate(t1.at("first_time_fix"), 2, 2);
    rate(t1.at("satisfaction"), 1, 1);
    rate(t1.at("return_visits"), 1, 2);
    const auto& t2 = per[user_id("tech2")];
    EXPECT_EQ(t2.at("technician"), ref("tech2", "劉技工"));
    EXPECT_EQ(t2.at("requests"), 1);
    rate(t2.at("arrivals_immediate"), 0, 1);
    EXPECT_EQ(t2.at("late_arrivals"), 1);
    EXPECT_EQ(t2.at("response_avg_minutes"), 31);
    rate(t2.at("first_time_fix"), 0, 1);
    rate(t2.at("satisfaction"), 0, 1);
    const auto& none = per[0];  // D, never assigned
    EXPECT_EQ(none.at("requests"), 1);
    EXPECT_EQ(none.at("completed"), 0);
    EXPECT_TRUE(none.at("response_avg_minutes").is_null());
    rate(none.at("arrivals_immediate"), 0, 0);

    ASSERT_EQ(k.at("days").as_array().size(), 1u);
    EXPECT_EQ(k.at("days").at(0).at("date"), "2026-11-18");
    EXPECT_EQ(k.at("days").at(0).at("requests"), 5);
    EXPECT_EQ(k.at("days").at(0).at("completed"), 3);

    // A day with nothing: no percentages.
    auto empty = kpi(eng, "from=2026-11-19&to=2026-11-19");
    EXPECT_EQ(empty.at("totals").at("requests"), 0);
    EXPECT_TRUE(empty.at("totals").at("arrivals_immediate").at("percent").is_null());

    // Against a policy that visits 60 % of jobs, 2 of 3 meets the target.
    auto put = eng.put("/api/v1/sites/1/repair-policy", R"({"return_visit_percent":60})", if_match(0));
    ASSERT_EQ(put.status, 200) << put.body;
    auto against = kpi(eng).at("totals");
    EXPECT_EQ(against.at("return_visit_target_percent"), 60);
    EXPECT_EQ(against.at("return_visits").at("meets_target"), true);
}

TEST_P(RepairApi, MT_1_TheKpisDownloadAsAnXlsxWorkbookForEngineeringAndManagersOnly) {
    completed_job("xlsx");
    for (const char* login : {"enghead", "csmanager", "manager"}) {
        auto c = signed_in(login);
        EXPECT_EQ(c.get("/api/v1/sites/1/repair-kpi?from=2026-11-01&to=2026-11-30").status, 200) << login;
        auto r = c.get("/api/v1/sites/1/repair-kpi.xlsx?from=2026-11-01&to=2026-11-30");
        ASSERT_EQ(r.status, 200) << login << " " << r.body.substr(0, 200);
        EXPECT_EQ(r.header("content-type"), kXlsx);
        EXPECT_EQ(r.header("content-disposition"), "attachment; filename=\"repair-kpi-2026-11-01-2026-11-30.xlsx\"");
        EXPECT_EQ(r.body.substr(0, 2), "PK");
        EXPECT_NE(r.body.find("xl/worksheets/sheet3.xml"), std::string::npos);
    }
    for (const char* login : {"tech1", "englead", "frontdesk", "finance", "attendant"}) {
        auto c = signed_in(login);
        auto json = c.get("/api/v1/sites/1/repair-kpi");
        EXPECT_EQ(json.status, 403) << login;
        EXPECT_EQ(json.error_code(), "forbidden") << login;
        EXPECT_EQ(c.get("/api/v1/sites/1/repair-kpi.xlsx").status, 403) << login;
    }
    auto eng = signed_in("enghead");
    auto bad = eng.get("/api/v1/sites/1/repair-kpi?from=2026-11-30&to=2026-11-01");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "to");
}

TEST_P(RepairApi, MT_3_4_MT_3_5_ReceiptAndWorkOrderNumbersCountByTheSitesLocalYear) {
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

TEST_P(RepairApi, MT_3_4_AnEditCannotGiveAnItemTheCodeOfAnotherItemInForce) {
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

TEST_P(RepairApi, MT_3_4_ATipSlippedIntoAChargeLineOrAnUnknownKeyInASlotIs400) {
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

TEST_P(RepairApi, MT_1_MT_4_0_AnUnsatisfiedAnswerStillCountsOnceTheJobIsRevisited) {
    auto v = completed_job("廚房水龍頭漏水");
    ASSERT_EQ(visit(v, "not_satisfied", "仍然滴水").status, 200);
    auto eng = signed_in("enghead");
    auto before = kpi(eng).at("totals");
    EXPECT_EQ(before.at("satisfaction").at("numerator"), 0);
    EXPECT_EQ(before.at("satisfaction").at("denominator"), 1);
    v = take(eng, read(eng, id_of(v)), "rebook", {{"mode", "immediate"}});
    auto tech = signed_in("tech1");
    clock_.advance_ms(20 * kMinute);
    v = take(tech, v, "check-in");
    v = take(tech, v, "start");
    v = take(tech, v, "complete", completion(signature(tech)));
    auto after = kpi(eng).at("totals");
    EXPECT_EQ(after.at("first_time_fix").at("numerator"), 0);
    EXPECT_EQ(after.at("first_time_fix").at("denominator"), 1);
    // The resident's recorded "not satisfied" still counts after the revisit is completed: every
    // answer is kept on the job for the KPIs.
    EXPECT_EQ(after.at("satisfaction").at("numerator"), 0);
    EXPECT_EQ(after.at("satisfaction").at("denominator"), 1);
    EXPECT_EQ(after.at("satisfaction").at("meets_target"), false);
    EXPECT_EQ(after.at("return_visits").at("numerator"), 1);
}

// ---- the whole flow sheet, and the audit trail of every step ----

TEST_P(RepairApi, MT_3_1_MT_3_2_MT_3_3_MT_3_4_MT_4_0_AJobGoesFromTheCallToTheReturnVisitAndEveryStepIsAudited) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto tech = signed_in("tech1");
    auto v = registered(fd, "浴室天花滲水", {{"location", "浴室"}});
    int64_t id = id_of(v);
    clock_.advance_ms(5 * kMinute);
    v = take(eng, v, "assign", {{"technician_id", user_id("tech1")}});
    clock_.advance_ms(15 * kMinute);
    v = take(tech, v, "check-in");
    v = take(tech, v, "propose", {{"solution", "更換浴缸去水喉"}, {"minutes", 60}, {"price_cents", 6000}});
    v = take(tech, v, "consent", {{"agreed", true}});
    v = take(tech, v, "start");
    v = take(tech, v, "material", {{"source", "resident"}, {"name", "去水喉"}, {"quality_ok", true}});
    v = take(tech, v, "note", {{"note", "住戶要求下午再檢查一次"}});
    clock_.advance_ms(45 * kMinute);
    v = take(tech, v, "complete", completion(signature(tech), charge(price("P06"))));
    EXPECT_EQ(v.at("total_cents"), 6000);
    ASSERT_EQ(visit(v, "satisfied").status, 200);
    v = read(fd, id);
    EXPECT_EQ(v.at("status"), "return_visited");
    EXPECT_EQ(v.at("version"), 10);
    EXPECT_EQ(event_kinds(v), (std::vector<std::string>{"recorded", "notified", "assigned", "notified", "checked_in",
                                                        "proposed", "consented", "started", "material", "note",
                                                        "completed", "receipt", "return_visit"}));
    auto history = audit("repair", id);
    std::vector<std::string> actions, actors;
    for (const auto& e : history) {
        actions.push_back(str(e.at("action")));
        actors.push_back(str(e.at("actor_name")));
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"create", "assign", "check_in", "propose", "consent", "start",
                                                 "material", "note", "complete", "return_visit"}));
    EXPECT_EQ(actors, (std::vector<std::string>{"黃前臺", "何工程部長", "王技工", "王技工", "王技工", "王技工",
                                                "王技工", "王技工", "王技工", "黃前臺"}));
    // Each entry holds the job before and after the step.
    const std::vector<std::pair<std::string, std::string>> statuses{
        {"recorded", "assigned"},       {"assigned", "on_site"},      {"on_site", "proposed"},
        {"proposed", "consented"},      {"consented", "in_progress"}, {"in_progress", "in_progress"},
        {"in_progress", "in_progress"}, {"in_progress", "completed"}, {"completed", "return_visited"}};
    ASSERT_EQ(history.size(), statuses.size() + 1);
    for (size_t i = 0; i < statuses.size(); ++i) {
        EXPECT_EQ(history[i + 1].at("before").at("status"), statuses[i].first.c_str()) << actions[i + 1];
        EXPECT_EQ(history[i + 1].at("after").at("status"), statuses[i].second.c_str()) << actions[i + 1];
        EXPECT_EQ(history[i + 1].at("after").at("version"), history[i + 1].at("before").at("version").as_int64() + 1)
            << actions[i + 1];
    }
    EXPECT_EQ(history[2].at("at"), hk(kStart + 20 * kMinute));
    // The desk case followed the job.
    auto c = read_case(fd, v.at("case_id").as_int64());
    EXPECT_EQ(c.at("status"), "return_visited");
    EXPECT_EQ(c.at("accepted_at"), hk(kStart + 20 * kMinute));
    EXPECT_EQ(c.at("completed_at"), hk(kStart + 65 * kMinute));
    auto case_history = audit_actions("case", id_of(c));
    EXPECT_EQ(std::count(case_history.begin(), case_history.end(), "repair_step"),
              3);  // dispatched, accepted, completed
    EXPECT_EQ(case_history.back(), "return_visit");
}

// ---- denials: someone else's job, If-Match, other sites, roles ----

TEST_P(RepairApi, MT_3_4_ATechnicianActingOnSomeoneElsesJobGets403AndChangesNothing) {
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

TEST_P(RepairApi, AStaleIfMatchIs412AMissingOneIs428AndNeitherChangesAnything) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto v = registered(fd, "大堂燈壞");
    auto old = v;
    v = take(eng, v, "assign", {{"technician_id", user_id("tech1")}});
    auto before = table_counts();
    auto stale = step(eng, old, "assign", {{"technician_id", user_id("tech2")}, {"note", "改派"}});
    EXPECT_EQ(stale.status, 412) << stale.body;
    EXPECT_EQ(stale.error_code(), "version_mismatch");
    auto stale_close = step(fd, old, "close", {{"reason", "重複登記"}});
    EXPECT_EQ(stale_close.status, 412);
    auto missing = eng.post(path("/api/v1/repairs/", id_of(v), "/assign"),
                            bj::serialize(bj::object{{"technician_id", user_id("tech2")}, {"note", "改派"}}));
    EXPECT_EQ(missing.status, 428) << missing.body;
    EXPECT_EQ(missing.error_code(), "if_match_required");
    auto garbled = eng.post(path("/api/v1/repairs/", id_of(v), "/note"), R"({"note":"x"})", {{"If-Match", "abc"}});
    EXPECT_EQ(garbled.status, 400);
    auto tech = signed_in("tech1");
    auto stale_tech = tech.post(path("/api/v1/repairs/", id_of(v), "/check-in"), "{}", if_match(1));
    EXPECT_EQ(stale_tech.status, 412);
    EXPECT_EQ(table_counts(), before);
    auto now = read(fd, id_of(v));
    EXPECT_EQ(now.at("version"), 2);
    EXPECT_EQ(now.at("technician").at("id"), user_id("tech1"));
    auto got = fd.get(path("/api/v1/repairs/", id_of(v)));
    EXPECT_EQ(got.header("etag"), "\"2\"");
}

TEST_P(RepairApi, StaffOfAnotherSiteGet404ForSite1sRepairsOrdersAndPrices) {
    auto v = assigned("tech1", "客廳燈不亮");
    auto lead = signed_in("englead");
    auto order =
        lead.post("/api/v1/sites/1/work-orders",
                  bj::serialize(bj::object{
                      {"title", "更換光管"}, {"instructions", "按圖施工"}, {"technician_id", user_id("tech1")}}));
    ASSERT_EQ(order.status, 201);
    auto tap = price("P01");
    auto admin = signed_in("admin");
    east_site_with_user(admin, "east.eng", "eng_head");
    auto stranger = signed_in("east.eng", "east-side-password");
    auto before = table_counts();
    for (const std::string& target :
         {path("/api/v1/repairs/", id_of(v)), std::string("/api/v1/sites/1/repairs"),
          std::string("/api/v1/sites/1/my-jobs"), std::string("/api/v1/sites/1/price-items"),
          std::string("/api/v1/sites/1/repair-policy"), std::string("/api/v1/sites/1/repair-kpi"),
          std::string("/api/v1/sites/1/work-orders"), path("/api/v1/work-orders/", id_of(order.json())),
          path("/api/v1/price-items/", id_of(tap), "/versions"),
          std::string("/api/v1/audit?entity=repair&id=") + std::to_string(id_of(v))}) {
        auto r = stranger.get(target);
        EXPECT_EQ(r.status, 404) << target << " " << r.body;
    }
    EXPECT_EQ(step(stranger, v, "assign", {{"technician_id", user_id("tech2")}}).status, 404);
    EXPECT_EQ(step(stranger, v, "close", {{"reason", "x"}}).status, 404);
    EXPECT_EQ(register_request(stranger, request_body("越權")).status, 404);
    EXPECT_EQ(stranger.put(path("/api/v1/price-items/", id_of(tap)), R"({"price_cents":1})", if_match(1)).status, 404);
    EXPECT_EQ(stranger.post(path("/api/v1/work-orders/", id_of(order.json()), "/archive"), "{}", if_match(1)).status,
              404);
    EXPECT_EQ(table_counts(), before);
}

TEST_P(RepairApi, RolesWithoutARepairPermissionGet403AndChangeNothing) {
    auto fd = signed_in("frontdesk");
    auto v = registered(fd, "冷氣機滴水");
    auto before = table_counts();
    auto attendant = signed_in("attendant");  // the car-park attendant: no repair permission at all
    auto reg = register_request(attendant, request_body("停車場燈壞"));
    EXPECT_EQ(reg.status, 403) << reg.body;
    EXPECT_EQ(reg.error_code(), "forbidden");
    EXPECT_EQ(attendant.get("/api/v1/sites/1/repairs").status, 403);
    EXPECT_EQ(attendant.get(path("/api/v1/repairs/", id_of(v))).status, 403);
    EXPECT_EQ(step(attendant, v, "note", {{"note", "x"}}).status, 403);
    EXPECT_EQ(step(attendant, v, "close", {{"reason", "x"}}).status, 403);
    EXPECT_EQ(attendant.get("/api/v1/sites/1/price-items").status, 403);
    // Reading is not writing: finance sees the register but registers nothing.
    auto finance = signed_in("finance");
    EXPECT_EQ(finance.get(path("/api/v1/repairs/", id_of(v))).status, 200);
    EXPECT_EQ(register_request(finance, request_body("x")).status, 403);
    EXPECT_EQ(step(finance, v, "close", {{"reason", "x"}}).status, 403);
    // A technician and the team lead do not take calls.
    for (const char* login : {"tech1", "englead"}) {
        auto c = signed_in(login);
        EXPECT_EQ(register_request(c, request_body("x")).status, 403) << login;
    }
    EXPECT_EQ(table_counts(), before);
    // The engineering head may register one directly.
    auto eng = signed_in("enghead");
    EXPECT_EQ(register_request(eng, request_body("工程部自行登記")).status, 201);
}

TEST_P(RepairApi, UnknownFieldsAre400NamingTheField) {
    auto fd = signed_in("frontdesk");
    auto r = register_request(fd, request_body("漏水", {{"tip_cents", 2000}}));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.error_code(), "unknown_field");
    EXPECT_EQ(r.error_field(), "tip_cents");
    auto v = registered(fd, "漏水");
    auto s = step(fd, v, "close", {{"reason", "x"}, {"rejected", true}});
    EXPECT_EQ(s.status, 400);
    EXPECT_EQ(s.error_field(), "rejected");
    EXPECT_EQ(server_.count("repairs"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RepairApi, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
