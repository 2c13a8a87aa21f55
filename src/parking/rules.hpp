// The car park's rules as pure functions (PK-1 … PK-11): plates, cards, what a gate does with a
// vehicle at entry and exit, and the shift windows. No I/O; the time is passed in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parking/model.hpp"

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

// Where a release is refused, the first missing piece of PK-8's evidence: "verification",
// "licence_file_id", "id_file_id", "statement_file_id", or "fee" (unpaid). "" when complete.
struct ReleaseEvidence {
    bool verified = false;
    bool licence = false, id_card = false, statement = false;
    bool fee_settled = false;  // paid in full or free
};
std::string release_missing(const ReleaseEvidence& e);

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

}  // namespace propdesk::parking::rules
