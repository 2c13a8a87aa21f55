// The repair module's records (MT-1 … MT-5.0): requests and their flow sheet, arrivals,
// materials, charge lines, the price list, public work orders and each site's policy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/time/clock.hpp"

namespace propdesk::repair {

inline constexpr const char* kModes[] = {"immediate", "appointment"};
inline constexpr const char* kStatuses[] = {"recorded",  "assigned",    "on_site",   "rebook",         "proposed",
                                            "consented", "in_progress", "completed", "return_visited", "closed"};
inline constexpr const char* kWorkOrderStatuses[] = {"issued", "reported", "returned", "accepted", "archived"};

struct Repair {
    int64_t id = 0;
    int64_t site_id = 0;
    int64_t case_id = 0;
    std::string channel;
    std::optional<int64_t> unit_id;
    std::string unit_label;
    std::string caller_name;
    std::string caller_phone;
    std::string location;
    std::string description;
    std::string mode = "immediate";
    bool simple = false;
    EpochMs requested_at = 0;
    std::optional<EpochMs> slot_start, slot_end;
    EpochMs due_at = 0;
    std::optional<EpochMs> arrival_missed_at;  // MT-3.1: an immediate job nobody reached by due_at, flagged once
    std::string status = "recorded";
    std::optional<int64_t> technician_id;
    std::string technician_name;
    std::optional<int64_t> assigned_by;
    std::optional<EpochMs> assigned_at, arrived_at, first_arrived_at;
    std::optional<bool> first_on_time;
    std::string proposal_solution;
    std::string proposal_materials;
    std::optional<int64_t> proposal_minutes;
    std::optional<int64_t> proposal_price_cents;
    std::optional<EpochMs> proposed_at, consent_at;
    std::string consent_note;
    std::optional<EpochMs> started_at, completed_at;
    std::string work_done;
    bool restored = false;
    bool cleaned = false;
    std::string opinion;
    std::optional<int64_t> signature_file_id;
    std::string signed_by;
    int64_t charge_cents = 0;     // the price-list lines
    int64_t materials_cents = 0;  // the bought materials put on the receipt (MT-3.3)
    int64_t adjustment_cents = 0;
    std::string adjustment_reason;
    int64_t total_cents = 0;
    std::string charge_reason;  // MT-3.4: why the total differs from the consented quote
    std::optional<std::string> receipt_no;
    int64_t visit_count = 0;
    int64_t no_one_home_count = 0;
    int64_t reopen_count = 0;
    std::optional<bool> first_time_fix;
    std::optional<EpochMs> return_visit_due_at;
    std::optional<std::string> return_visit_outcome;  // the latest answer
    std::optional<EpochMs> return_visited_at;
    int64_t visits_answered = 0;  // every answered return visit of the job, for the KPIs
    int64_t visits_satisfied = 0;
    std::string close_reason;
    std::optional<EpochMs> closed_at;
    int64_t created_by = 0;
    std::string created_by_name;
    int64_t version = 1;
    EpochMs created_at = 0;
    EpochMs updated_at = 0;
};

struct Arrival {
    int64_t id = 0;
    int64_t repair_id = 0;
    int64_t site_id = 0;
    int64_t technician_id = 0;
    std::string technician_name;
    std::string mode;
    EpochMs expected_at = 0;
    EpochMs arrived_at = 0;
    std::string punctuality;             // on_time, early, late
    std::optional<std::string> outcome;  // no_one_home
    std::optional<int64_t> waited_ms;
    std::optional<EpochMs> left_at;
};

struct Material {
    int64_t id = 0;
    int64_t repair_id = 0;
    std::string source;  // resident, bought
    std::string name;
    std::string quantity;
    std::optional<bool> quality_ok;
    std::string quality_note;
    std::string resident_decision;
    std::string place;
    std::optional<int64_t> amount_cents;
    std::optional<int64_t> receipt_file_id;
    bool charged = false;  // a bought one on the resident's receipt, at its amount
    int64_t recorded_by = 0;
    std::string recorded_by_name;
    EpochMs recorded_at = 0;
};

struct ChargeLine {
    int64_t id = 0;
    int64_t price_item_id = 0;
    std::string code;
    std::string name;
    std::string unit;
    int64_t unit_price_cents = 0;
    int64_t quantity = 1;
    int64_t amount_cents = 0;
};

// One version of an item on the paid-service price list (特約服務收費指導標準).
struct PriceItem {
    int64_t id = 0;
    int64_t site_id = 0;
    int64_t item_key = 0;
    int64_t version = 1;
    std::string code;
    std::string name;
    std::string unit;
    int64_t price_cents = 0;
    bool active = true;
    std::optional<EpochMs> superseded_at;
    int64_t created_by = 0;
    std::string created_by_name;
    EpochMs created_at = 0;
};

struct WorkOrder {
    int64_t id = 0;
    int64_t site_id = 0;
    std::string number;
    std::string title;
    std::string location;
    std::string instructions;
    int64_t issued_by = 0;
    std::string issued_by_name;
    EpochMs issued_at = 0;
    int64_t technician_id = 0;
    std::string technician_name;
    std::optional<EpochMs> due_at;
    std::string status = "issued";
    std::string report;
    std::optional<EpochMs> reported_at;
    std::string return_reason;
    int64_t returned_count = 0;
    std::string inspection_note;
    std::optional<int64_t> accepted_by;
    std::string accepted_by_name;
    std::optional<EpochMs> accepted_at;
    std::optional<int64_t> signature_file_id;
    std::optional<EpochMs> archived_at;
    int64_t version = 1;
    EpochMs created_at = 0;
    EpochMs updated_at = 0;
};

struct Event {
    int64_t id = 0;
    std::string kind;
    std::optional<int64_t> actor_id;
    std::string actor_name;
    std::string note;
    EpochMs at = 0;
};

// MT-4.0: each site's return-visit window and rate; a site without a row uses these.
struct Policy {
    int64_t site_id = 0;
    int64_t return_visit_hours = 24;  // 1…24: by the end of the completion's local day, or sooner
    int64_t return_visit_percent = 100;
    int64_t min_wait_minutes = 5;  // MT-3.4: the wait at a door nobody opens before leaving (5…10)
    int64_t version = 0;           // 0: never saved, the defaults
    EpochMs updated_at = 0;
};

}  // namespace propdesk::repair
