// Micro-benchmarks of per-request building blocks (Google Benchmark, linked with propdesk_core).
// Built as propdesk_bench when PROPDESK_BENCH=ON; run build/release/propdesk_bench.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "org/json.hpp"
#include "org/model.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/http/router.hpp"
#include "platform/json/json_in.hpp"
#include "platform/search/fold.hpp"
#include "platform/time/zone.hpp"

namespace {

using namespace propdesk;

// 46 of the server's routes (method + pattern as registered under src/), in registration order.
const std::vector<std::pair<const char*, const char*>> kRoutes = {
    {"GET", "/healthz"},
    {"GET", "/metrics"},
    {"POST", "/api/v1/session"},
    {"DELETE", "/api/v1/session"},
    {"GET", "/api/v1/me"},
    {"PATCH", "/api/v1/me"},
    {"POST", "/api/v1/me/password"},
    {"GET", "/api/v1/users"},
    {"POST", "/api/v1/users"},
    {"GET", "/api/v1/users/{id}"},
    {"PATCH", "/api/v1/users/{id}"},
    {"PUT", "/api/v1/users/{id}/roles"},
    {"GET", "/api/v1/audit"},
    {"GET", "/api/v1/companies"},
    {"POST", "/api/v1/companies"},
    {"GET", "/api/v1/companies/{id}"},
    {"PATCH", "/api/v1/companies/{id}"},
    {"GET", "/api/v1/sites"},
    {"POST", "/api/v1/sites"},
    {"GET", "/api/v1/sites/{id}"},
    {"PATCH", "/api/v1/sites/{id}"},
    {"GET", "/api/v1/sites/{site_id}/areas"},
    {"POST", "/api/v1/sites/{site_id}/areas"},
    {"GET", "/api/v1/areas/{id}"},
    {"PATCH", "/api/v1/areas/{id}"},
    {"GET", "/api/v1/sites/{site_id}/buildings"},
    {"POST", "/api/v1/sites/{site_id}/buildings"},
    {"GET", "/api/v1/buildings/{id}"},
    {"PATCH", "/api/v1/buildings/{id}"},
    {"GET", "/api/v1/sites/{site_id}/units"},
    {"POST", "/api/v1/sites/{site_id}/units"},
    {"GET", "/api/v1/units/{id}"},
    {"PATCH", "/api/v1/units/{id}"},
    {"GET", "/api/v1/sites/{site_id}/residents"},
    {"POST", "/api/v1/sites/{site_id}/residents"},
    {"GET", "/api/v1/residents/{id}"},
    {"PATCH", "/api/v1/residents/{id}"},
    {"PUT", "/api/v1/residents/{id}/units/{unit_id}"},
    {"DELETE", "/api/v1/residents/{id}/units/{unit_id}"},
    {"POST", "/api/v1/sites/{site_id}/imports/units"},
    {"POST", "/api/v1/sites/{site_id}/imports/residents"},
    {"GET", "/api/v1/sites/{site_id}/departments"},
    {"POST", "/api/v1/sites/{site_id}/departments"},
    {"GET", "/api/v1/departments/{id}"},
    {"PATCH", "/api/v1/departments/{id}"},
    {"GET", "/api/v1/sites/{site_id}/devices"},
};

const http::Router& router() {
    static const http::Router r = [] {
        http::Router out;
        for (const auto& [method, pattern] : kRoutes) {
            http::Route route;
            route.method = method;
            route.pattern = pattern;
            route.handler = [](http::Request&) { return http::Response{}; };
            out.add(std::move(route));
        }
        return out;
    }();
    return r;
}

// GET /api/v1/sites/1/residents: the residents list, one placeholder among 46 routes.
void BM_RouterMatchParameterised(benchmark::State& state) {
    const auto& r = router();
    const std::string method = "GET";
    const std::string path = "/api/v1/sites/1/residents";
    for (auto _ : state) {
        auto m = r.match(method, path);
        benchmark::DoNotOptimize(m.route);
    }
    state.counters["routes"] = static_cast<double>(r.routes().size());
}
BENCHMARK(BM_RouterMatchParameterised);

// Two placeholders, and a method that only matches the last candidate.
void BM_RouterMatchTwoParams(benchmark::State& state) {
    const auto& r = router();
    const std::string method = "DELETE";
    const std::string path = "/api/v1/residents/12345/units/678";
    for (auto _ : state) {
        auto m = r.match(method, path);
        benchmark::DoNotOptimize(m.route);
    }
}
BENCHMARK(BM_RouterMatchTwoParams);

// Traditional Chinese folded to Simplified by OpenCC (the search index and every ?q=).
void BM_SearchFoldChinese(benchmark::State& state) {
    const std::string text = "海濱花園 第1座 12樓A室 陳志明 投訴：電梯維修後仍有異響，請管理處跟進";
    search::fold(text);  // opens this thread's OpenCC converter outside the timing
    for (auto _ : state) benchmark::DoNotOptimize(search::fold(text));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_SearchFoldChinese);

// ASCII only: lower-casing without OpenCC.
void BM_SearchFoldAscii(benchmark::State& state) {
    const std::string text = "Harbour Garden Block 1 Flat 12A Chan Chi Ming 91234567";
    for (auto _ : state) benchmark::DoNotOptimize(search::fold(text));
}
BENCHMARK(BM_SearchFoldAscii);

// The body of POST /api/v1/sites/{site_id}/residents, read the way create_resident reads it.
void BM_JsonInResidentBody(benchmark::State& state) {
    const std::string body = R"({"name":"陳大文","phones":["91234567","2123 4567"],"email":"chan.taiman@example.com",)"
                             R"("notes":"業主，星期一至五晚上七時後方便聯絡"})";
    for (auto _ : state) {
        json::JsonIn in(body, {"name", "phones", "email", "notes", "units"});
        auto name = in.req_string("name", 1, 100);
        auto phones = in.opt_string_list("phones", 5, 30);
        auto email = in.opt_string("email", 0, 200);
        auto notes = in.opt_string("notes", 0, 2000);
        benchmark::DoNotOptimize(name);
        benchmark::DoNotOptimize(phones);
        benchmark::DoNotOptimize(email);
        benchmark::DoNotOptimize(notes);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(body.size()));
}
BENCHMARK(BM_JsonInResidentBody);

// SHA-256 hex of a session token: done on every signed-in request to find the session.
void BM_TokenHash(benchmark::State& state) {
    auth::init_crypto();
    const std::string token = auth::random_token();
    for (auto _ : state) benchmark::DoNotOptimize(auth::token_hash(token));
}
BENCHMARK(BM_TokenHash);

// One RFC 3339 time in the site's zone; the residents list formats two per resident (100 a page).
void BM_TimeToRfc3339HongKong(benchmark::State& state) {
    const std::string zone = "Asia/Hong_Kong";
    int64_t t = 1'795'000'000'000;
    timefmt::to_rfc3339(t, zone);  // loads the time zone database outside the timing
    for (auto _ : state) benchmark::DoNotOptimize(timefmt::to_rfc3339(t += 1000, zone));
}
BENCHMARK(BM_TimeToRfc3339HongKong);

// The JSON of one page of the residents list (50 residents with one unit each), serialised:
// the response-building part of GET /api/v1/sites/{site_id}/residents?limit=50.
void BM_ResidentsPageJson(benchmark::State& state) {
    const std::string zone = "Asia/Hong_Kong";
    std::vector<org::Resident> rows(50);
    for (size_t i = 0; i < rows.size(); ++i) {
        auto& r = rows[i];
        r.id = static_cast<int64_t>(i + 1);
        r.site_id = 1;
        r.name = "陳志明" + std::to_string(i);
        r.phones = {"9100" + std::to_string(1000 + i)};
        r.stamp = {1, 1'795'000'000'000, 1'795'000'000'000};
        r.units.push_back(org::UnitLink{static_cast<int64_t>(i + 1), "第1座", std::to_string(i) + "A", "owner"});
    }
    timefmt::to_rfc3339(0, zone);
    for (auto _ : state) {
        boost::json::array items;
        for (const auto& r : rows) items.push_back(org::json::resident(r, zone));
        auto text = boost::json::serialize(boost::json::object{{"items", std::move(items)}, {"next_cursor", "51"}});
        benchmark::DoNotOptimize(text);
    }
}
BENCHMARK(BM_ResidentsPageJson);

}  // namespace
