// The request and response every handler sees; Beast stays inside server.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/auth/principal.hpp"

namespace propdesk::http {

struct Request {
    std::string method;
    std::string target;  // as sent, with the query
    std::string path;    // percent-decoded path without the query
    std::multimap<std::string, std::string> query;
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
    std::string body;
    std::string remote_address;
    std::string request_id;
    std::map<std::string, std::string> path_params;
    auth::Principal principal;  // filled by the authenticator before the handler runs

    std::optional<std::string> header(std::string_view lower_name) const;
    std::optional<std::string> query_param(const std::string& name) const;
    // A path parameter as a positive integer id; 404 when it is not one.
    int64_t id_param(const std::string& name) const;
    bool is_write() const { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    Response& header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
    static Response json(int status, std::string body) {
        return Response{status, "application/json", std::move(body), {}};
    }
    static Response no_content() { return Response{204, "", "", {}}; }
};

}  // namespace propdesk::http
