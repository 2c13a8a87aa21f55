// Repairs' tiles on a home page: a technician's next jobs; engineering's jobs to assign and late
// ones; the site manager's immediate repairs still to be reached within their 30 minutes (MT-3.1).
#pragma once

#include "platform/home/home.hpp"

namespace propdesk::repair {

std::optional<home::Section> home_section(db::Conn& c, const auth::Principal& who, const home::Today& t);

}  // namespace propdesk::repair
