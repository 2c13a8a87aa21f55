// A vehicle at a lane, whoever reports it: a camera's plate push, a card swipe, or the attendant
// typing the plate. Reads what the rules need, applies their decision to the register (stays,
// holds, incidents) and says what the barrier and the LED board do. Runs inside the caller's
// write transaction.
#pragma once

#include <optional>
#include <string>

#include "parking/model.hpp"
#include "parking/rules.hpp"
#include "platform/db/db.hpp"

namespace propdesk::parking::gate {

struct Arrival {
    std::string plate;
    std::string method = "camera";   // camera, card, manual
    std::optional<int64_t> user_id;  // the attendant, for card/manual
    std::string card_no;             // a swiped card (method card)
    bool goods_checked = false;
    std::string goods_flag;  // PK-1
    std::string damage_note;
    bool offline = false;                          // an offline record replayed by the camera
    bool opened_offline = false;                   // …which the camera already let through
    EpochMs at = 0;                                // when the vehicle was at the lane
    const std::vector<Tariff>* tariffs = nullptr;  // the lot's versions, when the caller has them
    bool want_record = true;                       // read the stay back with its names (the camera path needs only ids)
};

struct Outcome {
    std::string decision;  // open, hold, refuse, reconciled
    std::string reason;
    int64_t fee_cents = 0;
    std::optional<int64_t> visit_id;
    std::optional<Visit> visit;  // with want_record
    std::optional<Hold> hold;
    std::string led_line;  // plate line for the board
    std::string message;   // second line, also spoken
};

Outcome at_entry(db::Conn& c, const Lane& lane, const std::string& zone, const Arrival& a, EpochMs now);
Outcome at_exit(db::Conn& c, const Lane& lane, const std::string& zone, const Arrival& a, EpochMs now);

// The visitor fee of a stay now, by the tariff in force at its entry (0 without entry or tariff).
Fee fee_of(db::Conn& c, const Visit& v, const std::string& zone, EpochMs at);
Fee fee_by(const std::vector<Tariff>& versions, const Visit& v, const std::string& zone, EpochMs at);
// "PK2026-000001": receipts, numbered per site and local year.
std::string next_receipt_no(db::Conn& c, int64_t site_id, const std::string& zone, EpochMs now);
// "T2026-000123": a temporary pass (車輛出入證), numbered by its stay and the local year of entry.
std::string pass_no_of(int64_t visit_id, EpochMs entry_at, const std::string& zone);
// Tells the lane's cameras to open on their next heartbeat.
void open_lane(db::Conn& c,
               int64_t site_id,
               int64_t lane_id,
               const std::string& reason,
               std::optional<int64_t> visit_id,
               std::optional<int64_t> by,
               EpochMs now);
// PK-8: the team leads are told of a hold as it happens.
void tell_team_leads(db::Conn& c, const Hold& h, const std::string& plate, std::optional<int64_t> actor, EpochMs now);
std::string money_text(int64_t cents);

struct Payment {
    std::string method;  // cash, electronic
    int64_t amount_cents = 0;
    std::string reference;
    std::optional<int64_t> received_cents;  // cash handed over (absent: exactly the amount)
    std::string scheme;                     // the QR scanned: fps, wechat, alipay, or ""
};
// PK-5: the rules' check of a payment of `fee_cents` (rules::take_payment); throws its refusal
// with the field under `prefix` ("" at the booth, "payment." at a release). The received cash
// and the change, to record with the payment.
rules::PaymentTaken check_payment(const Payment& p, int64_t fee_cents, const std::string& prefix);
// What a waiting car came to, for every booth page (live, and the lane card's last change):
// paid, released, freed, free_refused, held.
void tell_booths(db::Conn& c, const Visit& v, const std::string& kind, std::optional<int64_t> by, EpochMs now);
// PK-5, PK-8: what the stay pays if it leaves now (the same rules as at the camera); a stay
// with no entry record pays the lot's no-entry rule (PK-8).
rules::StayCharge charge_now(db::Conn& c, const Visit& v, const std::string& zone, EpochMs now);
rules::StayCharge charge_at(
    db::Conn& c, const Visit& v, const std::string& zone, EpochMs at, const std::vector<Tariff>& versions);
// Applies a charge to the stay: the fee due, how it is charged, the tariff used.
void apply_charge(Visit& v, const rules::StayCharge& charge);
// PK-6: the stay leaves free now, with its category, approver (or confirmer) and remark; the
// lane's barrier is told to open.
void leave_free(db::Conn& c,
                Visit& v,
                const std::string& category,
                std::optional<int64_t> approver,
                const std::string& remark,
                int64_t user,
                EpochMs now);
// PK-8: a held or unpaid stay waiting at the lane's barrier, if any.
std::optional<rules::WaitingStay> waiting_at(db::Conn& c, int64_t site_id, int64_t lane_id);

// The stay leaves: the payment (if any, checked by check_payment) recorded with a numbered
// receipt, the cash received and the change, the exit lane told to open and the booths told
// (`told_as`: paid, released). Used by the attendant's payment and the team lead's release.
void settle(db::Conn& c,
            Visit& v,
            const std::optional<Payment>& pay,
            int64_t user,
            const std::string& zone,
            EpochMs now,
            const std::string& told_as);

}  // namespace propdesk::parking::gate
