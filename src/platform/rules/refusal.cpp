#include "platform/rules/refusal.hpp"

#include <array>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "platform/error.hpp"

namespace propdesk {
namespace {

struct CodeStatus {
    std::string_view code;
    int status;
};

// Every code a rule returns, and the status it is answered with. 409: the record's state (or
// who holds it) does not allow the step now; 422: a value sent is not acceptable; 403: the
// caller's role may not take this decision.
constexpr std::array kCodes{
    // Values (422).
    CodeStatus{"required", 422},
    CodeStatus{"no_such_record", 422},   // a record named in the body is not in the caller's site           // a value
                                         // that must be given is missing or blank
    CodeStatus{"out_of_range", 422},     // a number outside the rule's bounds ({min}, {max})
    CodeStatus{"not_one_of", 422},       // a value outside the allowed list
    CodeStatus{"wrong_amount", 422},     // a payment that is not the fee due ({due_cents})
    CodeStatus{"amount_short", 422},     // cash received below the fee due
    CodeStatus{"file_in_use", 422},      // evidence already serving another record
    CodeStatus{"file_kind", 422},        // a file of the wrong kind for this use
    CodeStatus{"same_file", 422},        // one file offered as two different pieces of evidence
    CodeStatus{"pass_unrecorded", 422},  // PK-5: the visitor pass neither taken back nor noted lost
    CodeStatus{"policy_stretch", 422},   // a policy value looser than the manual allows
    CodeStatus{"same_person", 422},      // two roles the manual keeps apart given to one person
    CodeStatus{"not_applicable", 422},   // a value that does not belong with the others sent
    CodeStatus{"charge_differs_from_quote", 422},  // MT-3.4: a charge off the consented quote, no reason
    CodeStatus{"reason_required", 422},            // FD-C: "not satisfied" is recorded with the resident's reason
    // The record's state (409).
    CodeStatus{"wrong_status", 409},      // the lifecycle does not allow the step from {status}
    CodeStatus{"consent_required", 409},  // MT-3.2: work before the resident agreed
    CodeStatus{"wait_not_over", 409},     // MT-3.4: leaving the door before the wait ({seconds} left)
    CodeStatus{"not_your_job", 409},      // MT-3.4: only the assigned technician acts at the door
    CodeStatus{"vehicle_waiting", 409},   // PK-8: a held or unpaid stay waits at the lane
    CodeStatus{"vehicle_held", 409},      // PK-8: the stay is held
    CodeStatus{"approval_pending", 409},  // PK-6: a free exit already waits for approval
    CodeStatus{"self_approval", 409},     // PK-6: the requester cannot approve their own request
    CodeStatus{"free_refused", 409},      // PK-6: a free exit refused for this stay stays refused
    CodeStatus{"repair_process", 409},    // FD-B: a repair goes through the repair request
    CodeStatus{"not_ours", 409},          // FD-D: a complaint not ours closes with the explanation
    CodeStatus{"complaint_ours", 409},    // FD-D: a complaint that is ours is dispatched, not replied
    CodeStatus{"not_a_complaint", 409},
    CodeStatus{"responsibility_unset",
               409},  // FD-D: ours or not ours is decided first     // FD-D: only a complaint carries a responsibility
    CodeStatus{"authority_not_told", 409},  // PK-9: the authority is not yet recorded as notified
    CodeStatus{"handover_exists", 409},     // PK-11: one handover per post and shift
    CodeStatus{"difference_unexplained", 409},
    // PK-11 (issue 13): each of the three signs once, each a different person.
    CodeStatus{"handover_taken", 409},            // taken over already ({name})
    CodeStatus{"handover_own", 409},              // the hander does not take their own shift over
    CodeStatus{"handover_supervisor", 409},       // the supervisor who signed does not take over
    CodeStatus{"handover_not_attendant", 409},    // the next shift's attendant takes over
    CodeStatus{"handover_signed", 409},           // signed already ({name})
    CodeStatus{"handover_signer_on_shift", 409},  // the supervisor is neither attendant
    // The car park's records as they are now (issue 13: the real reason, never "changed by someone").
    CodeStatus{"stay_status", 409},             // the stay is {status} now ({plate})
    CodeStatus{"hold_released", 409},           // the held car was released ({plate}, {name})
    CodeStatus{"incident_closed", 409},         // PK-9: the incident is closed
    CodeStatus{"card_suspended_already", 409},  // the card is suspended already
    CodeStatus{"card_not_suspended", 409},      // a card that is not suspended is not resumed
    CodeStatus{"no_camera", 409},               // the lane has no active camera to open
    CodeStatus{"no_tariff", 409},               // the car park has no tariff in force then
    CodeStatus{"already_decided", 409},         // an approval request already approved or refused
    // desk and repairs (issue 12)
    CodeStatus{"not_a_repair", 409},   // FD-B: only a desk repair case is raised into a repair request
    CodeStatus{"not_escalated", 409},  // FD-C: the butler answers a return visit escalated to them
    // Who (403): the caller's role in the site may not take this decision.
    CodeStatus{"not_approver", 403},  // PK-6: not a manager (approved) or team lead (policy)
};

}  // namespace

Refusal invalid_value(std::string code, std::string field, std::string message) {
    return Refusal{std::move(code), std::move(field), std::move(message), {}};
}

Refusal not_now(std::string code, std::string message) {
    return Refusal{std::move(code), "", std::move(message), {}};
}

int refusal_status(const Refusal& r) {
    for (const auto& c : kCodes)
        if (c.code == r.code) return c.status;
    return r.field.empty() ? 409 : 422;
}

std::vector<std::pair<std::string_view, int>> refusal_codes() {
    std::vector<std::pair<std::string_view, int>> out;
    for (const auto& c : kCodes) out.emplace_back(c.code, c.status);
    return out;
}

std::string params_json(const Refusal& r) {
    if (r.params.empty()) return "";
    boost::json::object o;
    for (const auto& [k, v] : r.params) {
        if (const auto* i = std::get_if<int64_t>(&v))
            o[k] = *i;
        else
            o[k] = std::get<std::string>(v);
    }
    return boost::json::serialize(o);
}

void raise(const Refusal& r) {
    AppError e(refusal_status(r), r.code, r.message, r.field);
    e.params_json = params_json(r);
    throw e;
}

void raise_refusal(const std::optional<Refusal>& r) {
    if (r) raise(*r);
}

}  // namespace propdesk
