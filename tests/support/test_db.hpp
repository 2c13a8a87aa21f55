// Fresh, empty, migrated databases for storage and API tests, on every backend the run has.
// SQLite is always there. PostgreSQL is there when PROPDESK_TEST_PG_URL names a server
// (./dev test starts its own cluster and sets it); PROPDESK_REQUIRE_PG=1 makes its absence a failure.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "platform/db/db.hpp"

namespace propdesk::testing {

class TestDatabase {
  public:
    virtual ~TestDatabase() = default;
    virtual const std::string& url() const = 0;  // what `propdesk serve --db` would take
    virtual db::Backend backend() const = 0;
};

// A new empty database on that backend; dropped when the object goes.
std::unique_ptr<TestDatabase> make_test_database(db::Backend backend);
// Opened and migrated.
std::unique_ptr<db::Db> open_migrated(const TestDatabase& t);

std::vector<db::Backend> test_backends();
std::string backend_name(db::Backend b);

}  // namespace propdesk::testing
