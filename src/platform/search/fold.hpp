// Text folded for search: lower-case ASCII and Traditional → Simplified (OpenCC), so
// "投诉" finds "投訴" and "ABC" finds "abc". Indexed text and queries are folded the same way.
#pragma once

#include <string>
#include <string_view>

namespace propdesk::search {

std::string fold(std::string_view text);

}  // namespace propdesk::search
