#include "platform/http/static_files.hpp"

#include <cstdlib>
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

// Does the Accept-Encoding list take `coding`? "gzip, br;q=0.8" takes both; "br;q=0" refuses br.
bool takes(std::string_view accept, std::string_view coding) {
    while (!accept.empty()) {
        auto comma = accept.find(',');
        auto item = accept.substr(0, comma);
        accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
        auto semi = item.find(';');
        auto name = item.substr(0, semi);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (name != coding) continue;
        if (semi == std::string_view::npos) return true;
        auto params = item.substr(semi + 1);
        auto q = params.find("q=");
        if (q == std::string_view::npos) return true;
        // q=0 (or 0.0, 0.000) refuses it; any other weight takes it.
        return std::strtod(std::string(params.substr(q + 2)).c_str(), nullptr) > 0;
    }
    return false;
}

// The file as the client takes it best: its brotli or gzip sibling made at build time (web/dist
// holds app.js, app.js.br and app.js.gz), else the file itself. Nothing is compressed per request.
std::optional<Response> respond(const Request& req, const std::filesystem::path& file, const std::string& cache) {
    std::string accept = req.header("accept-encoding").value_or("");
    bool has_variant = false;
    for (auto [coding, suffix] : {std::pair{"br", ".br"}, std::pair{"gzip", ".gz"}}) {
        auto variant = file;
        variant += suffix;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(variant, ec)) continue;
        has_variant = true;
        if (!takes(accept, coding)) continue;
        if (auto body = read_file(variant)) {
            Response r{200, content_type_for(file), std::move(*body), {}};
            r.header("Content-Encoding", coding);
            r.header("Vary", "Accept-Encoding");
            r.header("Cache-Control", cache);
            return r;
        }
    }
    auto body = read_file(file);
    if (!body) return std::nullopt;
    Response r{200, content_type_for(file), std::move(*body), {}};
    if (has_variant) r.header("Vary", "Accept-Encoding");
    r.header("Cache-Control", cache);
    return r;
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
        // Vite puts a content hash in every file name under assets/, so they never change.
        if (auto r = respond(req, file, is_asset ? "public, max-age=31536000, immutable" : "no-cache")) return r;
    }
    // A missing hashed asset is a real 404; anything else is a route of the web app.
    if (is_asset || req.path.find('.') != std::string::npos) return std::nullopt;
    return respond(req, root_ / "index.html", "no-cache");
}

}  // namespace propdesk::http
