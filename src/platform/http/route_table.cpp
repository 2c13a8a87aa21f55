#include "platform/http/route_table.hpp"

namespace propdesk::http {

void RouteTable::add(const char* method,
                     const std::string& path,
                     auth::Permission p,
                     Handler f,
                     const char* summary,
                     std::optional<size_t> body_limit,
                     Access access) {
    bool read = std::string_view(method) == "GET";
    router_.add({method, base_ + path, access, p, [&ctx = ctx_, f = std::move(f)](Request& r) { return f(ctx, r); },
                 body_limit.value_or(read ? 0 : kSmallBody), summary});
}

}  // namespace propdesk::http
