// What the desk's API tests share (FD-A … FD-N): a case's number as printed, the demo site's
// departments, recording a case and taking its steps (If-Match with the version read), a case
// taken through to completion, a policy body, and the rows of every table a refused request might
// touch (equal before and after: it changed nothing).
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdint>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>

#include "support/api_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {

namespace bj = boost::json;

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

inline std::string number(int64_t id) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "C%06lld", static_cast<long long>(id));
    return buf;
}

class DeskApi : public ApiTest {
  protected:
    // The demo site's department of that kind, as the desk's page finds it (looked up once:
    // each sign-in is an audit entry, which would blur the tests that count rows).
    int64_t department(const std::string& kind) {
        auto it = departments_.find(kind);
        if (it != departments_.end()) return it->second;
        auto c = signed_in("frontdesk");
        auto r = c.get("/api/v1/sites/1/departments?kind=" + kind);
        if (r.status != 200 || r.json().at("items").as_array().size() != 1)
            throw std::runtime_error("departments: " + r.body);
        return departments_[kind] = id_of(r.json().at("items").at(0));
    }
    HttpResult create(HttpClient& c, const bj::object& body, int64_t site = 1) {
        return c.post(path("/api/v1/sites/", site, "/cases"), bj::serialize(body));
    }
    // Records a case; anything but 201 fails the test.
    bj::value record(HttpClient& c,
                     const std::string& category,
                     const std::string& content,
                     const bj::object& extra = {}) {
        auto r = create(c, case_body(category, content, extra));
        if (r.status != 201) throw std::runtime_error("create: " + r.body);
        return r.json();
    }
    HttpResult step(HttpClient& c, const bj::value& v, const std::string& action, const bj::object& body = {}) {
        return step_on(c, "/api/v1/cases/", v, action, body);
    }
    // Takes a step with the version last read; anything but 200 fails the test.
    bj::value take(HttpClient& c, const bj::value& v, const std::string& action, const bj::object& body = {}) {
        return take_step(c, "/api/v1/cases/", v, action, body);
    }
    bj::value read(HttpClient& c, int64_t id) { return read_ok(c, path("/api/v1/cases/", id)); }
    // A case of that category dispatched to engineering, accepted and completed.
    bj::value completed_case(const std::string& category, const std::string& content) {
        auto fd = signed_in("frontdesk");
        auto eng = signed_in("enghead");
        auto v = record(fd, category, content);
        v = take(fd, v, "dispatch", {{"department_id", department("engineering")}});
        v = take(eng, v, "accept");
        return take(eng, v, "complete", {{"feedback", "已處理"}});
    }
    bj::object policy_body(int64_t complaint_hours, int64_t return_visit_hours = 24, int64_t max_unreachable = 3) {
        return {{"return_visit_hours", return_visit_hours},
                {"max_unreachable", max_unreachable},
                {"deadline_hours", bj::object{{"inquiry", 24},
                                              {"repair", 48},
                                              {"complaint", complaint_hours},
                                              {"suggestion", 72},
                                              {"praise", 72},
                                              {"other", 48}}}};
    }
    // Rows of every table a refused desk request might touch.
    std::map<std::string, int64_t> table_counts() {
        std::map<std::string, int64_t> out;
        for (const char* t : {"cases", "case_events", "return_visits", "desk_policies", "notifications", "audit_log"})
            out[t] = server_.count(t);
        return out;
    }

    std::map<std::string, int64_t> departments_;
};

}  // namespace propdesk::testing
