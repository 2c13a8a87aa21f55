#include "platform/rules/refusal.hpp"

#include "platform/error.hpp"

namespace propdesk {

void raise_refusal(const std::optional<Refusal>& r) {
    if (!r) return;
    if (r->status == 422) throw AppError::invalid(r->message, r->field);
    throw AppError(409, "illegal_state", r->message, r->field);
}

}  // namespace propdesk
