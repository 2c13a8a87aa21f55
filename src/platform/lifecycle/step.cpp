#include "platform/lifecycle/step.hpp"

namespace propdesk::lifecycle {

Refusal wrong_status(std::string_view noun, std::string_view action, std::string_view status) {
    return not_now("wrong_status", "cannot " + std::string(action) + " a " + std::string(noun) +
                                       " in its current status: " + std::string(status))
        .with("action", std::string(action))
        .with("status", std::string(status));
}

}  // namespace propdesk::lifecycle
