// The desk's tiles on a home page: the front desk's queue, return visits and late cases; the
// managers' open cases and complaints; the butler's escalated visits; a department's own queue.
#pragma once

#include "platform/home/home.hpp"

namespace propdesk::desk {

std::optional<home::Section> home_section(db::Conn& c, const auth::Principal& who, const home::Today& t);

}  // namespace propdesk::desk
