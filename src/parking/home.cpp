#include "parking/home.hpp"

#include "parking/store.hpp"

namespace propdesk::parking {

std::optional<home::Section> home_section(db::Conn& c, const auth::Principal& who, const home::Today& t) {
    using auth::Permission;
    int64_t site = t.site_id;
    home::Section s{"parking", {}};
    bool releases = who.can(Permission::parking_release, site);
    bool approves = who.can(Permission::parking_approve, site);
    if (releases) s.tiles.push_back(home::waiting("parking.held", store::count_held(c, site), "/parking/holds"));
    // PK-6: the manager approves "approved" free exits, the team lead confirms "policy" ones.
    std::vector<std::string> decides;
    if (approves) decides.push_back("approved");
    if (releases) decides.push_back("policy");
    if (!decides.empty())
        s.tiles.push_back(home::waiting("parking.freeRequests", store::count_pending_free_requests(c, site, decides),
                                        "/parking/approvals"));
    if (releases)
        s.tiles.push_back(
            home::waiting("parking.handoversToSign", store::count_unsigned_handovers(c, site), "/parking/handovers"));
    if (approves) {
        auto o = store::occupancy(c, site);
        home::Tile inside{"parking.inside", o.inside, false, "", "/parking/register?status=inside,exiting,held",
                          o.capacity,       {}};
        s.tiles.push_back(std::move(inside));
    }
    bool finance = who.holds(site, auth::Role::finance);
    if (approves || finance) {
        home::Tile takings{"parking.takingsToday", 0, true, "", "/parking/register?from=" + t.date + "&to=" + t.date,
                           std::nullopt,           {}};
        takings.parts = store::takings_by_method(c, site, t.day_start, t.day_end);
        for (const auto& [method, cents] : takings.parts) takings.value += cents;
        s.tiles.push_back(std::move(takings));
    }
    return s;
}

}  // namespace propdesk::parking
