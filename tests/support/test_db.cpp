#include "support/test_db.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "platform/db/migrations.hpp"

namespace propdesk::testing {
namespace {

class SqliteTestDatabase final : public TestDatabase {
  public:
    SqliteTestDatabase() {
        static std::atomic<int> counter{0};
        dir_ = std::filesystem::temp_directory_path() /
               ("propdesk-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
        std::filesystem::create_directories(dir_);
        url_ = "sqlite:" + (dir_ / "test.db").string();
    }
    ~SqliteTestDatabase() override {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    const std::string& url() const override { return url_; }
    db::Backend backend() const override { return db::Backend::sqlite; }

  private:
    std::filesystem::path dir_;
    std::string url_;
};

}  // namespace

std::unique_ptr<TestDatabase> make_postgres_test_database();  // test_db_postgres.cpp

std::unique_ptr<TestDatabase> make_test_database(db::Backend backend) {
    if (backend == db::Backend::sqlite) return std::make_unique<SqliteTestDatabase>();
    return make_postgres_test_database();
}

std::unique_ptr<db::Db> open_migrated(const TestDatabase& t) {
    auto d = db::open(t.url(), db::Options{.readers = 2});
    db::migrate(*d, 0);
    return d;
}

std::vector<db::Backend> test_backends() {
    std::vector<db::Backend> out{db::Backend::sqlite};
    const char* pg = std::getenv("PROPDESK_TEST_PG_URL");
    const char* require = std::getenv("PROPDESK_REQUIRE_PG");
    if (pg && *pg) {
        out.push_back(db::Backend::postgres);
    } else if (require && std::string(require) == "1") {
        throw std::runtime_error("PROPDESK_REQUIRE_PG=1 but PROPDESK_TEST_PG_URL is not set");
    }
    return out;
}

std::string backend_name(db::Backend b) {
    return b == db::Backend::sqlite ? "sqlite" : "postgres";
}

}  // namespace propdesk::testing
