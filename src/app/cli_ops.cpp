// Operator commands: user add, import units|residents, backup.
#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli.hpp"
#include "app/progress.hpp"
#include "desk/sample_cases.hpp"
#include "org/import.hpp"
#include "org/json.hpp"
#include "org/rules.hpp"
#include "org/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/rules.hpp"
#include "platform/db/migrations.hpp"
#include "platform/db/sqlite_backup.hpp"
#include "repair/sample_repairs.hpp"

namespace propdesk::app {

void set_exit_code(int code);  // cli.cpp
std::string resolve_db_url(const std::string& url, const std::string& data_dir);

namespace {

std::string read_password_from_terminal(const char* prompt) {
    std::cerr << prompt << std::flush;
    termios old{};
    bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::cerr << "\n";
    }
    return line;
}

struct UserAdd {
    std::string db_url, data_dir = "data", login, name, password, role;
    int64_t site_id = 0;
    bool admin = false;
};

void user_add(const UserAdd& o) {
    if (auto p = org::rules::login_problem(o.login)) throw std::runtime_error(*p);
    std::string password = o.password.empty() ? read_password_from_terminal("Password: ") : o.password;
    if (auto p = auth::password_problem(password, o.login)) throw std::runtime_error(*p);
    if (!o.admin && (o.role.empty() || o.site_id == 0)) throw std::runtime_error("give --admin, or --site and --role");
    if (!o.role.empty() && (!auth::parse_role(o.role) || o.role == "system_admin"))
        throw std::runtime_error("unknown role: " + o.role + " (a system admin is made with --admin)");
    auto db = db::open(resolve_db_url(o.db_url, o.data_dir));
    EpochMs now = SystemClock{}.now_ms();
    db::migrate(*db, now);
    auth::init_crypto();
    std::string hash = auth::hash_password(password);
    int64_t id = db->write_value([&](db::Conn& c) {
        if (c.one("SELECT id FROM users WHERE login = $1", o.login))
            throw std::runtime_error("login " + o.login + " is taken");
        org::Staff s;
        s.login = o.login;
        s.name = o.name.empty() ? o.login : o.name;
        s.language = "zh-TW";
        s.system_admin = o.admin;
        if (!o.role.empty()) {
            if (!org::store::get_site(c, o.site_id)) throw std::runtime_error("no site " + std::to_string(o.site_id));
            s.roles.push_back({o.site_id, o.role, std::nullopt});
        }
        s.stamp = {1, now, now};
        s.id = org::store::insert_staff(c, s, hash, now);
        audit::append(c, audit::Actor::system(), now,
                      {std::nullopt, "user", s.id, "create", std::nullopt, org::json::text(org::json::staff(s))});
        return s.id;
    });
    std::cout << "created user " << o.login << " (id " << id << ")\n";
}

struct ImportOpts {
    std::string db_url, data_dir = "data", file;
    int64_t site_id = 0;
};

void run_import(const ImportOpts& o, org::import::Kind kind) {
    std::ifstream in(o.file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + o.file);
    std::stringstream ss;
    ss << in.rdbuf();
    auto db = db::open(resolve_db_url(o.db_url, o.data_dir));
    EpochMs now = SystemClock{}.now_ms();
    db::migrate(*db, now);
    if (!db->read_value([&](db::Conn& c) { return org::store::get_site(c, o.site_id).has_value(); }))
        throw std::runtime_error("no site " + std::to_string(o.site_id));
    ProgressBar bar(kind == org::import::Kind::units ? "units" : "residents");
    auto outcome = org::import::run(*db, kind, o.site_id, ss.str(), now, std::nullopt, "cli",
                                    [&](size_t done, size_t total) { bar.update(done, total); });
    bar.finish();
    if (!outcome.errors.empty()) {
        std::cerr << o.file << ": " << outcome.errors.size() << " bad row(s); nothing was imported\n";
        for (const auto& e : outcome.errors)
            std::cerr << "  line " << e.line << (e.field.empty() ? "" : ", " + e.field) << ": " << e.message << "\n";
        set_exit_code(1);
        return;
    }
    std::cout << "imported " << outcome.imported << " row(s)\n";
}

}  // namespace

void add_user_command(CLI::App& cli) {
    auto* user = cli.add_subcommand("user", "Manage staff accounts");
    user->require_subcommand(1);
    auto* add = user->add_subcommand("add", "Create a staff account (the first admin of a real install)");
    auto o = std::make_shared<UserAdd>();
    add->add_option("--db", o->db_url, "sqlite:PATH or postgresql://…");
    add->add_option("--data", o->data_dir, "data directory")->capture_default_str();
    add->add_option("--login", o->login, "login name")->required();
    add->add_option("--name", o->name, "display name");
    add->add_option("--password", o->password, "password (prompted for when left out)");
    add->add_flag("--admin", o->admin, "system administrator");
    add->add_option("--site", o->site_id, "site id for --role");
    add->add_option("--role", o->role, "role in that site, e.g. front_desk");
    add->callback([o] { user_add(*o); });
}

void add_import_command(CLI::App& cli) {
    auto* imp = cli.add_subcommand("import", "Import units or residents from CSV: every row or none");
    imp->require_subcommand(1);
    for (auto [name, kind] :
         {std::pair{"units", org::import::Kind::units}, std::pair{"residents", org::import::Kind::residents}}) {
        auto* cmd = imp->add_subcommand(name, std::string("Import ") + name + " (see docs/operations.md for columns)");
        auto o = std::make_shared<ImportOpts>();
        cmd->add_option("FILE", o->file, "CSV file, UTF-8")->required();
        cmd->add_option("--site", o->site_id, "site id")->required();
        cmd->add_option("--db", o->db_url, "sqlite:PATH or postgresql://…");
        cmd->add_option("--data", o->data_dir, "data directory")->capture_default_str();
        cmd->callback([o, kind = kind] { run_import(*o, kind); });
    }
}

void add_backup_command(CLI::App& cli) {
    auto* cmd = cli.add_subcommand("backup", "Online backup of the SQLite database to FILE");
    auto dest = std::make_shared<std::string>();
    auto db_url = std::make_shared<std::string>();
    auto data_dir = std::make_shared<std::string>("data");
    cmd->add_option("FILE", *dest, "where to write the copy")->required();
    cmd->add_option("--db", *db_url, "sqlite:PATH");
    cmd->add_option("--data", *data_dir, "data directory")->capture_default_str();
    cmd->callback([dest, db_url, data_dir] {
        std::string url = resolve_db_url(*db_url, *data_dir);
        if (!url.starts_with("sqlite:"))
            throw std::runtime_error("backup copies SQLite databases; for PostgreSQL use pg_dump (docs/operations.md)");
        ProgressBar bar("backup");
        db::sqlite_backup(url.substr(7), *dest, [&](int done, int total) { bar.update(done, total); });
        bar.finish();
        std::cout << "backed up to " << *dest << "\n";
    });
}

namespace {

// Benchmarks need a long history: `propdesk seed-cases --count 1000000`, `seed-repairs …`. The
// options type has site_id, count, days, seed, first_index and total; insert adds one batch.
template <class Options>
void add_seed_command(CLI::App& cli,
                      const char* name,
                      const char* description,
                      const char* noun,
                      int64_t (*insert)(db::Conn&, const Options&, EpochMs)) {
    auto* cmd = cli.add_subcommand(name, description);
    auto opts = std::make_shared<Options>();
    auto db_url = std::make_shared<std::string>();
    auto data_dir = std::make_shared<std::string>("data");
    cmd->add_option("--count", opts->count, std::string("how many ") + noun)
        ->required()
        ->check(CLI::Range(int64_t{1}, int64_t{100'000'000}));
    cmd->add_option("--site", opts->site_id, "site id")->capture_default_str();
    cmd->add_option("--days", opts->days, "spread over this many past days")
        ->capture_default_str()
        ->check(CLI::Range(1, 3650));
    cmd->add_option("--seed", opts->seed, "random seed (same seed, same records)")->capture_default_str();
    cmd->add_option("--db", *db_url, "sqlite:PATH or postgresql://…");
    cmd->add_option("--data", *data_dir, "data directory")->capture_default_str();
    cmd->callback([opts, db_url, data_dir, name, noun, insert] {
        auto db = db::open(resolve_db_url(*db_url, *data_dir));
        db::migrate(*db, SystemClock{}.now_ms());
        EpochMs now = SystemClock{}.now_ms();
        constexpr int64_t kBatch = 20'000;  // one transaction (and one fsync) per batch
        ProgressBar bar(name);
        for (int64_t done = 0; done < opts->count; done += kBatch) {
            Options batch = *opts;
            batch.count = std::min(kBatch, opts->count - done);
            batch.seed = opts->seed * 1'000'003 + static_cast<uint64_t>(done);
            batch.first_index = done;
            batch.total = opts->count;
            db->write([&](db::Conn& c) { insert(c, batch, now); });
            bar.update(static_cast<size_t>(done + batch.count), static_cast<size_t>(opts->count));
        }
        bar.finish();
        std::cout << "added " << opts->count << " " << noun << " to site " << opts->site_id << "\n";
    });
}

}  // namespace

void add_seed_cases_command(CLI::App& cli) {
    add_seed_command<desk::SampleOptions>(cli, "seed-cases",
                                          "Add made-up past desk cases to a site (for benchmarks and trials)", "cases",
                                          desk::insert_sample_cases);
    add_seed_command<repair::SampleOptions>(
        cli, "seed-repairs",
        "Add made-up past repair jobs (and their desk cases) to a site (for benchmarks and trials)", "repair jobs",
        repair::insert_sample_repairs);
}

}  // namespace propdesk::app
