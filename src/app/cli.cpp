#include "app/cli.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "app/app.hpp"
#include "app/demo_seed.hpp"
#include "app/gate_sim.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/auth/rules.hpp"
#include "platform/db/migrations.hpp"

namespace propdesk::app {
namespace {

int g_exit_code = 0;

}  // namespace

// --db wins; otherwise the SQLite file in --data.
std::string resolve_db_url(const std::string& url, const std::string& data_dir) {
    if (!url.empty()) return url;
    std::filesystem::create_directories(data_dir);
    return "sqlite:" + (std::filesystem::path(data_dir) / "propdesk.db").string();
}

void set_exit_code(int code) {
    g_exit_code = code;
}

namespace {

struct DbFlag {
    std::string url;
    std::string data_dir = "data";
    std::string resolve() const { return resolve_db_url(url, data_dir); }
};

void add_db_flags(CLI::App* cmd, DbFlag& flag) {
    cmd->add_option("--db", flag.url, "sqlite:PATH or postgresql://… (default: sqlite in --data)");
    cmd->add_option("--data", flag.data_dir, "data directory for the SQLite file")->capture_default_str();
}

void add_serve(CLI::App& cli) {
    auto* cmd = cli.add_subcommand("serve", "Run the HTTP server");
    auto flags = std::make_shared<DbFlag>();
    auto opts = std::make_shared<AppOptions>();
    opts->server.port = 8080;
    add_db_flags(cmd, *flags);
    cmd->add_option("--address", opts->server.address, "listen address")->capture_default_str();
    cmd->add_option("--port", opts->server.port, "listen port")->capture_default_str();
    cmd->add_option("--web", opts->web_dir, "built web app directory (web/dist)");
    cmd->add_option("--workers", opts->server.workers, "worker threads for database work")->capture_default_str();
    cmd->add_option("--max-connections", opts->server.max_connections, "connection cap")->capture_default_str();
    cmd->add_option("--db-pool", opts->db.readers, "database reader connections")->capture_default_str();
    cmd->add_flag("--demo", opts->seed_demo, "seed the demo site into an empty database");
    opts->demo_cases = 150;
    opts->demo_repairs = 80;
    cmd->add_option("--demo-repairs", opts->demo_repairs, "with --demo: past repair jobs to add")
        ->capture_default_str()
        ->check(CLI::Range(int64_t{0}, int64_t{100'000}));
    cmd->add_option("--demo-cases", opts->demo_cases, "with --demo: past desk cases to add")
        ->capture_default_str()
        ->check(CLI::Range(int64_t{0}, int64_t{100'000}));
    cmd->add_flag("--secure-cookies", opts->secure_cookies, "mark the session cookie Secure (behind TLS)");
    cmd->callback([flags, opts] {
        opts->db_url = flags->resolve();
        App app(*opts);
        uint16_t port = app.start();
        spdlog::info("PropDesk listening on http://{}:{}", opts->server.address, port);
        app.run();
        spdlog::info("stopped");
    });
}

void add_migrate(CLI::App& cli) {
    auto* cmd = cli.add_subcommand("migrate", "Apply database migrations and exit");
    auto flags = std::make_shared<DbFlag>();
    add_db_flags(cmd, *flags);
    cmd->callback([flags] {
        auto db = db::open(flags->resolve());
        int n = db::migrate(*db, SystemClock{}.now_ms());
        std::cout << "applied " << n << " migration(s)\n";
    });
}

}  // namespace

void add_user_command(CLI::App& cli);        // cli_user.cpp
void add_import_command(CLI::App& cli);      // cli_import.cpp
void add_backup_command(CLI::App& cli);      // cli_backup.cpp
void add_seed_cases_command(CLI::App& cli);  // cli_ops.cpp

void add_commands(CLI::App& cli) {
    add_serve(cli);
    add_migrate(cli);
    add_user_command(cli);
    add_import_command(cli);
    add_backup_command(cli);
    add_seed_cases_command(cli);
    add_gate_sim_command(cli);
}

int exit_code() {
    return g_exit_code;
}

}  // namespace propdesk::app
