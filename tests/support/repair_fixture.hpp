// What the repair API tests share (MT-1 … MT-5.0): the booked slot most tests take, the bytes of
// a real PNG signature and JPEG receipt, a registered job and its steps (If-Match with the version
// read), a job taken through to completion, the desk's return visit of it, uploads, the price
// list, the audit trail and the rows of every table a refused request might touch.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/api_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {

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

inline std::string png() {
    return std::string(reinterpret_cast<const char*>(kPngBytes), sizeof kPngBytes);
}

inline std::string jpeg() {
    return std::string(reinterpret_cast<const char*>(kJpegBytes), sizeof kJpegBytes);
}

inline std::string pdf() {
    return "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
}

// A PNG padded to exactly `size` bytes (the magic is all the server reads of its type).
inline std::string png_of_size(size_t size) {
    std::string out = png();
    out.resize(size, '\0');
    return out;
}

inline double number(const bj::value& v) {
    return v.is_double() ? v.as_double() : static_cast<double>(v.as_int64());
}

// A booked slot on a local date of the demo site.
inline bj::object slot(const std::string& date, const std::string& start, const std::string& end) {
    return {{"date", date}, {"start", start}, {"end", end}};
}

// The appointment most tests book: today 20:00–21:00.
inline bj::object at_eight() {
    return {{"mode", "appointment"}, {"slot", slot("2026-11-18", "20:00", "21:00")}};
}

// A phone call registered directly at the desk, read back and confirmed, to be reached at once.
inline bj::object request_body(const std::string& description, const bj::object& extra = {}) {
    bj::object o{{"channel", "phone"},         {"caller_name", "陳先生"},     {"caller_phone", "9123 4567"},
                 {"description", description}, {"read_back_confirmed", true}, {"mode", "immediate"}};
    for (const auto& [k, v] : extra) o[k] = v;
    return o;
}

// A second, empty site, made by the system admin, and a user of it holding `role` there (unlike
// make_other_site, no units or residents: the repair tests need only someone from elsewhere).
inline int64_t east_site_with_user(HttpClient& admin, const std::string& login, const std::string& role) {
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
        for (const char* t :
             {"repairs", "repair_events", "repair_arrivals", "repair_materials", "repair_charges", "repair_quote_lines",
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
    // A case recorded at the desk (FD-A); anything but 201 fails the test.
    bj::value recorded_case(HttpClient& c,
                            const std::string& category,
                            const std::string& content,
                            const bj::object& extra = {}) {
        auto r = c.post("/api/v1/sites/1/cases", bj::serialize(case_body(category, content, extra)));
        if (r.status != 201) throw std::runtime_error("case: " + r.body);
        return r.json();
    }
    // MT-3.5: a work order the engineering head issues to `technician`; anything but 201 fails.
    bj::value issued_order(const std::string& title, const std::string& technician) {
        auto eng = signed_in("enghead");
        auto r = eng.post("/api/v1/sites/1/work-orders",
                          bj::serialize(bj::object{
                              {"title", title}, {"instructions", title}, {"technician_id", user_id(technician)}}));
        if (r.status != 201) throw std::runtime_error("work order: " + r.body);
        return r.json();
    }
    // FD-B / MT-3.1: the desk raises a repair case into its repair request.
    HttpResult raise(HttpClient& c, const bj::value& case_read, const bj::object& body) {
        return step_on(c, "/api/v1/cases/", case_read, "raise-repair", body);
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
    // A resident's signature drawn on the technician's phone: each one its own picture (the same
    // bytes uploaded again are the same evidence, and a signature serves one job).
    int64_t signature(HttpClient& c) {
        auto r = upload(c, "signature", png() + std::string(static_cast<size_t>(++drawn_), '\n'), "image/png");
        if (r.status != 201) throw std::runtime_error("signature: " + r.body);
        return id_of(r.json());
    }
    int drawn_ = 0;
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

}  // namespace propdesk::testing
