#include "platform/http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace propdesk::http {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        if (slash > start) out.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return out;
}

void Router::add(Route route) {
    for (const auto& r : routes_)
        if (r.method == route.method && r.pattern == route.pattern)
            throw std::logic_error("route registered twice: " + route.method + " " + route.pattern);
    compiled_.push_back({split_path(route.pattern)});
    routes_.push_back(std::move(route));
}

Match Router::match(const std::string& method, const std::string& path) const {
    Match m;
    auto segs = split_path(path);
    // A literal segment beats a placeholder, so /users/me wins over /users/{id}.
    int best_literals = -1;
    for (size_t i = 0; i < routes_.size(); ++i) {
        const auto& pattern = compiled_[i].segments;
        if (pattern.size() != segs.size()) continue;
        std::map<std::string, std::string> params;
        int literals = 0;
        bool ok = true;
        for (size_t s = 0; s < segs.size() && ok; ++s) {
            const auto& p = pattern[s];
            if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
                params[p.substr(1, p.size() - 2)] = segs[s];
            } else if (p == segs[s]) {
                ++literals;
            } else {
                ok = false;
            }
        }
        if (!ok) continue;
        bool head_as_get = method == "HEAD" && routes_[i].method == "GET";
        if (routes_[i].method == method || head_as_get) {
            if (literals > best_literals) {
                best_literals = literals;
                m.route = &routes_[i];
                m.params = std::move(params);
            }
        } else {
            auto add = [&](const std::string& method) {
                if (std::find(m.allowed_methods.begin(), m.allowed_methods.end(), method) == m.allowed_methods.end())
                    m.allowed_methods.push_back(method);
            };
            add(routes_[i].method);
            if (routes_[i].method == "GET") add("HEAD");  // served from GET
        }
    }
    if (m.route) m.allowed_methods.clear();
    return m;
}

}  // namespace propdesk::http
