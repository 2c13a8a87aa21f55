// A fresh, empty PostgreSQL database per test on the server PROPDESK_TEST_PG_URL names.
//
// Each is CREATE DATABASE … TEMPLATE template0 STRATEGY FILE_COPY. Measured on a
// tools/pg-cluster cluster (fsync=off, data on tmpfs, 2 cores): FILE_COPY 12-14 ms per
// database, PostgreSQL 15's default WAL_LOG 24 ms; DROP about 10 ms. FILE_COPY's
// checkpoints cost little with fsync off. (On this machine's ext4 disk every variant took
// 100-300 ms, which is why pg-cluster puts the data on tmpfs.)
//
// No template is cached: callers get an empty database (the migration tests apply
// migrations themselves), and gtest_discover_tests runs each test in its own process, so
// a per-process cache would rarely be hit. A pre-migrated template kept in the cluster,
// keyed by a hash of the migrations, could save open_migrated() its ~30 ms migrate.
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "support/test_db.hpp"

namespace propdesk::testing {
namespace {

std::string base_url() {
    const char* url = std::getenv("PROPDESK_TEST_PG_URL");
    if (!url || !*url) throw std::runtime_error("PROPDESK_TEST_PG_URL is not set");
    return url;
}

// postgresql://user@host:port/postgres?x=y  ->  postgresql://user@host:port/NAME?x=y
std::string with_database(const std::string& url, const std::string& name) {
    size_t scheme = url.find("://");
    if (scheme == std::string::npos) throw std::runtime_error("PROPDESK_TEST_PG_URL must be a postgresql:// URL");
    size_t path = url.find_first_of("/?", scheme + 3);
    if (path == std::string::npos) return url + "/" + name;
    size_t query = url.find('?', path);
    std::string rest = query == std::string::npos ? "" : url.substr(query);
    return url.substr(0, path) + "/" + name + rest;
}

// One server connection per process does every CREATE and DROP; tests may make databases
// from several threads, and a libpq connection serves one at a time.
class Admin {
  public:
    void exec(const std::string& sql) { query(sql, PGRES_COMMAND_OK); }

    void drop(const std::string& name) {
        // DROP … WITH (FORCE) looks again for sessions only every 100 ms, and the test's
        // just-closed connections are usually still exiting: waiting here takes a few ms.
        for (int i = 0; i < 200 && sessions_on(name) > 0; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

  private:
    int sessions_on(const std::string& name) {
        return std::stoi(
            query("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '" + name + "'", PGRES_TUPLES_OK));
    }

    // Returns the first field of the first row, if any.
    std::string query(const std::string& sql, ExecStatusType expected) {
        std::lock_guard lock(mu_);
        if (!conn_ || PQstatus(conn_) != CONNECTION_OK) connect();
        PGresult* res = PQexec(conn_, sql.c_str());
        bool ok = PQresultStatus(res) == expected;
        std::string out = !ok ? PQresultErrorMessage(res) : PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "";
        PQclear(res);
        if (!ok) throw std::runtime_error(sql + ": " + out);
        return out;
    }

    void connect() {
        if (conn_) PQfinish(conn_);
        conn_ = PQconnectdb(base_url().c_str());
        if (PQstatus(conn_) != CONNECTION_OK) {
            std::string msg = PQerrorMessage(conn_);
            PQfinish(conn_);
            conn_ = nullptr;
            throw std::runtime_error("cannot connect to PROPDESK_TEST_PG_URL: " + msg);
        }
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);
    }

    std::mutex mu_;
    PGconn* conn_ = nullptr;  // left open at exit: the server cleans up after us
};

Admin& admin() {
    static Admin* a = new Admin;  // never destroyed, so databases dropped during static teardown still work
    return *a;
}

class PostgresTestDatabase final : public TestDatabase {
  public:
    PostgresTestDatabase() {
        static std::atomic<int> counter{0};
        name_ = "pdt_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
        // A database of this name can only be left over from a dead process that had our pid.
        admin().exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        admin().exec("CREATE DATABASE " + name_ + " TEMPLATE template0 ENCODING 'UTF8' STRATEGY FILE_COPY");
        url_ = with_database(base_url(), name_);
    }
    ~PostgresTestDatabase() override {
        try {
            admin().drop(name_);
        } catch (const std::exception& e) {
            std::cerr << "warning: could not drop test database " << name_ << ": " << e.what() << "\n";
        }
    }
    const std::string& url() const override { return url_; }
    db::Backend backend() const override { return db::Backend::postgres; }

  private:
    std::string name_;
    std::string url_;
};

}  // namespace

std::unique_ptr<TestDatabase> make_postgres_test_database() {
    return std::make_unique<PostgresTestDatabase>();
}

}  // namespace propdesk::testing
