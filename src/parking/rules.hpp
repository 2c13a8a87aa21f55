// The car park's rules as pure functions (PK-1 … PK-11): plates, cards, what a gate does with a
// vehicle at entry and exit, and the shift windows. No I/O; the time is passed in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parking/model.hpp"
#include "platform/rules/refusal.hpp"

namespace propdesk::parking::rules {

// Plates compare Traditional/Simplified- and case-insensitively, without spaces or separators:
// a camera reads 粤B12345 where the card says 粵B·12345.
std::string plate_key(std::string_view plate);
// The camera read nothing ("_无_", also 無 or empty).
bool no_plate(std::string_view plate);
// Military (軍/军, WJ) and police (…警) plates go to the responsible department (PK-9).
bool military_police_plate(std::string_view plate);

// "" when the card lets this plate in or out at `at`; otherwise why it is charged as a visitor
// (PK-4): card_suspended, card_expired, card_mismatch. Suspension is reported before expiry.
std::string card_problem(const Card& card, std::string_view plate_key, EpochMs at);

struct CardCheck {
    int64_t card_id = 0;
    std::string problem;  // "" valid
};

struct EntryFacts {
    std::string plate;
    bool already_inside = false;
    std::optional<CardCheck> card;  // the best card bound to the plate, if any
    std::string goods_flag;         // PK-1: "" clear, or flammable/explosive/toxic
    bool opened_offline = false;    // the camera already let it in from its whitelist
};

struct EntryDecision {
    std::string decision;  // open, hold, refuse, reconciled
    std::string reason;    // no_plate, already_inside, dangerous_goods, …
    std::string category;  // card, visitor, military_police (when a stay is opened)
    std::optional<int64_t> card_id;
    std::string visitor_reason;  // why a card holder is treated as a visitor
    bool opens_stay = false;     // a stay (register line) is created
    bool refused_stay = false;   // a refused line is written (dangerous goods)
    bool issue_pass = false;     // a visitor gets a numbered pass (PK-3)
    bool incident = false;       // a military/police plate: an incident for the department
};
EntryDecision decide_entry(const EntryFacts& f);

struct OpenStay {
    std::string status;    // inside, exiting, held
    std::string category;  // card, visitor, military_police
    EpochMs entry_at = 0;
    std::optional<CardCheck> card;  // the stay's card, checked again at exit
};

struct ExitFacts {
    std::string plate;
    std::optional<OpenStay> stay;
    std::optional<CardCheck> card;  // without a stay: the best card bound to the plate for this lot
    Fee visitor_fee;                // the tariff's fee for the stay (computed by the caller with stay_fee)
    bool opened_offline = false;
};

struct ExitDecision {
    std::string decision;        // open, hold, reconciled
    std::string reason;          // card, free_period, policy, fee_due, no_entry, held, no_plate, …
    std::string charged_as;      // card, visitor
    std::string visitor_reason;  // card_expired, …
    int64_t fee_cents = 0;
    std::optional<std::string> free_category;  // card, policy, free_period: exits free now
    bool closes_stay = false;                  // the stay is exited now
    bool records_exit = false;                 // no stay, a valid card: an exited stay is written
    bool holds = false;                        // a held stay and hold record (PK-8)
};
ExitDecision decide_exit(const ExitFacts& f);

// PK-7: an offline record replayed by a camera is placed by the camera's time, not by when it
// arrived. An entry at `at`: inside already (an open stay entered at or before it), closed at once
// by an exit the camera replayed first (the earliest unmatched one at or after it, and before any
// later open stay), a stay before the open one whose exit is not known yet, or a new stay.
enum class OfflineEntry { new_stay, already_inside, closed_by_later_exit, earlier_stay };
OfflineEntry place_offline_entry(EpochMs at,
                                 std::optional<EpochMs> open_entry_at,
                                 std::optional<EpochMs> orphan_exit_at);
// An exit at `at`: closes the open stay if it entered at or before it, else the earlier stay
// whose exit was unknown, else it waits for its entry (an orphan).
enum class OfflineExit { closes_open, closes_earlier, orphan };
OfflineExit place_offline_exit(EpochMs at, std::optional<EpochMs> open_entry_at, bool earlier_stay_open);

// PK-5, PK-6, PK-8: what a stay pays when it leaves now, whoever lets it out (the camera, the
// attendant, the team lead at a release). A military/police stay leaves free under policy; a
// card stay free while its card is good for the lot; a visitor pays the tariff's fee unless the
// stay was within the free period. `visitor_fee` is stay_fee by the tariff in force at entry.
struct StayCharge {
    std::string reason;          // card, policy, free_period, fee_due
    std::string charged_as;      // card, visitor, "" (policy)
    std::string visitor_reason;  // why a card stay pays as a visitor; "" keeps what entry recorded
    int64_t fee_cents = 0;
    std::optional<std::string> free_category;  // card, policy, free_period
};
StayCharge stay_charge(const OpenStay& s, const Fee& visitor_fee);
// PK-8: a held car with no entry record pays by the site's rule, not a figure typed at the booth:
// `days` days at the daily cap of the tariff in force now (without a cap, what a stay of that
// many days costs). No tariff: nothing to charge.
int64_t no_entry_fee(const Tariff* in_force, int64_t days, EpochMs now, const std::string& zone);

// PK-8: nobody lets a held or unpaid car through by opening the barrier. The attendant's open is
// refused while such a stay waits at the lane (or when the stay it names is held); the team lead
// may open with a reason, and that open is an incident.
struct WaitingStay {
    int64_t visit_id = 0;
    std::string plate;
    std::string status;  // exiting (fee due), held
};
struct LaneOpenFacts {
    bool team_lead = false;              // holds parking_release in the site
    std::optional<WaitingStay> waiting;  // a held or unpaid stay at this lane
    std::optional<WaitingStay> named;    // the stay the request names (visit_id)
};
struct LaneOpen {
    std::optional<Refusal> refusal;
    bool incident = false;  // the team lead opened past a held or unpaid car
};
LaneOpen lane_open(const LaneOpenFacts& f);

// PK-6: who must agree before a stay leaves free. "approved" (公司領導批準) always waits for a
// manager who is not the requester; "policy" (政策性免費) is immediate for a vehicle on the site's
// policy-free register, and otherwise needs the team lead's confirmation (immediate when the
// requester is the team lead).
enum class FreeApprover { none, team_lead, manager };
FreeApprover free_exit_approver(std::string_view category, std::string_view policy_class, bool requester_is_team_lead);
// Whether `decider` may approve or refuse a pending request now: not the requester, holding the
// approver's role for its category, and the request still pending.
struct FreeDecider {
    int64_t user_id = 0;
    bool manager = false;    // parking_approve in the site
    bool team_lead = false;  // parking_release in the site
};
std::optional<Refusal> free_decision_refusal(const FreeRequest& r, const FreeDecider& d, std::string_view policy_class);
// The register's remark for a free exit: the category, who approved or confirmed it, and why.
std::string free_remark(std::string_view category,
                        std::string_view policy_class,
                        std::string_view approver_name,
                        std::string_view reason);

// PK-5, PK-8: a fee taken at the booth (or at a release). The amount is the fee due. Cash: what
// the driver handed over is at least the fee, and the change is what is over (absent: exactly
// the fee). Electronic: the payment's reference (the transaction number on the driver's phone)
// is recorded, and exactly the fee is received. The refusal names the body's field.
struct PaymentFacts {
    std::string method;  // cash, electronic
    int64_t fee_cents = 0;
    int64_t amount_cents = 0;
    std::optional<int64_t> received_cents;
    std::string reference;
};
struct PaymentTaken {
    std::optional<Refusal> refusal;
    int64_t received_cents = 0;
    int64_t change_cents = 0;
};
PaymentTaken take_payment(const PaymentFacts& f);

// PK-1: a car let in at the booth has an explicit answer to the dangerous-goods check: checked and
// clear, or what was found. No answer is no check.
std::optional<Refusal> goods_check_refusal(std::optional<bool> checked, std::string_view flag);

// PK-5: a visitor's pass is taken back at the exit, or recorded as lost with a note.
std::optional<Refusal> pass_refusal(bool has_pass, bool returned, std::string_view lost_note);

// PK-9: an incident of a gate crash, an abandoned car or military/police plates closes only once
// the authority is recorded as notified, and any incident only with its outcome.
std::optional<Refusal> incident_close_refusal(const Incident& i, std::string_view outcome);

// PK-11: the post a lane's takings are counted under: its booth, or the lane's name.
std::string post_of_lane(const Lane& l);

// PK-10: a lane busier than the site's threshold with fewer people on post than it needs.
bool understaffed(int64_t passes_last_hour, int64_t on_post, const Lot& lot);

// PK-8: a release needs the team lead's verification (not blank in any script), the driving
// licence copy, the ID-card copy and the signed statement as three different files, and the fee
// settled (paid in full, or nothing due). The first thing missing, naming its field.
struct ReleaseEvidence {
    std::string verification_note;
    std::optional<int64_t> licence, id_card, statement;  // file ids
    bool fee_settled = false;
};
std::optional<Refusal> release_refusal(const ReleaseEvidence& e);

// Local minute-of-day windows of the three shifts; night runs past midnight.
struct ShiftWindow {
    int start_minute = 0;
    int end_minute = 0;  // <= start: ends the next day
};
std::optional<ShiftWindow> shift_window(std::string_view shift);
// The shift a local minute of day falls in.
std::string shift_at(int minute_of_day);

// PK-11: the supervisor may sign when the cash matches or the difference is explained.
bool handover_balances(int64_t counted_cents, int64_t system_cents, std::string_view difference_note);

// PK-11: three people sign a handover, each once and each a different person. The attendant of
// the next shift takes it over: an attendant of the site, not the one who handed it over, not
// its supervisor, and only while nobody has.
std::optional<Refusal> handover_take_refusal(const Handover& h, int64_t taker, bool taker_is_attendant);
// The team lead signs as supervisor without taking the shift over, before or after the next
// attendant does: not one of the two attendants, once, and with the cash counted matching the
// system's figure (as of now) or the difference explained.
std::optional<Refusal> handover_sign_refusal(const Handover& h,
                                             int64_t signer,
                                             int64_t system_cash_cents,
                                             std::string_view difference_note);
// The status after a step: "handed" until someone acts, "taken" once taken over and not signed,
// "signed" once the supervisor signed (taken_by says whether the next attendant has taken over).
std::string handover_status(const Handover& h);

}  // namespace propdesk::parking::rules
