// A real PropDesk server on 127.0.0.1 with an ephemeral port, on a fresh database of the given
// backend seeded with the demo site, and a small HTTP client with a cookie jar.
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/app.hpp"
#include "support/test_db.hpp"

namespace propdesk::testing {

struct HttpResult {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names
    boost::json::value json() const;
    std::string header(const std::string& lower_name) const;
    // The "error.code" of an error body, or "" when there is none.
    std::string error_code() const;
    std::string error_field() const;
};

class HttpClient {
  public:
    explicit HttpClient(uint16_t port) : port_(port) {}
    HttpResult request(const std::string& method,
                       const std::string& target,
                       const std::string& body = "",
                       const std::map<std::string, std::string>& headers = {});
    HttpResult get(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
        return request("GET", target, "", headers);
    }
    HttpResult post(const std::string& target,
                    const std::string& body,
                    const std::map<std::string, std::string>& headers = {}) {
        return request("POST", target, body, headers);
    }
    HttpResult patch(const std::string& target, const std::string& body, int64_t version) {
        return request("PATCH", target, body, {{"If-Match", "\"" + std::to_string(version) + "\""}});
    }
    HttpResult put(const std::string& target,
                   const std::string& body,
                   const std::map<std::string, std::string>& headers = {}) {
        return request("PUT", target, body, headers);
    }
    HttpResult del(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
        return request("DELETE", target, "", headers);
    }
    // Signs in (password propdesk-demo unless given) and keeps the session cookie.
    HttpResult login(const std::string& login, const std::string& password = "propdesk-demo");
    void forget_cookies() { cookies_.clear(); }
    std::string cookie_header() const;
    // Raw bytes in, raw response out: for malformed requests.
    std::string raw(const std::string& bytes);
    uint16_t port() const { return port_; }

  private:
    uint16_t port_;
    std::map<std::string, std::string> cookies_;
};

class TestServer {
  public:
    explicit TestServer(db::Backend backend,
                        const Clock* clock = nullptr,
                        bool seed_demo = true,
                        const std::string& web_dir = "",
                        const std::function<void(app::AppOptions&)>& tweak = {});
    // Starts the graceful shutdown and waits for it; the destructor does the same.
    void stop();
    ~TestServer();
    uint16_t port() const { return port_; }
    HttpClient client() const { return HttpClient(port_); }
    // A client signed in as that user (password propdesk-demo unless given); a refused sign-in throws.
    HttpClient signed_in(const std::string& login, const std::string& password = "propdesk-demo") const;
    db::Db& db() { return app_->db(); }
    const app::App& app() const { return *app_; }
    const std::string& db_url() const { return database_->url(); }
    // Rows in a table, to show a refused request changed nothing.
    int64_t count(const std::string& table);

  private:
    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<app::App> app_;
    std::thread thread_;
    uint16_t port_ = 0;
};

// Sends only a request head (no body) to 127.0.0.1:port and reads what comes back until the server
// closes or five seconds pass: a server that checks Content-Length against the route's limit
// answers at once. The status line, headers and body are parsed from the raw bytes.
HttpResult send_head_only(uint16_t port, const std::string& head);

// Ids in the demo site: the site is 1; names are looked up once.
struct DemoIds {
    int64_t site = 1;
    int64_t first_unit = 0;
    int64_t first_resident = 0;
    int64_t first_building = 0;
    int64_t first_area = 0;
};
DemoIds demo_ids(TestServer& s);

}  // namespace propdesk::testing
