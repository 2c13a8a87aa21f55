// Small text tests every module uses the same way: what counts as blank, and membership in a
// fixed list of allowed values.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string_view>

namespace propdesk::text {

// Nothing but white space, in any script: ASCII spaces, tabs and line ends, the no-break space,
// the Unicode spaces U+2000…U+200B, the line and paragraph separators, the narrow and medium
// mathematical spaces, the ideographic space (U+3000) a Chinese keyboard types, and the BOM.
// A note of "　　" is as empty as "".
bool is_blank(std::string_view s);
// The same text without white space at either end (as is_blank counts it).
std::string_view trim(std::string_view s);

bool is_one_of(std::string_view value, const char* const* begin, const char* const* end);
template <size_t N>
bool is_one_of(std::string_view value, const char* const (&list)[N]) {
    return is_one_of(value, list, list + N);
}
bool is_one_of(std::string_view value, std::initializer_list<std::string_view> list);

}  // namespace propdesk::text
