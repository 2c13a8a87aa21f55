// Small pieces every module's JSON shapes use: times in the site's zone, absent values as null,
// and references to other records as {id, name}.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "platform/json/writer.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::json {

boost::json::value time_or_null(const std::optional<EpochMs>& t, const std::string& zone);
boost::json::value ref(const std::optional<int64_t>& id, const std::string& name);
template <class T>
boost::json::value or_null(const std::optional<T>& v) {
    if (!v) return nullptr;
    return boost::json::value(*v);
}
// Writes "key": the time in the zone, or null.
void time_field(Writer& w, std::string_view key, const std::optional<EpochMs>& t, const std::string& zone);

}  // namespace propdesk::json
