#include "platform/http/static_files.hpp"

#include <fstream>
#include <sstream>

#include "platform/http/router.hpp"

namespace propdesk::http {
namespace {

std::optional<std::string> read_file(const std::filesystem::path& p) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

std::string content_type_for(const std::filesystem::path& p) {
    auto ext = p.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".woff") return "font/woff";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    if (ext == ".webmanifest") return "application/manifest+json";
    return "application/octet-stream";
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
    auto segments = split_path(req.path);
    std::filesystem::path file = root_;
    bool safe = true;
    for (const auto& s : segments) {
        // Dot-files (.env, .git) are never part of the built app.
        if (s.starts_with('.') || s.find('\\') != std::string::npos || s.find('\0') != std::string::npos) {
            safe = false;
            break;
        }
        file /= s;
    }
    bool is_asset = !segments.empty() && segments.front() == "assets";
    if (safe && !segments.empty()) {
        if (auto body = read_file(file)) {
            Response r{200, content_type_for(file), std::move(*body), {}};
            // Vite puts a content hash in every file name under assets/, so they never change.
            r.header("Cache-Control", is_asset ? "public, max-age=31536000, immutable" : "no-cache");
            return r;
        }
    }
    // A missing hashed asset is a real 404; anything else is a route of the web app.
    if (is_asset || req.path.find('.') != std::string::npos) return std::nullopt;
    auto index = read_file(root_ / "index.html");
    if (!index) return std::nullopt;
    Response r{200, "text/html; charset=utf-8", std::move(*index), {}};
    r.header("Cache-Control", "no-cache");
    return r;
}

}  // namespace propdesk::http
