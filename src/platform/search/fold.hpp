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

// The same, character by character from a table shared by all threads: for short texts seen
// with ever new combinations (plates, LED lines), where phrases do not matter and OpenCC would be
// called for every new plate.
std::string simplified_chars(std::string_view text);

}  // namespace propdesk::search
