#include "platform/http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <list>
#include <thread>

#include "platform/http/request_target.hpp"

namespace propdesk::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

namespace {

struct Connection {
    explicit Connection(tcp::socket s) : stream(std::move(s)) {}
    beast::tcp_stream stream;
    // After an upgrade the socket lives here instead of in `stream`.
    std::optional<websocket::stream<beast::tcp_stream>> ws;
    bool in_request = false;  // touched only on the I/O thread
    void cancel() {
        if (ws)
            ws->next_layer().socket().cancel();
        else
            stream.socket().cancel();
    }
};

// Messages waiting for a WebSocket's single writer; touched only on the I/O thread.
struct Outbox {
    explicit Outbox(net::any_io_executor ex) : wake(ex) { wake.expires_at(net::steady_timer::time_point::max()); }
    std::deque<std::string> queue;
    net::steady_timer wake;
    bool closed = false;
};

}  // namespace

class Server::Impl {
  public:
    Impl(ServerConfig config, const Pipeline& pipeline, Metrics& metrics, LiveHub* hub)
        : config_(std::move(config)),
          pipeline_(pipeline),
          metrics_(metrics),
          hub_(hub),
          pool_(config_.workers, config_.max_queued),
          acceptor_(ioc_),
          signals_(ioc_) {}

    uint16_t start() {
        tcp::endpoint ep{net::ip::make_address(config_.address), config_.port};
        acceptor_.open(ep.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(ep);
        acceptor_.listen(net::socket_base::max_listen_connections);
        if (config_.handle_signals) {
            signals_.add(SIGINT);
            signals_.add(SIGTERM);
            signals_.async_wait([this](beast::error_code ec, int sig) {
                if (ec) return;
                spdlog::info("signal {}: finishing requests in flight, then stopping", sig);
                begin_shutdown();
            });
        }
        net::co_spawn(ioc_, accept_loop(this), net::detached);
        return acceptor_.local_endpoint().port();
    }

    void run() {
        // One I/O thread: handlers run on the worker pool, so the network side is rarely the limit,
        // and with one thread no connection needs a strand. (Boost 1.81's strands freed their state
        // while a timed-out Beast operation was still completing on them; ASan caught it.)
        ioc_.run();
        pool_.stop();
    }

    void stop() {
        net::post(ioc_, [this] { begin_shutdown(); });
    }

    WorkerPool& pool() { return pool_; }
    int connections() const { return connections_.load(); }

  private:
    void begin_shutdown() {
        if (stopping_.exchange(true)) return;
        beast::error_code ec;
        acceptor_.close(ec);
        signals_.cancel(ec);
        std::lock_guard lock(conns_mu_);
        for (auto& weak : conns_) {
            if (auto c = weak.lock()) {
                // Idle keep-alive connections are closed now; busy ones close after their response.
                net::post(c->stream.get_executor(), [c] {
                    if (c->ws || !c->in_request) c->cancel();
                });
            }
        }
        net::co_spawn(ioc_, wait_for_drain(this), net::detached);
    }

    static net::awaitable<void> wait_for_drain(Impl* self) {
        net::steady_timer timer(co_await net::this_coro::executor);
        auto deadline = std::chrono::steady_clock::now() + self->config_.shutdown_grace;
        while (self->connections_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
            timer.expires_after(std::chrono::milliseconds(20));
            co_await timer.async_wait(net::as_tuple(net::use_awaitable));
        }
        if (self->connections_.load() > 0)
            spdlog::warn("shutdown grace over with {} connections open", self->connections_.load());
        self->ioc_.stop();
    }

    static net::awaitable<void> accept_loop(Impl* self) {
        net::steady_timer backoff(co_await net::this_coro::executor);
        while (!self->stopping_) {
            auto [ec, socket] =
                co_await self->acceptor_.async_accept(self->ioc_.get_executor(), net::as_tuple(net::use_awaitable));
            if (ec == net::error::operation_aborted || self->stopping_) co_return;
            if (ec) {
                // Out of file descriptors (EMFILE/ENFILE) and the like: wait and keep accepting.
                spdlog::warn("accept failed: {}", ec.message());
                backoff.expires_after(std::chrono::milliseconds(50));
                co_await backoff.async_wait(net::as_tuple(net::use_awaitable));
                continue;
            }
            if (self->connections_.load() >= self->config_.max_connections) {
                self->metrics_.count("propdesk_http_connections_refused_total");
                beast::error_code ignore;
                socket.close(ignore);
                continue;
            }
            auto conn = std::make_shared<Connection>(std::move(socket));
            self->track(conn);
            auto ex = conn->stream.get_executor();
            net::co_spawn(ex, session(self, std::move(conn)), net::detached);
        }
    }

    void track(const std::shared_ptr<Connection>& c) {
        ++connections_;
        std::lock_guard lock(conns_mu_);
        conns_.remove_if([](const std::weak_ptr<Connection>& w) { return w.expired(); });
        conns_.push_back(c);
    }

    // Runs work (that must not throw) on the worker pool and resumes on the I/O thread.
    // nullopt means the pool was saturated.
    // GCC 12 destroys a capturing lambda twice when it is a temporary inside a co_await
    // expression, so every lambda near a co_await here is a named local.
    net::awaitable<std::optional<Response>> run_on_pool(std::function<Response()> work) {
        auto ex = co_await net::this_coro::executor;
        auto initiate = [this, &work, &ex](auto handler) {
            auto h = std::make_shared<decltype(handler)>(std::move(handler));
            // The worker hands its only reference to the handler over to the I/O thread, so the
            // handler (and the coroutine it resumes) is never released on a worker thread.
            bool queued = pool_.try_submit([work = std::move(work), h, ex]() mutable {
                std::optional<Response> r = work();
                net::post(ex, [h = std::move(h), r = std::move(r)]() mutable { (*h)(std::move(r)); });
            });
            if (!queued) net::post(ex, [h]() mutable { (*h)(std::optional<Response>{}); });
        };
        auto result = co_await net::async_initiate<decltype(net::use_awaitable), void(std::optional<Response>)>(
            initiate, net::use_awaitable);
        co_return result;
    }

    static net::awaitable<bool> write_response(
        Connection& c, const Request& req, Response r, bool keep_alive, std::chrono::milliseconds timeout) {
        bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), 11};
        res.set(bhttp::field::server, "propdesk");
        if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
        for (auto& [k, v] : r.headers) res.insert(k, v);
        res.body() = std::move(r.body);
        res.keep_alive(keep_alive);
        res.prepare_payload();
        if (req.method == "HEAD") res.body().clear();
        c.stream.expires_after(timeout);
        auto [ec, n] = co_await bhttp::async_write(c.stream, res, net::as_tuple(net::use_awaitable));
        co_return !ec;
    }

    static Response early_error(int status, const char* code, const char* message, const std::string& rid) {
        Response r = error_response(AppError(status, code, message), rid);
        add_security_headers(r, rid, true);
        return r;
    }

    static net::awaitable<void> session(Impl* self, std::shared_ptr<Connection> conn) {
        struct Untrack {
            Impl* self;
            ~Untrack() { --self->connections_; }
        } untrack{self};
        const auto& cfg = self->config_;
        beast::flat_buffer buffer;
        std::string remote;
        {
            beast::error_code ec;
            auto ep = conn->stream.socket().remote_endpoint(ec);
            if (!ec) remote = ep.address().to_string();
        }
        bool first = true;
        while (!self->stopping_) {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(cfg.header_limit));
            // No limit while reading the head: Beast would refuse a large Content-Length there, before the
            // route (whose own limit applies below) is known.
            parser.body_limit(boost::none);
            conn->stream.expires_after(first ? cfg.read_timeout : cfg.idle_timeout);
            first = false;
            auto [ec, n] =
                co_await bhttp::async_read_header(conn->stream, buffer, parser, net::as_tuple(net::use_awaitable));
            if (ec) {
                if (ec == bhttp::error::header_limit) {
                    Request none;
                    none.request_id = new_request_id();
                    co_await write_response(
                        *conn, none,
                        early_error(431, "headers_too_large", "request headers over 8 KiB", none.request_id), false,
                        cfg.write_timeout);
                } else if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout &&
                           ec != net::error::operation_aborted && ec != net::error::connection_reset &&
                           ec != net::error::eof) {
                    Request none;
                    none.request_id = new_request_id();
                    co_await write_response(*conn, none,
                                            early_error(400, "bad_request", "malformed HTTP request", none.request_id),
                                            false, cfg.write_timeout);
                }
                break;
            }
            conn->in_request = true;
            auto started = std::chrono::steady_clock::now();
            Request req;
            req.request_id = new_request_id();
            req.remote_address = remote;
            const auto& head = parser.get();
            req.method = std::string(head.method_string());
            req.target = std::string(head.target());
            for (const auto& f : head) {
                std::string name(f.name_string());
                for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                req.headers.emplace_back(std::move(name), std::string(f.value()));
            }
            bool target_ok = parse_request_target(req.target, req.path, req.query);
            Match match;
            if (target_ok) match = self->pipeline_.router().match(req.method, req.path);
            if (target_ok && self->hub_ && !cfg.websocket_path.empty() && req.path == cfg.websocket_path &&
                websocket::is_upgrade(parser.get())) {
                co_await upgrade(self, conn, req, match, parser.release());
                co_return;
            }
            size_t body_limit = match.route ? match.route->body_limit : kDefaultBodyLimit;
            parser.body_limit(body_limit);
            // Beast checks Content-Length against the limit while parsing the header, which ran with
            // the default; the route's own limit is checked here, before any body byte is read.
            if (auto declared = parser.content_length(); declared && *declared > body_limit) {
                co_await write_response(*conn, req,
                                        early_error(413, "body_too_large", "request body too large", req.request_id),
                                        false, cfg.write_timeout);
                self->metrics_.observe(req.method, match.route ? match.route->pattern : "unmatched", 413, 0);
                break;
            }
            if (!parser.is_done()) {
                conn->stream.expires_after(cfg.read_timeout);
                auto [rec, rn] =
                    co_await bhttp::async_read(conn->stream, buffer, parser, net::as_tuple(net::use_awaitable));
                if (rec == bhttp::error::body_limit) {
                    co_await write_response(
                        *conn, req, early_error(413, "body_too_large", "request body too large", req.request_id), false,
                        cfg.write_timeout);
                    self->metrics_.observe(req.method, match.route ? match.route->pattern : "unmatched", 413, 0);
                    break;
                }
                if (rec) break;
            }
            req.body = std::move(parser.get().body());
            bool keep_alive = parser.get().keep_alive();

            std::optional<Response> res;
            if (!target_ok) {
                res = early_error(400, "bad_request", "malformed request target", req.request_id);
            } else {
                std::function<Response()> work = [self, &req, &match] { return self->pipeline_.handle(req, match); };
                res = co_await self->run_on_pool(std::move(work));
                if (!res) {
                    res = early_error(503, "overloaded", "server busy; try again", req.request_id);
                    res->header("Retry-After", "1");
                }
            }
            int status = res->status;
            double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            std::string route_label = match.route                     ? match.route->pattern
                                      : req.path.starts_with("/api/") ? "unmatched"
                                                                      : "static";
            self->metrics_.observe(req.method, route_label, status, secs);
            spdlog::info("[{}] {} {} {} {} {:.1f}ms", req.request_id, remote, req.method, loggable_target(req.target),
                         status, secs * 1000);
            keep_alive = keep_alive && !self->stopping_;
            bool ok = co_await write_response(*conn, req, std::move(*res), keep_alive, cfg.write_timeout);
            conn->in_request = false;
            if (!ok || !keep_alive) break;
        }
        beast::error_code ec;
        conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

    // Admits the upgrade like any request (Origin, session, permission), then relays the user's
    // live events until either side closes.
    static net::awaitable<void> upgrade(Impl* self,
                                        std::shared_ptr<Connection> conn,
                                        Request& req,
                                        const Match& match,
                                        bhttp::request<bhttp::string_body> head) {
        std::optional<Response> refusal;
        std::function<Response()> admit = [self, &req, &match, &refusal] {
            refusal = self->pipeline_.admit_websocket(req, match);
            return Response{};
        };
        auto admitted = co_await self->run_on_pool(std::move(admit));
        if (!admitted) refusal = early_error(503, "overloaded", "server busy; try again", req.request_id);
        if (refusal) {
            self->metrics_.observe(req.method, match.route ? match.route->pattern : "unmatched", refusal->status, 0);
            co_await write_response(*conn, req, std::move(*refusal), false, self->config_.write_timeout);
            co_return;
        }
        self->metrics_.observe(req.method, req.path, 101, 0);
        spdlog::info("[{}] {} live events for user {}", req.request_id, req.remote_address, req.principal.user_id);
        conn->ws.emplace(std::move(conn->stream));
        auto& ws = *conn->ws;
        ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        ws.set_option(websocket::stream_base::decorator(
            [](websocket::response_type& res) { res.set(bhttp::field::server, "propdesk"); }));
        ws.read_message_max(4096);
        auto [ec] = co_await ws.async_accept(head, net::as_tuple(net::use_awaitable));
        if (ec) co_return;
        auto ex = co_await net::this_coro::executor;
        auto outbox = std::make_shared<Outbox>(ex);
        int64_t subscription = self->hub_->subscribe(req.principal.user_id, [outbox, ex](const std::string& m) {
            net::post(ex, [outbox, m] {
                if (outbox->closed) return;
                outbox->queue.push_back(m);
                outbox->wake.cancel();
            });
        });
        outbox->queue.push_back(R"({"type":"hello"})");
        net::co_spawn(ex, write_loop(conn, outbox), net::detached);
        beast::flat_buffer buffer;
        for (;;) {
            // Clients have nothing to say yet; reading keeps pings answered and notices the close.
            auto [rec, n] = co_await ws.async_read(buffer, net::as_tuple(net::use_awaitable));
            if (rec) break;
            buffer.consume(buffer.size());
        }
        self->hub_->unsubscribe(subscription);
        outbox->closed = true;
        outbox->wake.cancel();
    }

    static net::awaitable<void> write_loop(std::shared_ptr<Connection> conn, std::shared_ptr<Outbox> outbox) {
        auto& ws = *conn->ws;
        while (!outbox->closed) {
            if (outbox->queue.empty()) {
                outbox->wake.expires_at(net::steady_timer::time_point::max());
                co_await outbox->wake.async_wait(net::as_tuple(net::use_awaitable));
                continue;
            }
            std::string message = std::move(outbox->queue.front());
            outbox->queue.pop_front();
            ws.text(true);
            auto [ec, n] = co_await ws.async_write(net::buffer(message), net::as_tuple(net::use_awaitable));
            if (ec) break;
        }
    }

    ServerConfig config_;
    const Pipeline& pipeline_;
    Metrics& metrics_;
    LiveHub* hub_;
    WorkerPool pool_;
    net::io_context ioc_;
    tcp::acceptor acceptor_;
    net::signal_set signals_;
    std::atomic<int> connections_{0};
    std::atomic<bool> stopping_{false};
    std::mutex conns_mu_;
    std::list<std::weak_ptr<Connection>> conns_;
};

Server::Server(ServerConfig config, const Pipeline& pipeline, Metrics& metrics, LiveHub* hub)
    : impl_(std::make_unique<Impl>(std::move(config), pipeline, metrics, hub)) {}
Server::~Server() = default;
uint16_t Server::start() {
    return impl_->start();
}
void Server::run() {
    impl_->run();
}
void Server::stop() {
    impl_->stop();
}
WorkerPool& Server::pool() {
    return impl_->pool();
}
int Server::connections() const {
    return impl_->connections();
}

}  // namespace propdesk::http
