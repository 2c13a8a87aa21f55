// The expected failures a request can end in. The client sees status, code, message and field;
// the log gets the detail.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace propdesk {

class AppError : public std::runtime_error {
  public:
    AppError(int status, std::string code, std::string message, std::string field = {})
        : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field)) {}

    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::string& field() const { return field_; }
    // Extra response headers, e.g. Retry-After for 429/503 or Allow for 405.
    std::vector<std::pair<std::string, std::string>> headers;
    // A JSON array put in the body as "details", e.g. each bad row of an import.
    std::string details_json;
    // A JSON object put in the body as "params": what a rule's refusal message needs
    // ({"seconds": 240}), so the web app can say it in the user's language.
    std::string params_json;

    static AppError bad_request(std::string message, std::string field = {}) {
        return {400, "bad_request", std::move(message), std::move(field)};
    }
    static AppError unknown_field(const std::string& field) {
        return {400, "unknown_field", "unknown field: " + field, field};
    }
    static AppError unauthenticated() { return {401, "unauthenticated", "sign in first"}; }
    static AppError forbidden(std::string message = "not allowed") { return {403, "forbidden", std::move(message)}; }
    static AppError not_found(std::string what = "record") { return {404, "not_found", what + " not found"}; }
    static AppError conflict(std::string message, std::string field = {}) {
        return {409, "conflict", std::move(message), std::move(field)};
    }
    static AppError illegal_state(std::string message) { return {409, "illegal_state", std::move(message)}; }
    static AppError stale(std::string message = "the record was changed by someone else; reload it") {
        return {412, "version_mismatch", std::move(message)};
    }
    static AppError invalid(std::string message, std::string field) {
        return {422, "validation_failed", std::move(message), std::move(field)};
    }
    static AppError precondition_required() {
        return {428, "if_match_required", "send If-Match with the version you last read"};
    }
    static AppError throttled(std::string message, int retry_after_s) {
        AppError e{429, "throttled", std::move(message)};
        e.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
        return e;
    }
    static AppError unavailable(std::string message, int retry_after_s) {
        AppError e{503, "unavailable", std::move(message)};
        e.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
        return e;
    }

  private:
    int status_;
    std::string code_;
    std::string field_;
};

}  // namespace propdesk
