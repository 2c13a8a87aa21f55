// Why a domain rule says no, as plain data so the rules stay pure: a stable code, the field at
// fault ("" when it is the record's state, not a value), the parameters a message needs, and an
// English sentence for logs and API clients that read text. The rules never choose an HTTP
// status; refusal_status() maps each code to one, in one table, and the web app renders the code
// in the user's language with the parameters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace propdesk {

using RefusalParam = std::variant<int64_t, std::string>;

struct Refusal {
    std::string code;
    std::string field;
    std::string message;
    std::vector<std::pair<std::string, RefusalParam>> params;

    Refusal& with(std::string name, RefusalParam value) {
        params.emplace_back(std::move(name), std::move(value));
        return *this;
    }
};

// A value the caller sent is wrong (the field names it).
Refusal invalid_value(std::string code, std::string field, std::string message);
// The record's state does not allow it now.
Refusal not_now(std::string code, std::string message);

// The status the API answers a code with: 409 for a record's state, 422 for a value, 403 for a
// decision the caller's role may not take. Codes not
// in the table are 422 when they name a field and 409 otherwise (refusal_codes() lists the table).
int refusal_status(const Refusal& r);
std::vector<std::pair<std::string_view, int>> refusal_codes();

// The parameters as a JSON object text ({"minutes":5,"status":"held"}), "" when there are none.
std::string params_json(const Refusal& r);

// Throws the AppError for r (its status, code, field, message and parameters); nothing when empty.
void raise_refusal(const std::optional<Refusal>& r);
[[noreturn]] void raise(const Refusal& r);

}  // namespace propdesk
