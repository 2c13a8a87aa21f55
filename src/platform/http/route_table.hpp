// How every module lists its routes: a base path, the module's handlers (functions of the Context
// and the request), and the body each route takes: none for a read, a small one for a write, unless
// the route says otherwise. One helper instead of a lambda and a limit repeated in every file.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "platform/context.hpp"
#include "platform/http/router.hpp"

namespace propdesk::http {

class RouteTable {
  public:
    // A module's handler: a function of the Context and the request, or a lambda that also holds
    // what the module was wired with (the desk's hooks).
    using Handler = std::function<Response(Context&, Request&)>;
    static constexpr size_t kSmallBody = 16 * 1024;

    // `base` is put before every path: "/api/v1", or a module's own ("/api/v1/sites/{site_id}/parking").
    RouteTable(Router& router, Context& ctx, std::string base = "/api/v1")
        : router_(router), ctx_(ctx), base_(std::move(base)) {}

    void add(const char* method,
             const std::string& path,
             auth::Permission p,
             Handler f,
             const char* summary,
             std::optional<size_t> body_limit = std::nullopt,
             Access access = Access::user);

  private:
    Router& router_;
    Context& ctx_;
    std::string base_;
};

}  // namespace propdesk::http
