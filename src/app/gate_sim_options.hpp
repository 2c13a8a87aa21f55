// gate-sim's options as typed and as checked (a bad value exits with 2), and stopping on a signal.
#pragma once

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace propdesk::app::gatesim {

using SteadyClock = std::chrono::steady_clock;

// A usage error exits with 2, as command-line tools do; CLI11's own errors keep CLI11's codes.
class UsageError : public CLI::ParseError {
  public:
    explicit UsageError(std::string message) : ParseError("UsageError", std::move(message), 2) {}
};

void on_stop_signal(int);

bool stopping();

// Short naps, so that Ctrl-C or a test's SIGTERM ends a paced run or --watch at once.

bool sleep_until_or_stop(SteadyClock::time_point when);

// Numbers arrive as text and are checked here, so that a bad value exits with 2 too.
struct Args {
    std::string url, token, serialno, count, rate, connections = "1", image, backlog, duplicates, heartbeat, watch,
                                                   start_plateid, live_login;
    std::vector<std::string> plates;
    bool no_plate = false, unique_plates = false, offline_opened = false, heartbeat_json = false, json = false;
};

struct Config {
    std::string host, port, host_header, base_path, plate_target, heartbeat_target, serialno;
    std::vector<std::string> plates;
    bool no_plate = false;
    bool unique_plates = false;
    int64_t count = 1;
    double rate = 0;
    int connections = 1;
    std::string image_base64;
    int64_t backlog = 0;
    bool offline_opened = false;
    int64_t duplicates = 0;
    int64_t heartbeats = 0;
    bool heartbeat_json = false;
    double watch_seconds = 0;
    bool json = false;
    int64_t start_plateid = 0;
    uint64_t seed = 0;
    std::string live_login, live_password;  // --live-login; empty login: no booth page
};

Config validate(const Args& a);

}  // namespace propdesk::app::gatesim
