// The car park's tiles on a home page: the team lead's held cars, free exits and handovers to
// sign; the site manager's occupancy, approvals and today's takings; finance's takings.
#pragma once

#include "platform/home/home.hpp"

namespace propdesk::parking {

std::optional<home::Section> home_section(db::Conn& c, const auth::Principal& who, const home::Today& t);

}  // namespace propdesk::parking
