// Turns a request's session cookie or device token into a Principal.
#pragma once

#include <optional>
#include <string>

#include "platform/context.hpp"
#include "platform/http/pipeline.hpp"

namespace propdesk::auth {

inline constexpr const char* kSessionCookie = "propdesk_session";

http::Authenticator make_authenticator(Context& ctx);
std::optional<std::string> cookie_value(const http::Request& req, std::string_view name);
std::optional<std::string> bearer_token(const http::Request& req);

}  // namespace propdesk::auth
