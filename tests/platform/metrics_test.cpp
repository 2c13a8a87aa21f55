// Prometheus text: request counters per (method, route, status), cumulative latency histograms,
// label escaping, free-form counters and gauges read at scrape time.
#include "platform/http/metrics.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace propdesk::http {
namespace {

bool contains(const std::string& text, const std::string& line) {
    return text.find(line) != std::string::npos;
}

std::vector<std::string> lines_starting_with(const std::string& text, const std::string& prefix) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.starts_with(prefix)) out.push_back(line);
    return out;
}

TEST(Metrics, EmptyRenderHasOnlyTheHeaders) {
    Metrics m;
    auto text = m.render();
    EXPECT_TRUE(contains(text, "# TYPE propdesk_http_requests_total counter\n"));
    EXPECT_TRUE(contains(text, "# TYPE propdesk_http_request_duration_seconds histogram\n"));
    EXPECT_TRUE(lines_starting_with(text, "propdesk_http_requests_total{").empty());
    EXPECT_TRUE(lines_starting_with(text, "propdesk_http_request_duration_seconds_bucket{").empty());
}

TEST(Metrics, CountsRequestsPerMethodRouteAndStatus) {
    Metrics m;
    m.observe("GET", "/api/v1/units/{id}", 200, 0.002);
    m.observe("GET", "/api/v1/units/{id}", 200, 0.003);
    m.observe("GET", "/api/v1/units/{id}", 404, 0.001);
    m.observe("PUT", "/api/v1/units/{id}", 200, 0.004);
    auto text = m.render();
    EXPECT_TRUE(
        contains(text, "propdesk_http_requests_total{method=\"GET\",route=\"/api/v1/units/{id}\",status=\"200\"} 2\n"));
    EXPECT_TRUE(
        contains(text, "propdesk_http_requests_total{method=\"GET\",route=\"/api/v1/units/{id}\",status=\"404\"} 1\n"));
    EXPECT_TRUE(
        contains(text, "propdesk_http_requests_total{method=\"PUT\",route=\"/api/v1/units/{id}\",status=\"200\"} 1\n"));
    EXPECT_EQ(lines_starting_with(text, "propdesk_http_requests_total{").size(), 3u);
}

TEST(Metrics, HistogramBucketsAreCumulativeAndInfEqualsCount) {
    Metrics m;
    // One in each of: ≤0.0005, ≤0.01, ≤0.1, ≤2.5, and one slower than every bucket.
    for (double s : {0.0001, 0.007, 0.08, 2.0, 9.0}) m.observe("GET", "/r", 200, s);
    auto text = m.render();
    const std::string p = "propdesk_http_request_duration_seconds_bucket{method=\"GET\",route=\"/r\",le=";
    EXPECT_TRUE(contains(text, p + "\"0.0005\"} 1\n"));
    EXPECT_TRUE(contains(text, p + "\"0.001\"} 1\n"));
    EXPECT_TRUE(contains(text, p + "\"0.0025\"} 1\n"));
    EXPECT_TRUE(contains(text, p + "\"0.005\"} 1\n"));
    EXPECT_TRUE(contains(text, p + "\"0.01\"} 2\n"));
    EXPECT_TRUE(contains(text, p + "\"0.025\"} 2\n"));
    EXPECT_TRUE(contains(text, p + "\"0.05\"} 2\n"));
    EXPECT_TRUE(contains(text, p + "\"0.1\"} 3\n"));
    EXPECT_TRUE(contains(text, p + "\"0.25\"} 3\n"));
    EXPECT_TRUE(contains(text, p + "\"0.5\"} 3\n"));
    EXPECT_TRUE(contains(text, p + "\"1\"} 3\n"));
    EXPECT_TRUE(contains(text, p + "\"2.5\"} 4\n"));
    EXPECT_TRUE(contains(text, p + "\"+Inf\"} 5\n"));
    EXPECT_TRUE(contains(text, "propdesk_http_request_duration_seconds_count{method=\"GET\",route=\"/r\"} 5\n"));
    EXPECT_TRUE(contains(text, "propdesk_http_request_duration_seconds_sum{method=\"GET\",route=\"/r\"} 11.0871\n"));
    EXPECT_EQ(lines_starting_with(text, p).size(), Metrics::kBuckets.size() + 1);
}

TEST(Metrics, BucketCountsNeverDecreaseAndEndAtTheCount) {
    Metrics m;
    for (int i = 0; i < 200; ++i) m.observe("POST", "/x", 201, i * 0.0137);
    auto buckets = lines_starting_with(m.render(), "propdesk_http_request_duration_seconds_bucket{");
    ASSERT_EQ(buckets.size(), Metrics::kBuckets.size() + 1);
    long long previous = 0;
    for (const auto& line : buckets) {
        long long n = std::stoll(line.substr(line.rfind(' ') + 1));
        EXPECT_GE(n, previous) << line;
        previous = n;
    }
    EXPECT_EQ(previous, 200);
}

TEST(Metrics, ObservationOnABucketBoundaryCountsInThatBucket) {
    Metrics m;
    m.observe("GET", "/b", 200, 0.1);
    auto text = m.render();
    const std::string p = "propdesk_http_request_duration_seconds_bucket{method=\"GET\",route=\"/b\",le=";
    EXPECT_TRUE(contains(text, p + "\"0.05\"} 0\n"));
    EXPECT_TRUE(contains(text, p + "\"0.1\"} 1\n"));
}

TEST(Metrics, HistogramIsPerMethodAndRouteNotPerStatus) {
    Metrics m;
    m.observe("GET", "/h", 200, 0.001);
    m.observe("GET", "/h", 500, 0.001);
    m.observe("DELETE", "/h", 204, 0.001);
    auto text = m.render();
    EXPECT_TRUE(contains(text, "propdesk_http_request_duration_seconds_count{method=\"GET\",route=\"/h\"} 2\n"));
    EXPECT_TRUE(contains(text, "propdesk_http_request_duration_seconds_count{method=\"DELETE\",route=\"/h\"} 1\n"));
}

TEST(Metrics, QuotesBackslashesAndNewlinesInLabelsAreEscaped) {
    Metrics m;
    m.observe("GET", "/say/\"hi\"\\there\nnow", 200, 0.001);
    auto text = m.render();
    const std::string escaped = "route=\"/say/\\\"hi\\\"\\\\there\\nnow\"";
    EXPECT_TRUE(contains(text, "propdesk_http_requests_total{method=\"GET\"," + escaped + ",status=\"200\"} 1\n"))
        << text;
    EXPECT_TRUE(contains(text, "propdesk_http_request_duration_seconds_count{method=\"GET\"," + escaped + "} 1\n"));
    // No raw newline splits a sample line.
    for (const auto& line : lines_starting_with(text, "now")) ADD_FAILURE() << "unescaped newline: " << line;
}

TEST(Metrics, NamedCountersAddUp) {
    Metrics m;
    m.count("propdesk_jobs_run_total");
    m.count("propdesk_jobs_run_total");
    m.count("propdesk_bytes_total", 512);
    m.count("propdesk_bytes_total", 0.5);
    auto text = m.render();
    EXPECT_TRUE(contains(text, "# TYPE propdesk_jobs_run_total counter\npropdesk_jobs_run_total 2\n"));
    EXPECT_TRUE(contains(text, "# TYPE propdesk_bytes_total counter\npropdesk_bytes_total 512.5\n"));
}

TEST(Metrics, LabelledCounterSeriesShareOneTypeLinePerFamily) {
    Metrics m;
    m.count("propdesk_jobs_run_total{job=\"overdue_scan\"}");
    m.count("propdesk_jobs_run_total{job=\"return_visits\"}", 3);
    m.count("propdesk_jobs_run_total{job=\"overdue_scan\"}");
    auto text = m.render();
    EXPECT_TRUE(contains(text,
                         "# TYPE propdesk_jobs_run_total counter\n"
                         "propdesk_jobs_run_total{job=\"overdue_scan\"} 2\n"
                         "propdesk_jobs_run_total{job=\"return_visits\"} 3\n"))
        << text;
    EXPECT_EQ(lines_starting_with(text, "# TYPE propdesk_jobs_run_total ").size(), 1u);
}

// Series are rendered in std::map order, so a family with an unlabelled series ("x") and
// labelled ones ("x{...}") is split by any family whose name extends it ("x_failed" sorts
// between them) and gets a second "# TYPE x counter" line, which Prometheus rejects.
TEST(Metrics, FamilyIsNotSplitByAnotherFamilyWhoseNameExtendsIt) {
    Metrics m;
    m.count("propdesk_jobs");
    m.count("propdesk_jobs_failed");
    m.count("propdesk_jobs{job=\"a\"}");
    auto text = m.render();
    EXPECT_EQ(lines_starting_with(text, "# TYPE propdesk_jobs counter").size(), 1u) << text;
}

TEST(Metrics, GaugesCallTheirReaderAtEveryRender) {
    Metrics m;
    int calls = 0;
    double value = 3;
    m.gauge("propdesk_db_readers_in_use", "Reader connections in use.", [&] {
        ++calls;
        return value;
    });
    EXPECT_EQ(calls, 0);
    auto first = m.render();
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(contains(first,
                         "# HELP propdesk_db_readers_in_use Reader connections in use.\n"
                         "# TYPE propdesk_db_readers_in_use gauge\n"
                         "propdesk_db_readers_in_use 3\n"));
    value = 1.5;
    auto second = m.render();
    EXPECT_EQ(calls, 2);
    EXPECT_TRUE(contains(second, "propdesk_db_readers_in_use 1.5\n"));
}

TEST(Metrics, SeveralGaugesAreRenderedInRegistrationOrder) {
    Metrics m;
    m.gauge("propdesk_b", "B.", [] { return 2.0; });
    m.gauge("propdesk_a", "A.", [] { return 1.0; });
    auto text = m.render();
    auto b = text.find("propdesk_b 2\n");
    auto a = text.find("propdesk_a 1\n");
    ASSERT_NE(b, std::string::npos);
    ASSERT_NE(a, std::string::npos);
    EXPECT_LT(b, a);
}

// Counter, gauge and sum values are doubles written with the stream's default precision of 6
// significant digits, so a counter past one million is shown as 1.23457e+06 and stops moving in
// steps smaller than 10 (a Prometheus rate() over it reads zero for most scrapes).
TEST(Metrics, LargeCounterValuesKeepEveryDigit) {
    Metrics m;
    m.count("propdesk_big_total", 1234567);
    m.gauge("propdesk_big_gauge", "Big.", [] { return 7654321.0; });
    auto text = m.render();
    EXPECT_TRUE(contains(text, "propdesk_big_total 1234567\n")) << text;
    EXPECT_TRUE(contains(text, "propdesk_big_gauge 7654321\n")) << text;
}

}  // namespace
}  // namespace propdesk::http
