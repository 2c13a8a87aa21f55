// Why a domain rule says no, as plain data so the rules stay pure: 409 (not now, for this
// record) or 422 (a value, naming its field). The API layer raises it as the matching error.
#pragma once

#include <optional>
#include <string>

namespace propdesk {

struct Refusal {
    int status = 409;
    std::string message;
    std::string field;
};

// Throws AppError 422 invalid (naming the field) or 409 illegal_state; nothing when r is empty.
void raise_refusal(const std::optional<Refusal>& r);

}  // namespace propdesk
