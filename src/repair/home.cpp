#include "repair/home.hpp"

#include "repair/store.hpp"

namespace propdesk::repair {

std::optional<home::Section> home_section(db::Conn& c, const auth::Principal& who, const home::Today& t) {
    using auth::Role;
    int64_t site = t.site_id;
    home::Section s{"repairs", {}};
    auto count = [&](store::RepairQuery q) {
        q.site_id = site;
        return store::count_repairs(c, q);
    };
    if (who.holds(site, Role::technician)) {
        store::RepairQuery mine;
        mine.technician_id = who.user_id;
        mine.statuses = {"assigned", "on_site", "rebook", "proposed", "consented", "in_progress"};
        s.tiles.push_back(home::waiting("repairs.myJobs", count(mine), "/my-jobs"));
    }
    bool assigns = who.can(auth::Permission::repairs_assign, site);
    if (assigns) {
        store::RepairQuery to_assign;
        to_assign.statuses = {"recorded"};
        s.tiles.push_back(home::waiting("repairs.toAssign", count(to_assign), "/repairs?status=recorded"));
    }
    if (who.holds(site, Role::site_manager)) {
        // MT-3.1: immediate jobs nobody has reached yet, the 30 minutes running.
        store::RepairQuery at_risk;
        at_risk.mode = "immediate";
        at_risk.statuses = {"recorded", "assigned"};
        s.tiles.push_back(
            home::waiting("repairs.immediateOpen", count(at_risk), "/repairs?status=recorded,assigned&mode=immediate"));
    }
    if (assigns || who.holds(site, Role::site_manager)) {
        store::RepairQuery late;
        late.overdue_at = t.now;
        s.tiles.push_back(home::late("repairs.late", count(late), "/repairs?overdue=true"));
    }
    return s;
}

}  // namespace propdesk::repair
