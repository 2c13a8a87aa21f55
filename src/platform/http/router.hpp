// Method + path pattern → handler, with the permission the route needs and its body limit.
// Patterns are literal segments and {name} placeholders: /api/v1/sites/{id}/areas.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/auth/permissions.hpp"
#include "platform/http/message.hpp"

namespace propdesk::http {

using Handler = std::function<Response(Request&)>;

enum class Access {
    public_route,  // no sign-in (login, /healthz)
    user,          // a signed-in staff session with `permission`
    device,        // a gate device's bearer token
};

inline constexpr size_t kDefaultBodyLimit = 1024 * 1024;

struct Route {
    std::string method;
    std::string pattern;
    Access access = Access::user;
    auth::Permission permission = auth::Permission::signed_in;
    Handler handler;
    size_t body_limit = kDefaultBodyLimit;
    std::string summary;  // one line, shown in docs checks and logs
};

struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed_methods;  // filled when the path matched but the method did not
};

class Router {
  public:
    void add(Route route);
    Match match(const std::string& method, const std::string& path) const;
    const std::vector<Route>& routes() const { return routes_; }

  private:
    struct Compiled {
        std::vector<std::string> segments;  // "{x}" marks a parameter
    };
    std::vector<Route> routes_;
    std::vector<Compiled> compiled_;
};

std::vector<std::string> split_path(const std::string& path);

}  // namespace propdesk::http
