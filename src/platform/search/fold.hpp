// Text folded for search: lower-case ASCII and Traditional → Simplified (OpenCC), so
// "投诉" finds "投訴" and "ABC" finds "abc". Indexed text and queries are folded the same way.
#pragma once

#include <string>
#include <string_view>

namespace propdesk::search {

std::string fold(std::string_view text);
// Traditional → Simplified alone, case kept: for output in Simplified-only encodings (GB2312
// LED boards), where fold's lower-casing would change a plate's letters.
std::string simplified(std::string_view text);

}  // namespace propdesk::search
