// Who is making a request: a staff member with roles per site, or a gate device.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/auth/permissions.hpp"

namespace propdesk::auth {

struct SiteRole {
    int64_t site_id = 0;
    Role role = Role::front_desk;
    std::optional<int64_t> department_id;  // the department they sit in for this role
};

struct Principal {
    enum class Kind { anonymous, user, device };
    Kind kind = Kind::anonymous;

    int64_t user_id = 0;
    int64_t session_id = 0;
    std::string login;
    std::string name;
    std::string language = "zh-TW";
    bool system_admin = false;  // holds Role::system_admin in every site
    std::vector<SiteRole> roles;

    int64_t device_id = 0;
    int64_t device_site_id = 0;

    bool is_user() const { return kind == Kind::user; }
    bool is_device() const { return kind == Kind::device; }
    bool in_site(int64_t site_id) const;
    // May do p in that site.
    bool can(Permission p, int64_t site_id) const;
    // Sits in that department of that site through one of their roles.
    bool in_department(int64_t site_id, int64_t department_id) const;
    // Holds this role in the site (the site manager stands in for others in some steps).
    bool holds(int64_t site_id, Role role) const;
    // The departments they sit in at that site.
    std::vector<int64_t> departments_in(int64_t site_id) const;
    // May do p in at least one site (route-level check).
    bool can_somewhere(Permission p) const;
    // The sites where p is allowed through a role (a system admin's all-sites reach is separate).
    std::vector<int64_t> sites_with(Permission p) const;
};

// Throws 404 when the record's site is not the caller's (never reveal it exists),
// 403 when it is but the role does not allow p.
void require(const Principal& who, Permission p, int64_t site_id);

}  // namespace propdesk::auth
