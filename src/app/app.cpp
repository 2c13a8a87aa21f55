#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "app/demo_seed.hpp"
#include "desk/overdue_job.hpp"
#include "desk/sample_cases.hpp"
#include "parking/feed.hpp"
#include "parking/peak_job.hpp"
#include "platform/auth/authenticate.hpp"
#include "platform/auth/cleanup_job.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/db/migrations.hpp"
#include "platform/http/request_target.hpp"
#include "platform/idempotency/idempotency.hpp"
#include "platform/jobs/runner.hpp"
#include "platform/notify/api.hpp"
#include "platform/notify/notify.hpp"
#include "repair/arrival_job.hpp"
#include "repair/sample_repairs.hpp"

namespace propdesk::app {

struct App::Parts {
    AppOptions options;
    SystemClock system_clock;
    std::unique_ptr<db::Db> db;
    std::unique_ptr<Context> ctx;
    http::Router router;
    http::Metrics metrics;
    std::unique_ptr<http::Pipeline> pipeline;
    std::unique_ptr<http::Server> server;
    std::unique_ptr<jobs::Runner> jobs;
    http::LiveHub hub;
    std::unique_ptr<notify::Dispatcher> dispatcher;
    std::unique_ptr<parking::GateFeed> gate_feed;
};

App::App(AppOptions options) : parts_(std::make_unique<Parts>()) {
    auto& p = *parts_;
    p.options = std::move(options);
    auth::init_crypto();
    const Clock& clock = p.options.clock ? *p.options.clock : p.system_clock;
    p.db = db::open(p.options.db_url, p.options.db);
    int applied = db::migrate(*p.db, clock.now_ms());
    if (applied > 0) spdlog::info("applied {} migration(s)", applied);
    if (p.options.seed_demo && seed_demo_if_empty(*p.db, clock)) {
        if (p.options.demo_cases > 0) {
            desk::SampleOptions sample{.site_id = 1, .count = p.options.demo_cases, .days = 60, .with_timeline = true};
            p.db->write([&](db::Conn& c) { desk::insert_sample_cases(c, sample, clock.now_ms()); });
        }
        p.db->write([&](db::Conn& c) { seed_demo_repairs(c, p.options.demo_repairs, clock.now_ms()); });
        p.db->write([&](db::Conn& c) { seed_demo_parking(c, clock.now_ms()); });
        spdlog::info("seeded the demo site");
    }
    p.ctx = std::make_unique<Context>(Context{*p.db, clock, p.options.sessions, p.options.secure_cookies});
    p.dispatcher = std::make_unique<notify::Dispatcher>(*p.db, p.hub);
    p.ctx->notify_changed = [d = p.dispatcher.get()] { d->wake(); };
    p.gate_feed = std::make_unique<parking::GateFeed>(*p.db, p.hub);
    p.ctx->gate_changed = [f = p.gate_feed.get()](int64_t event_id) { f->wake(event_id); };

    auto authenticate = auth::make_authenticator(*p.ctx);
    register_all_routes(p.router, *p.ctx, p.metrics, authenticate);

    std::optional<http::StaticFiles> files;
    if (!p.options.web_dir.empty() && std::filesystem::exists(p.options.web_dir)) files.emplace(p.options.web_dir);
    http::PipelineConfig pipeline_config;
    db::Db* database = p.db.get();
    pipeline_config.find_kept = [database](int64_t user, const std::string& key) {
        auto kept = database->read_value([&](db::Conn& c) { return idempotency::find(c, user, key); });
        return kept ? std::optional(http::KeptResponse{kept->route, kept->body_hash, kept->status, kept->response_body})
                    : std::nullopt;
    };
    pipeline_config.keep = [database, clk = &clock](int64_t user, const std::string& key, const http::KeptResponse& r) {
        database->write([&](db::Conn& c) {
            idempotency::save(c, user, key, {r.path, r.body_hash, r.status, r.body}, clk->now_ms());
        });
    };
    p.pipeline = std::make_unique<http::Pipeline>(p.router, authenticate, std::move(files), pipeline_config);
    p.options.server.websocket_path = notify::kEventsPath;
    p.server = std::make_unique<http::Server>(p.options.server, *p.pipeline, p.metrics, &p.hub);
    p.jobs = std::make_unique<jobs::Runner>(*p.db, clock, p.metrics, "server-" + http::new_request_id());
    p.jobs->add(auth::session_cleanup_job(p.options.sessions));
    auto notify_changed = [ctx = p.ctx.get()] { ctx->notify_changed(); };
    p.jobs->add(desk::overdue_job(notify_changed));
    p.jobs->add(repair::missed_arrival_job(notify_changed));
    p.jobs->add(parking::peak_job(notify_changed));
    p.jobs->add(jobs::Job{"idempotency_cleanup", 3600'000, 60'000, [](db::Db& db, EpochMs now) {
                              // A retry comes within minutes; a day of keys is plenty.
                              db.write([&](db::Conn& c) { idempotency::delete_older_than(c, now - 24 * 3600'000); });
                          }});

    db::Db* dbp = p.db.get();
    http::Server* server = p.server.get();
    p.metrics.gauge("propdesk_db_readers_in_use", "Database reader connections in use.",
                    [dbp] { return dbp->stats().readers_in_use; });
    p.metrics.gauge("propdesk_db_readers_total", "Database reader connections.",
                    [dbp] { return dbp->stats().readers_total; });
    p.metrics.gauge("propdesk_db_writes_committed", "Write transactions committed since start.",
                    [dbp] { return static_cast<double>(dbp->stats().writes_committed); });
    p.metrics.gauge("propdesk_db_write_batches", "Group commits (fsyncs) since start.",
                    [dbp] { return static_cast<double>(dbp->stats().write_batches); });
    p.metrics.gauge("propdesk_db_write_queue_depth", "Write transactions waiting for the writer.",
                    [dbp] { return dbp->stats().write_queue_depth; });
    p.metrics.gauge("propdesk_workers_busy", "Worker threads running a request.",
                    [server] { return server->pool().busy(); });
    p.metrics.gauge("propdesk_workers_queued", "Requests waiting for a worker.",
                    [server] { return server->pool().queued(); });
    p.metrics.gauge("propdesk_workers_rejected", "Requests refused with 503 because the queue was full.",
                    [server] { return static_cast<double>(server->pool().rejected()); });
    http::LiveHub* hub = &p.hub;
    p.metrics.gauge("propdesk_live_connections", "Open live-event WebSockets.", [hub] { return hub->connections(); });
    p.metrics.gauge("propdesk_http_connections", "Open HTTP connections.", [server] { return server->connections(); });
}

App::~App() = default;

uint16_t App::start() {
    uint16_t port = parts_->server->start();
    if (parts_->options.run_jobs) parts_->jobs->start();
    parts_->dispatcher->start();
    parts_->gate_feed->start();
    return port;
}

void App::run() {
    parts_->server->run();
    parts_->jobs->stop();
    parts_->dispatcher->stop();
    parts_->gate_feed->stop();
}

void App::stop() {
    parts_->server->stop();
}
db::Db& App::db() {
    return *parts_->db;
}
const http::Router& App::router() const {
    return parts_->router;
}
Context& App::context() {
    return *parts_->ctx;
}
jobs::Runner& App::jobs() {
    return *parts_->jobs;
}
http::LiveHub& App::live_hub() {
    return parts_->hub;
}

}  // namespace propdesk::app
