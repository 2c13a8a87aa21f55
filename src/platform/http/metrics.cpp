#include "platform/http/metrics.hpp"

#include <charconv>
#include <sstream>
#include <vector>

namespace propdesk::http {
namespace {
// Every digit kept: the stream's default 6 significant digits would freeze a large counter.
std::string number(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc{} ? std::string(buf, end) : "NaN";
}

std::string label_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}
}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
    std::lock_guard lock(mu_);
    ++requests_[{method, route, status}];
    auto& h = latency_[{method, route}];
    for (size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

void Metrics::gauge(std::string name, std::string help, std::function<double()> read) {
    std::lock_guard lock(mu_);
    gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

void Metrics::count(const std::string& name, double delta) {
    std::lock_guard lock(mu_);
    counters_[name] += delta;
}

std::string Metrics::render() const {
    std::ostringstream o;
    std::lock_guard lock(mu_);
    o << "# HELP propdesk_http_requests_total HTTP requests by route and status.\n"
         "# TYPE propdesk_http_requests_total counter\n";
    for (const auto& [k, n] : requests_) {
        const auto& [method, route, status] = k;
        o << "propdesk_http_requests_total{method=\"" << method << "\",route=\"" << label_escape(route)
          << "\",status=\"" << status << "\"} " << n << "\n";
    }
    o << "# HELP propdesk_http_request_duration_seconds Time from request read to response ready.\n"
         "# TYPE propdesk_http_request_duration_seconds histogram\n";
    for (const auto& [k, h] : latency_) {
        std::string labels = "method=\"" + k.first + "\",route=\"" + label_escape(k.second) + "\"";
        for (size_t i = 0; i < kBuckets.size(); ++i)
            o << "propdesk_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i] << "\"} "
              << h.buckets[i] << "\n";
        o << "propdesk_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << h.count << "\n";
        o << "propdesk_http_request_duration_seconds_sum{" << labels << "} " << number(h.sum) << "\n";
        o << "propdesk_http_request_duration_seconds_count{" << labels << "} " << h.count << "\n";
    }
    // A counter's series may carry labels ("name{job=\"x\"}"); each family gets one TYPE line,
    // even when another family's name extends it and sorts in between.
    std::map<std::string, std::vector<std::pair<std::string, double>>> families;
    for (const auto& [series, v] : counters_) families[series.substr(0, series.find('{'))].emplace_back(series, v);
    for (const auto& [family, series] : families) {
        o << "# TYPE " << family << " counter\n";
        for (const auto& [name, v] : series) o << name << " " << number(v) << "\n";
    }
    for (const auto& g : gauges_) {
        o << "# HELP " << g.name << " " << g.help << "\n# TYPE " << g.name << " gauge\n"
          << g.name << " " << number(g.read()) << "\n";
    }
    return o.str();
}

}  // namespace propdesk::http
