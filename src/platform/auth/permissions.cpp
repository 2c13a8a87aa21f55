#include "platform/auth/permissions.hpp"

#include <algorithm>
#include <array>

namespace propdesk::auth {
namespace {

struct RoleName {
    Role role;
    std::string_view name;
};
constexpr std::array<RoleName, 12> kRoleNames{{
    {Role::system_admin, "system_admin"},
    {Role::site_manager, "site_manager"},
    {Role::cs_manager, "cs_manager"},
    {Role::front_desk, "front_desk"},
    {Role::property_assistant, "property_assistant"},
    {Role::butler, "butler"},
    {Role::eng_head, "eng_head"},
    {Role::eng_lead, "eng_lead"},
    {Role::technician, "technician"},
    {Role::parking_attendant, "parking_attendant"},
    {Role::security_lead, "security_lead"},
    {Role::finance, "finance"},
}};

}  // namespace

const std::vector<Role>& all_roles() {
    static const std::vector<Role> roles = [] {
        std::vector<Role> v;
        for (auto& r : kRoleNames) v.push_back(r.role);
        return v;
    }();
    return roles;
}

std::string_view role_name(Role r) {
    for (auto& x : kRoleNames)
        if (x.role == r) return x.name;
    return "unknown";
}

std::optional<Role> parse_role(std::string_view name) {
    for (auto& x : kRoleNames)
        if (x.name == name) return x.role;
    return std::nullopt;
}

std::string_view permission_name(Permission p) {
    switch (p) {
        case Permission::signed_in:
            return "signed_in";
        case Permission::org_read:
            return "org_read";
        case Permission::org_write:
            return "org_write";
        case Permission::residents_read:
            return "residents_read";
        case Permission::residents_write:
            return "residents_write";
        case Permission::staff_read:
            return "staff_read";
        case Permission::staff_admin:
            return "staff_admin";
        case Permission::sites_admin:
            return "sites_admin";
        case Permission::import_data:
            return "import_data";
        case Permission::devices_admin:
            return "devices_admin";
        case Permission::audit_read:
            return "audit_read";
        case Permission::metrics_read:
            return "metrics_read";
        case Permission::device_protocol:
            return "device_protocol";
        case Permission::cases_read:
            return "cases_read";
        case Permission::cases_write:
            return "cases_write";
        case Permission::cases_work:
            return "cases_work";
        case Permission::desk_kpi:
            return "desk_kpi";
        case Permission::repairs_read:
            return "repairs_read";
        case Permission::repairs_write:
            return "repairs_write";
        case Permission::repairs_assign:
            return "repairs_assign";
        case Permission::repairs_work:
            return "repairs_work";
        case Permission::repairs_admin:
            return "repairs_admin";
        case Permission::repair_kpi:
            return "repair_kpi";
        case Permission::desk_admin:
            return "desk_admin";
        case Permission::parking_read:
            return "parking_read";
        case Permission::parking_work:
            return "parking_work";
        case Permission::parking_release:
            return "parking_release";
        case Permission::parking_admin:
            return "parking_admin";
        case Permission::parking_approve:
            return "parking_approve";
    }
    return "unknown";
}

bool role_allows(Role role, Permission p) {
    using P = Permission;
    switch (p) {
        case P::signed_in:
        case P::org_read:
        case P::audit_read:
            return true;  // every staff member of a site sees its structure, residents and their history
        case P::device_protocol:
            return false;
        case P::metrics_read:
        case P::sites_admin:
        case P::staff_admin:
            return role == Role::system_admin;
        case P::org_write:
        case P::import_data:
        case P::devices_admin:
            return role == Role::system_admin || role == Role::site_manager;
        case P::residents_read:
            return role != Role::technician;
        case P::residents_write:
            return role == Role::system_admin || role == Role::site_manager || role == Role::cs_manager ||
                   role == Role::front_desk || role == Role::property_assistant || role == Role::butler;
        case P::staff_read:
            return role == Role::system_admin || role == Role::site_manager || role == Role::cs_manager;
        case P::cases_read:
            return role != Role::technician && role != Role::parking_attendant;
        case P::cases_write:
        case P::desk_kpi:
            return role == Role::site_manager || role == Role::cs_manager || role == Role::front_desk ||
                   role == Role::property_assistant || role == Role::butler;
        case P::cases_work:
            // Then only for cases dispatched to a department they sit in (the site manager: any).
            return role != Role::system_admin && role != Role::technician && role != Role::parking_attendant;
        case P::desk_admin:
            return role == Role::site_manager || role == Role::cs_manager;
        case P::repairs_read:
            return role == Role::site_manager || role == Role::cs_manager || role == Role::front_desk ||
                   role == Role::property_assistant || role == Role::butler || role == Role::eng_head ||
                   role == Role::eng_lead || role == Role::finance;
        case P::repairs_write:
            return role == Role::site_manager || role == Role::cs_manager || role == Role::front_desk ||
                   role == Role::property_assistant || role == Role::butler || role == Role::eng_head;
        case P::repairs_assign:
            return role == Role::site_manager || role == Role::eng_head || role == Role::eng_lead;
        case P::repairs_work:
            return role == Role::site_manager || role == Role::eng_head || role == Role::eng_lead ||
                   role == Role::technician;
        case P::repairs_admin:
            return role == Role::site_manager || role == Role::eng_head;
        case P::repair_kpi:
            return role == Role::site_manager || role == Role::eng_head || role == Role::cs_manager;
        case P::parking_read:
            return role == Role::site_manager || role == Role::security_lead || role == Role::parking_attendant ||
                   role == Role::finance;
        case P::parking_work:
            return role == Role::site_manager || role == Role::security_lead || role == Role::parking_attendant;
        case P::parking_release:
        case P::parking_admin:
            return role == Role::site_manager || role == Role::security_lead;
        case P::parking_approve:
            // PK-6: a free exit is approved by management, never by the car park's own staff.
            return role == Role::site_manager;
    }
    return false;
}

}  // namespace propdesk::auth
