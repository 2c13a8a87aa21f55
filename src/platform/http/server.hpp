// The HTTP listener: Beast sessions on C++20 coroutines, handlers on a bounded worker pool,
// graceful shutdown that finishes requests in flight.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "platform/http/live_hub.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/pipeline.hpp"
#include "platform/http/worker_pool.hpp"

namespace propdesk::http {

struct ServerConfig {
    std::string address = "127.0.0.1";
    uint16_t port = 8080;  // 0 picks a free port (tests)
    int workers = 8;
    int max_queued = 512;  // requests waiting for a worker before 503
    int max_connections = 4096;
    size_t header_limit = 8 * 1024;
    std::chrono::milliseconds read_timeout{30'000};
    std::chrono::milliseconds write_timeout{30'000};
    std::chrono::milliseconds idle_timeout{60'000};  // keep-alive wait for the next request
    std::chrono::milliseconds shutdown_grace{15'000};
    bool handle_signals = true;  // SIGINT/SIGTERM start a graceful shutdown
    std::string websocket_path;  // the route that upgrades to live events; "" for none
};

class Server {
  public:
    Server(ServerConfig config, const Pipeline& pipeline, Metrics& metrics, LiveHub* hub = nullptr);
    ~Server();
    // Binds and listens; returns the bound port.
    uint16_t start();
    // Serves until stop() or a signal, then returns after in-flight requests finish.
    void run();
    // Thread-safe; starts the graceful shutdown.
    void stop();
    WorkerPool& pool();
    int connections() const;

  private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace propdesk::http
