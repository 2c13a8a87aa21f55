// The bell: a user's notifications, unread count, marking read, a test notification, and the
// WebSocket route for live events.
#pragma once

#include "platform/context.hpp"
#include "platform/http/router.hpp"

namespace propdesk::notify {

inline constexpr const char* kEventsPath = "/api/v1/events";

void register_routes(http::Router& router, Context& ctx);

}  // namespace propdesk::notify
