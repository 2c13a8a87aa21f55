// The server assembled: database, routes of every module, pipeline, listener.
// main.cpp runs it; API tests start one in-process on an ephemeral port.
#pragma once

#include <memory>
#include <string>

#include "platform/context.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "platform/http/server.hpp"

namespace propdesk::jobs {
class Runner;
}

namespace propdesk::app {

struct AppOptions {
    std::string db_url = "sqlite:data/propdesk.db";
    std::string web_dir;  // built web app; empty serves no static files
    http::ServerConfig server{};
    db::Options db{};
    auth::SessionPolicy sessions{};
    bool secure_cookies = false;
    bool seed_demo = false;        // seed the demo site when the database has no site yet
    int64_t demo_cases = 0;        // with the demo site: this many past desk cases (serve --demo: 150)
    int64_t demo_repairs = 0;      // with the demo site: this many past repair jobs (serve --demo: 80)
    const Clock* clock = nullptr;  // tests inject one; default is the system clock
    bool run_jobs = true;          // background jobs; tests drive them with jobs().run_due()
};

class App {
  public:
    explicit App(AppOptions options);
    ~App();
    uint16_t start();
    void run();
    void stop();

    db::Db& db();
    const http::Router& router() const;
    Context& context();
    jobs::Runner& jobs();
    http::LiveHub& live_hub();

  private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

// Every module's routes; the one list a new module adds itself to.
void register_all_routes(http::Router& router,
                         Context& ctx,
                         http::Metrics& metrics,
                         const http::Authenticator& authenticate);

}  // namespace propdesk::app
