#include "platform/auth/principal.hpp"

#include <algorithm>

#include "platform/error.hpp"

namespace propdesk::auth {

bool Principal::in_site(int64_t site_id) const {
    if (kind == Kind::device) return device_site_id == site_id;
    if (system_admin) return true;
    return std::any_of(roles.begin(), roles.end(), [&](const SiteRole& r) { return r.site_id == site_id; });
}

bool Principal::can(Permission p, int64_t site_id) const {
    if (kind == Kind::device) return p == Permission::device_protocol && device_site_id == site_id;
    if (kind != Kind::user) return false;
    if (system_admin && role_allows(Role::system_admin, p)) return true;
    return std::any_of(roles.begin(), roles.end(),
                       [&](const SiteRole& r) { return r.site_id == site_id && role_allows(r.role, p); });
}

bool Principal::in_department(int64_t site_id, int64_t department_id) const {
    return std::any_of(roles.begin(), roles.end(),
                       [&](const SiteRole& r) { return r.site_id == site_id && r.department_id == department_id; });
}

bool Principal::holds(int64_t site_id, Role role) const {
    return std::any_of(roles.begin(), roles.end(),
                       [&](const SiteRole& r) { return r.site_id == site_id && r.role == role; });
}

std::vector<int64_t> Principal::departments_in(int64_t site_id) const {
    std::vector<int64_t> out;
    for (const auto& r : roles)
        if (r.site_id == site_id && r.department_id && std::find(out.begin(), out.end(), *r.department_id) == out.end())
            out.push_back(*r.department_id);
    return out;
}

bool Principal::can_somewhere(Permission p) const {
    if (kind == Kind::device) return p == Permission::device_protocol;
    if (kind != Kind::user) return false;
    // An account with no role yet can still sign out, see itself and change its password.
    if (p == Permission::signed_in) return true;
    if (system_admin && role_allows(Role::system_admin, p)) return true;
    return std::any_of(roles.begin(), roles.end(), [&](const SiteRole& r) { return role_allows(r.role, p); });
}

std::vector<int64_t> Principal::sites_with(Permission p) const {
    std::vector<int64_t> out;
    for (const auto& r : roles)
        if (role_allows(r.role, p) && std::find(out.begin(), out.end(), r.site_id) == out.end())
            out.push_back(r.site_id);
    return out;
}

void require(const Principal& who, Permission p, int64_t site_id) {
    if (!who.in_site(site_id)) throw AppError::not_found();
    if (!who.can(p, site_id)) throw AppError::forbidden();
}

}  // namespace propdesk::auth
