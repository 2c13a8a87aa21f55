#include "platform/json/values.hpp"

#include <boost/json/object.hpp>

#include "platform/time/zone.hpp"

namespace propdesk::json {

boost::json::value time_or_null(const std::optional<EpochMs>& t, const std::string& zone) {
    if (!t) return nullptr;
    return boost::json::value(timefmt::to_rfc3339(*t, zone));
}

boost::json::value ref(const std::optional<int64_t>& id, const std::string& name) {
    if (!id) return nullptr;
    return boost::json::object{{"id", *id}, {"name", name}};
}

void time_field(Writer& w, std::string_view key, const std::optional<EpochMs>& t, const std::string& zone) {
    w.key(key);
    if (t)
        w.value(timefmt::to_rfc3339(*t, zone));
    else
        w.null();
}

}  // namespace propdesk::json
