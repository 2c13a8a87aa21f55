// Request counters and latency histograms per route, plus gauges read at scrape time,
// rendered as Prometheus text.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace propdesk::http {

class Metrics {
  public:
    static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

    void observe(const std::string& method, const std::string& route, int status, double seconds);
    // A value read when /metrics is scraped, e.g. the DB pool's readers in use.
    void gauge(std::string name, std::string help, std::function<double()> read);
    // A counter series: "name" or "name{label=\"value\"}".
    void count(const std::string& series, double delta = 1);
    std::string render() const;

  private:
    struct Histogram {
        std::array<long long, kBuckets.size()> buckets{};
        long long count = 0;
        double sum = 0;
    };
    mutable std::mutex mu_;
    std::map<std::tuple<std::string, std::string, int>, long long> requests_;
    std::map<std::pair<std::string, std::string>, Histogram> latency_;
    std::map<std::string, double> counters_;
    struct Gauge {
        std::string name, help;
        std::function<double()> read;
    };
    std::vector<Gauge> gauges_;
};

}  // namespace propdesk::http
