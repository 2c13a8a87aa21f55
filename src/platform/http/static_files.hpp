// Serves the built web app (web/dist): hashed assets cached for a year, index.html never cached,
// and any other non-API path falls back to index.html so the app's router can handle it.
#pragma once

#include <filesystem>
#include <optional>

#include "platform/http/message.hpp"

namespace propdesk::http {

class StaticFiles {
  public:
    explicit StaticFiles(std::filesystem::path root);
    // nullopt when the root has no index.html and the file does not exist.
    std::optional<Response> serve(const Request& req) const;
    const std::filesystem::path& root() const { return root_; }

  private:
    std::filesystem::path root_;
};

std::string content_type_for(const std::filesystem::path& p);

}  // namespace propdesk::http
