// docs/openapi.yaml and the route table agree: every route the server registers is documented,
// and the document describes no operation that no route serves.
//
// The document is read with a line scanner, not a YAML library, so it relies on the layout rule
// stated at the top of docs/openapi.yaml: under `paths:`, a path key sits at exactly two spaces
// and its operations at exactly four.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "platform/http/metrics.hpp"
#include "support/test_db.hpp"

namespace propdesk::testing {
namespace {

constexpr const char* kOpenApiPath = PROPDESK_SOURCE_DIR "/docs/openapi.yaml";

// "GET /api/v1/sites/{id}" for every route, built exactly as the server builds its table.
std::set<std::string> registered_operations() {
    auto database = make_test_database(db::Backend::sqlite);
    auto db = open_migrated(*database);
    SystemClock clock;
    Context ctx{*db, clock};
    http::Metrics metrics;
    http::Authenticator authenticate = [](http::Request&, const http::Route&) {};
    http::Router router;
    app::register_all_routes(router, ctx, metrics, authenticate);
    std::set<std::string> out;
    for (const auto& route : router.routes()) out.insert(route.method + " " + route.pattern);
    return out;
}

struct Documented {
    std::set<std::string> operations;     // "GET /api/v1/sites/{id}"
    std::vector<std::string> duplicates;  // a path or an operation written twice
};

Documented documented_operations(std::istream& in) {
    static const std::regex top_level(R"(^\S.*$)");
    static const std::regex path_key(R"(^  (/\S*):\s*$)");
    static const std::regex operation(R"(^    (get|post|put|patch|delete|head|options):.*$)");
    Documented doc;
    std::set<std::string> paths;
    bool in_paths = false;
    std::string current_path;
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (std::regex_match(line, top_level)) {
            if (line.starts_with("#")) continue;
            in_paths = line.starts_with("paths:");
            current_path.clear();
            continue;
        }
        if (!in_paths) continue;
        if (std::regex_match(line, m, path_key)) {
            current_path = m[1];
            if (!paths.insert(current_path).second) doc.duplicates.push_back(current_path);
        } else if (line.size() > 2 && line[0] == ' ' && line[1] == ' ' && line[2] != ' ' && line[2] != '#') {
            current_path.clear();  // something at path depth that is not a path, such as an extension
        } else if (!current_path.empty() && std::regex_match(line, m, operation)) {
            std::string method = m[1];
            for (auto& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            std::string op = method + " " + current_path;
            if (!doc.operations.insert(op).second) doc.duplicates.push_back(op);
        }
    }
    return doc;
}

TEST(OpenApi, ScannerReadsPathsAndOperationsOnly) {
    std::istringstream yaml(
        "# a comment\n"
        "openapi: 3.0.3\n"
        "paths:\n"
        "  /api/v1/sites/{id}:\n"
        "    parameters:\n"
        "      - $ref: '#/components/parameters/Id'\n"
        "    get:\n"
        "      summary: A site\n"
        "    patch:\n"
        "      summary: Update a site\n"
        "  /healthz:\n"
        "    get:\n"
        "      responses: {}\n"
        "components:\n"
        "  /not-a-path:\n"
        "    get:\n"
        "      summary: outside paths\n");
    auto doc = documented_operations(yaml);
    EXPECT_EQ(doc.operations,
              (std::set<std::string>{"GET /api/v1/sites/{id}", "PATCH /api/v1/sites/{id}", "GET /healthz"}));
    EXPECT_TRUE(doc.duplicates.empty());
}

TEST(OpenApi, DocumentsEveryRouteAndNoOther) {
    std::ifstream file(kOpenApiPath);
    ASSERT_TRUE(file) << "cannot read " << kOpenApiPath;
    auto doc = documented_operations(file);
    auto routes = registered_operations();
    ASSERT_FALSE(routes.empty());

    for (const auto& d : doc.duplicates) ADD_FAILURE() << "written twice in docs/openapi.yaml: " << d;
    for (const auto& r : routes) {
        if (!doc.operations.count(r)) ADD_FAILURE() << "route missing from docs/openapi.yaml: " << r;
    }
    for (const auto& d : doc.operations) {
        if (routes.count(d)) continue;
        // The router answers HEAD for every GET route, so a documented HEAD needs only the GET.
        if (d.starts_with("HEAD ") && routes.count("GET " + d.substr(5))) continue;
        ADD_FAILURE() << "documented in docs/openapi.yaml but no route serves it: " << d;
    }
}

// A single-quoted YAML scalar ends at its first lone quote: "the stay's car park" inside one cut a
// description short and made the whole document unreadable to YAML tools (swagger, codegen).
TEST(OpenApi, EverySingleQuotedValueDoublesItsQuotes) {
    std::ifstream file(kOpenApiPath);
    ASSERT_TRUE(file) << "cannot read " << kOpenApiPath;
    std::string line;
    int number = 0;
    while (std::getline(file, line)) {
        ++number;
        auto colon = line.find(": '");
        auto dash = line.find("- '");
        size_t start = colon != std::string::npos ? colon + 3 : std::string::npos;
        if (start == std::string::npos && dash != std::string::npos && line.find_first_not_of(' ') == dash)
            start = dash + 3;
        if (start == std::string::npos || line.size() <= start || line.back() != '\'') continue;
        std::string inner = line.substr(start, line.size() - start - 1);
        for (size_t i = 0; i < inner.size(); ++i) {
            if (inner[i] != '\'') continue;
            if (i + 1 < inner.size() && inner[i + 1] == '\'') {
                ++i;
                continue;
            }
            ADD_FAILURE() << "docs/openapi.yaml:" << number << ": a lone ' inside a single-quoted value (write '')";
            break;
        }
    }
}

}  // namespace
}  // namespace propdesk::testing
