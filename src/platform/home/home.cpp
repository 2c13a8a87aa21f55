#include "platform/home/home.hpp"

namespace propdesk::home {

Tile late(std::string key, int64_t n, std::string link) {
    return {std::move(key), n, false, n > 0 ? "danger" : "", std::move(link), std::nullopt, {}};
}

Tile waiting(std::string key, int64_t n, std::string link) {
    return {std::move(key), n, false, n > 0 ? "warning" : "", std::move(link), std::nullopt, {}};
}

}  // namespace propdesk::home
