// The car park's records (PK-1 … PK-11): lots, lanes, cameras, cards, the register's stays,
// held vehicles, incidents, camera events and the shift handover.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parking/tariff.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::parking {

inline constexpr const char* kVisitStatuses[] = {"inside", "exiting", "held", "exited", "refused"};
inline constexpr const char* kCategories[] = {"card", "visitor", "military_police"};
// PK-6: the classes of the site's policy-free register (政策性免費) kept in the vehicle files.
inline constexpr const char* kPolicyClasses[] = {"ambulance", "fire", "police", "military", "government", "utility"};
// PK-9 and PK-8: what an incident records; a barrier_override is a team lead opening a lane
// where a held or unpaid car waits.
inline constexpr const char* kIncidentKinds[] = {"gate_crash", "abandoned", "military_police", "barrier_override"};

struct Lot {
    int64_t id = 0;
    int64_t site_id = 0;
    std::string name;
    int64_t capacity = 0;
    // PK-8: a held car with no entry record pays this many days at the daily cap.
    int64_t no_entry_days = 1;
    // PK-10: a lane with at least peak_per_hour passes in the last hour and fewer than
    // peak_min_staff people on post alerts the team lead (0: no alert).
    int64_t peak_per_hour = 0;
    int64_t peak_min_staff = 2;
    int64_t version = 1;
    // The payment QR images the booths show the driver (files of kind photo), by scheme.
    std::optional<int64_t> qr_fps, qr_wechat, qr_alipay;
};

struct Lane {
    int64_t id = 0;
    int64_t site_id = 0;
    int64_t lot_id = 0;
    std::string name;
    std::string direction = "entry";
    std::string booth;
    int64_t version = 1;
};

struct Camera {
    int64_t id = 0;
    int64_t site_id = 0;
    int64_t lane_id = 0;
    int64_t lot_id = 0;
    std::string direction;  // the lane's
    std::string name;
    std::string serialno;
    bool active = true;
    std::optional<EpochMs> last_seen_at;
    int64_t version = 1;
};

struct Card {
    int64_t id = 0;
    int64_t site_id = 0;
    int64_t lot_id = 0;
    std::string card_no;
    std::string kind = "monthly";
    std::string holder_name;
    std::optional<int64_t> unit_id;
    EpochMs valid_from = 0;
    EpochMs valid_to = 0;  // exclusive
    std::string status = "active";
    std::string suspended_reason;
    std::vector<std::string> plates;
    int64_t version = 1;
};

struct Vehicle {
    int64_t id = 0;
    int64_t site_id = 0;
    std::string plate;
    std::string owner_name;
    std::string phone;
    std::optional<int64_t> unit_id;
    std::optional<int64_t> photo_file_id;
    std::string notes;
    std::string policy_class;  // PK-6: "" not on the policy-free register, else one of kPolicyClasses
    int64_t version = 1;
};

struct Visit {
    int64_t id = 0;
    int64_t site_id = 0;
    int64_t lot_id = 0;
    std::string plate;
    std::string plate_key;
    std::string status = "inside";
    std::string category = "visitor";
    std::optional<int64_t> card_id;
    std::optional<std::string> pass_no;
    bool pass_returned = false;
    std::string pass_lost_note;  // PK-5: a pass not handed back is recorded as lost, with a note
    std::optional<int64_t> entry_lane_id;
    std::optional<EpochMs> entry_at;
    std::string entry_method = "camera";
    std::optional<int64_t> entry_by;
    std::string damage_note;
    bool goods_checked = false;
    std::string goods_flag;
    std::string refusal_reason;
    std::optional<int64_t> exit_lane_id;
    std::optional<EpochMs> exit_at;
    std::string exit_method;
    std::optional<int64_t> exit_by;
    std::string charged_as;
    std::string visitor_reason;
    std::optional<int64_t> tariff_id;
    int64_t fee_cents = 0;
    int64_t paid_cents = 0;
    std::optional<std::string> payment_method;
    std::string payment_ref;
    int64_t received_cents = 0;  // cash handed over (the fee for an electronic payment)
    int64_t change_cents = 0;    // given back: received_cents - paid_cents
    std::string payment_scheme;  // the QR scanned: fps, wechat, alipay, or ""
    std::optional<EpochMs> paid_at;
    std::optional<int64_t> paid_by;
    std::optional<std::string> receipt_no;
    std::optional<std::string> free_category;
    std::optional<int64_t> approved_by;
    std::string remarks;
    int64_t version = 1;
    EpochMs created_at = 0;
    // Joined for display.
    std::string entry_lane_name, exit_lane_name, card_no, entry_by_name, exit_by_name, paid_by_name, approved_by_name;
};

// What became of a waiting car, for the booth pages: paid, released, freed, free_refused, held.
struct LaneChange {
    int64_t id = 0;
    int64_t site_id = 0;
    std::optional<int64_t> lane_id;
    int64_t visit_id = 0;
    std::string plate;
    std::string kind;
    std::optional<int64_t> by_user;
    EpochMs created_at = 0;
    std::string by_name;  // joined for display
};

struct Hold {
    int64_t id = 0;
    int64_t site_id = 0;
    int64_t visit_id = 0;
    std::optional<int64_t> lane_id;
    std::string reason;
    std::string note;
    EpochMs held_at = 0;
    std::optional<int64_t> held_by;
    std::string status = "held";
    std::optional<int64_t> verified_by;
    std::string verification_note;
    std::optional<int64_t> licence_file_id, id_file_id, statement_file_id;
    std::optional<EpochMs> released_at;
    int64_t version = 1;
    std::string plate, lane_name, held_by_name, verified_by_name;
};

// PK-6: a free exit the attendant asked for, waiting for a manager's approval ("approved") or,
// for a vehicle not on the policy-free register, the team lead's confirmation ("policy").
struct FreeRequest {
    int64_t id = 0;
    int64_t site_id = 0;
    int64_t visit_id = 0;
    std::optional<int64_t> lane_id;
    std::string category;  // approved, policy
    std::string reason;
    int64_t requested_by = 0;
    EpochMs requested_at = 0;
    std::string status = "pending";  // pending, approved, refused, cancelled
    std::optional<int64_t> decided_by;
    std::optional<EpochMs> decided_at;
    std::string decision_note;
    int64_t version = 1;
    // Joined for display.
    std::string plate, lane_name, requested_by_name, decided_by_name;
    int64_t fee_cents = 0;
};

struct Escalation {
    int64_t id = 0;
    std::string escalated_to;
    std::string note;
    EpochMs at = 0;
    int64_t by_user = 0;
    std::string by_name;
};

struct Incident {
    int64_t id = 0;
    int64_t site_id = 0;
    std::string kind;
    std::string plate;
    std::optional<int64_t> lane_id;
    std::optional<int64_t> visit_id;
    EpochMs occurred_at = 0;
    std::string description;
    std::string authority;
    std::optional<EpochMs> authority_notified_at;
    std::string outcome;
    std::string status = "open";
    std::optional<int64_t> snapshot_file_id;  // a staff upload
    std::optional<int64_t> event_id;          // or the camera event whose snapshot shows it
    std::optional<int64_t> snapshot_id;       // that event's snapshot (read)
    std::optional<int64_t> recorded_by;
    std::optional<int64_t> closed_by;
    std::optional<EpochMs> closed_at;
    int64_t version = 1;
    std::string lane_name, recorded_by_name;
};

// One plate push as the camera sent it.
struct PlatePush {
    std::string serialno;
    std::string plate;  // "_无_" when nothing was read
    int64_t plateid = 0;
    int64_t cam_sec = 0;
    int64_t cam_usec = 0;
    bool is_offline = false;
    bool opened_offline = false;     // gioouts ctrltype 2: the camera already opened the gate
    bool gate_outputs_sent = false;  // gioouts was in the push (cameras may leave it out)
    std::optional<int64_t> confidence;
    std::optional<int64_t> channel;
    std::string image_base64;  // may be empty
};

struct GateEvent {
    int64_t id = 0;
    std::optional<int64_t> site_id, camera_id, lane_id;
    std::string serialno, plate;
    int64_t plateid = 0, cam_sec = 0;
    bool is_offline = false, opened_offline = false;
    EpochMs received_at = 0;
    std::string decision, reason;
    int64_t fee_cents = 0;
    std::optional<int64_t> visit_id, snapshot_id;
    std::string led_text;  // the board's second line, also spoken after the plate
    int64_t channel = 0;
};

// A plate the camera should (or should no longer) let in on its own while offline.
struct WhitelistEntry {
    std::string plate;
    bool enabled = true;
    EpochMs enable_time = 0, overdue_time = 0;
};

struct Handover {
    int64_t id = 0;
    int64_t site_id = 0;
    std::string shift_date;
    std::string shift;
    std::string post;
    EpochMs period_start = 0, period_end = 0;
    int64_t handed_by = 0;
    std::optional<int64_t> taken_by;
    std::string duty_notes;
    int64_t radios = 0, keys = 0, batons = 0, torches = 0, tickets = 0;
    int64_t cash_cents = 0;
    int64_t system_cash_cents = 0;
    std::string difference_note;
    std::string remarks;
    std::string status = "handed";
    EpochMs handed_at = 0;
    std::optional<EpochMs> taken_at;
    std::optional<int64_t> supervisor_id;
    std::optional<EpochMs> signed_at;
    int64_t version = 1;
    std::string handed_by_name, taken_by_name, supervisor_name;
};

}  // namespace propdesk::parking
