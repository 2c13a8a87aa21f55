// The roles of the manual and what each may do. Pure data and functions; the manual's
// "who does what" table lives in role_permissions().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace propdesk::auth {

enum class Role {
    system_admin,
    site_manager,
    cs_manager,  // customer-department manager
    front_desk,
    property_assistant,
    butler,
    eng_head,
    eng_lead,  // engineering team lead (班長)
    technician,
    parking_attendant,
    security_lead,
    finance,
};

enum class Permission {
    signed_in,        // any signed-in staff member
    org_read,         // site structure, units, residents, departments of the site
    org_write,        // areas, buildings, units, departments
    residents_read,   // residents' names and phones (a technician sees them through their jobs only)
    residents_write,  // residents and their units
    staff_read,       // staff list and their roles
    staff_admin,      // accounts and roles
    sites_admin,      // companies and sites
    import_data,      // CSV imports
    devices_admin,    // gate-device tokens
    audit_read,       // audit history
    metrics_read,     // /metrics from outside loopback
    device_protocol,  // a gate device's own protocol; never granted to staff
    cases_read,       // the desk's cases, return visits and department queues (FD-A…D)
    cases_write,      // record, dispatch, follow up, reply, return visits, archive (the desk side)
    cases_work,       // accept, progress notes, complete: for the case's own department (FD-B)
    desk_kpi,         // the desk's KPIs and their export (FD-I)
    desk_admin,       // the site's desk deadlines and return-visit policy
    repairs_read,     // the repair register and any job of the site (MT-3.1)
    repairs_write,    // register requests, rebook, close with the explanation
    repairs_assign,   // assign technicians; issue and inspect public work orders (MT-3.5)
    repairs_work,     // act on a job: a technician only on their own
    repairs_admin,    // the paid-service price list and the repair policy
    repair_kpi,       // repair KPIs and their export (MT-1)
    parking_read,     // the car park's register, booth, holds, incidents and handovers (PK-3, PK-10)
    parking_work,     // the attendant's work: entries, exits, fees, holds, incidents, handing over (PK-1…PK-9)
    parking_release,  // the team lead's: release a held vehicle, escalate, sign the handover (PK-8, PK-11)
    parking_admin,    // lots, lanes, cameras, tariffs, vehicle files and parking cards
    parking_approve,  // approve a free exit an attendant asked for (PK-6: 公司領導批準): managers only
};

const std::vector<Role>& all_roles();
std::string_view role_name(Role r);
std::optional<Role> parse_role(std::string_view name);
std::string_view permission_name(Permission p);

// What a role may do in a site it holds.
bool role_allows(Role role, Permission p);

}  // namespace propdesk::auth
