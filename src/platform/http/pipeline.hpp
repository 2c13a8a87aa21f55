// What happens to a request once it is read, on a worker thread: route → Origin check →
// authentication → permission → handler → the one error mapper → security headers.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/error.hpp"
#include "platform/http/message.hpp"
#include "platform/http/router.hpp"
#include "platform/http/static_files.hpp"

namespace propdesk::http {

// Fills req.principal for the route's access kind, or throws AppError (401, 429…).
using Authenticator = std::function<void(Request&, const Route&)>;

// A create's first response, kept under its Idempotency-Key.
struct KeptResponse {
    std::string path;
    std::string body_hash;
    int status = 0;
    std::string body;
};

struct PipelineConfig {
    // Origins allowed on state-changing requests besides the request's own Host.
    std::vector<std::string> allowed_origins;
    // Where Idempotency-Key responses are kept (the app wires them to the database); unset: ignored.
    std::function<std::optional<KeptResponse>(int64_t user_id, const std::string& key)> find_kept;
    std::function<void(int64_t user_id, const std::string& key, const KeptResponse&)> keep;
};

class Pipeline {
  public:
    Pipeline(const Router& router,
             Authenticator authenticate,
             std::optional<StaticFiles> static_files,
             PipelineConfig config = {});
    // Never throws: every failure becomes an error response.
    Response handle(Request& req, const Match& match) const;
    // For a WebSocket upgrade: the same Origin, sign-in and permission checks as a request.
    // nullopt admits it (req.principal is filled); otherwise the error to answer with.
    std::optional<Response> admit_websocket(Request& req, const Match& match) const;
    const Router& router() const { return router_; }

  private:
    Response dispatch(Request& req, const Match& match) const;
    void check_access(Request& req, const Route& route) const;
    Response run_idempotent(Request& req, const Route& route, const std::string& key) const;
    Response map_error(Request& req) const;  // inside a catch block
    void check_origin(const Request& req) const;

    const Router& router_;
    Authenticator authenticate_;
    std::optional<StaticFiles> static_files_;
    PipelineConfig config_;
};

// {"error":{"code","message","field","request_id"}}
Response error_response(const AppError& e, const std::string& request_id);
void add_security_headers(Response& r, const std::string& request_id, bool is_api);

}  // namespace propdesk::http
