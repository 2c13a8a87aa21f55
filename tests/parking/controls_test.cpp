// The car park's controls as pure rules (issue 12): one charge for every way out (PK-5, PK-8),
// the no-entry charge by the site's rule (PK-8), no barrier override past a held or unpaid car
// (PK-8), free exits decided by someone else (PK-6), the pass and the dangerous-goods answer
// (PK-5, PK-1), incidents closed only with the authority told (PK-9), posts and understaffing
// (PK-10, PK-11), offline records in camera-time order (PK-7), and evidence used once.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "parking/rules.hpp"
#include "platform/files/evidence.hpp"

namespace propdesk::parking::rules {
namespace {

constexpr EpochMs kDay = 86'400'000;
constexpr EpochMs kNoon = 1'767'240'000'000;  // 2026-01-01 12:00 +08:00
const std::string kZone = "Asia/Hong_Kong";

OpenStay stay(std::string category, std::optional<CardCheck> card = std::nullopt) {
    OpenStay s;
    s.status = "exiting";
    s.category = std::move(category);
    s.entry_at = kNoon;
    s.card = std::move(card);
    return s;
}

Fee fee(int64_t cents, bool free_period = false) {
    Fee f;
    f.cents = cents;
    f.free_period = free_period;
    return f;
}

Tariff tariff(int64_t cap) {
    Tariff t;
    t.free_minutes = 15;
    t.first_minutes = 60;
    t.first_cents = 2000;
    t.unit_minutes = 30;
    t.unit_cents = 1000;
    t.daily_cap_cents = cap;
    return t;
}

// ---- one charge for every way out (PK-5, PK-6, PK-8) ----

TEST(StayCharge, PK_5_AVisitorPaysTheTariffsFee) {
    auto c = stay_charge(stay("visitor"), fee(4000));
    EXPECT_EQ(c.reason, "fee_due");
    EXPECT_EQ(c.fee_cents, 4000);
    EXPECT_EQ(c.charged_as, "visitor");
    EXPECT_EQ(c.visitor_reason, "no_card");
    EXPECT_FALSE(c.free_category);
}

TEST(StayCharge, PK_6_WithinTheFreePeriodNothingIsCharged) {
    auto c = stay_charge(stay("visitor"), fee(0, true));
    EXPECT_EQ(c.reason, "free_period");
    EXPECT_EQ(c.free_category, "free_period");
    EXPECT_EQ(c.fee_cents, 0);
}

TEST(StayCharge, PK_4_AValidCardLeavesFreeAndALapsedOnePaysAsAVisitorWithTheReason) {
    auto ok = stay_charge(stay("card", CardCheck{7, ""}), fee(4000));
    EXPECT_EQ(ok.free_category, "card");
    EXPECT_EQ(ok.charged_as, "card");
    auto lapsed = stay_charge(stay("card", CardCheck{7, "card_expired"}), fee(4000));
    EXPECT_EQ(lapsed.fee_cents, 4000);
    EXPECT_EQ(lapsed.charged_as, "visitor");
    EXPECT_EQ(lapsed.visitor_reason, "card_expired");
}

TEST(StayCharge, PK_6_MilitaryAndPolicePlatesLeaveFreeUnderPolicy) {
    auto c = stay_charge(stay("military_police"), fee(4000));
    EXPECT_EQ(c.free_category, "policy");
    EXPECT_EQ(c.fee_cents, 0);
}

TEST(StayCharge, PK_8_AHeldStayIsChargedAsAtTheExit) {
    // decide_exit and a release share stay_charge: the same stay pays the same either way.
    ExitFacts f;
    f.plate = "粤B88888";
    f.stay = stay("visitor");
    f.visitor_fee = fee(4000);
    auto d = decide_exit(f);
    auto c = stay_charge(*f.stay, f.visitor_fee);
    EXPECT_EQ(d.fee_cents, c.fee_cents);
    EXPECT_EQ(d.reason, c.reason);
    EXPECT_EQ(d.charged_as, c.charged_as);
}

TEST(NoEntryFee, PK_8_AHeldCarWithNoEntryRecordPaysDaysAtTheDailyCap) {
    auto t = tariff(15000);
    EXPECT_EQ(no_entry_fee(&t, 1, kNoon, kZone), 15000);
    EXPECT_EQ(no_entry_fee(&t, 2, kNoon, kZone), 30000);
    EXPECT_EQ(no_entry_fee(&t, 0, kNoon, kZone), 0);
    EXPECT_EQ(no_entry_fee(nullptr, 1, kNoon, kZone), 0);
}

TEST(NoEntryFee, PK_8_WithoutACapItIsWhatAStayOfThatManyDaysCosts) {
    auto t = tariff(0);
    EXPECT_EQ(no_entry_fee(&t, 1, kNoon, kZone), stay_fee(t, kNoon - kDay, kNoon, kZone).cents);
    EXPECT_GT(no_entry_fee(&t, 1, kNoon, kZone), 0);
}

// ---- the barrier override (PK-8) ----

TEST(LaneOpen, PK_8_TheAttendantsOpenIsRefusedWhileAHeldCarWaits) {
    LaneOpenFacts f;
    f.waiting = WaitingStay{5, "粵B88888", "held"};
    auto d = lane_open(f);
    ASSERT_TRUE(d.refusal);
    EXPECT_EQ(d.refusal->code, "vehicle_held");
    EXPECT_EQ(refusal_status(*d.refusal), 409);
    EXPECT_FALSE(d.incident);
}

TEST(LaneOpen, PK_8_TheAttendantsOpenIsRefusedWhileAnUnpaidCarWaits) {
    LaneOpenFacts f;
    f.waiting = WaitingStay{5, "粵B88888", "exiting"};
    auto d = lane_open(f);
    ASSERT_TRUE(d.refusal);
    EXPECT_EQ(d.refusal->code, "vehicle_waiting");
}

TEST(LaneOpen, PK_8_NamingAHeldStayIsRefusedEvenWhenTheLaneIsClear) {
    LaneOpenFacts f;
    f.named = WaitingStay{9, "粵B1", "held"};
    auto d = lane_open(f);
    ASSERT_TRUE(d.refusal);
    EXPECT_EQ(d.refusal->code, "vehicle_held");
}

TEST(LaneOpen, PK_8_AClearLaneOpensForTheAttendantWithoutAnIncident) {
    LaneOpenFacts f;
    f.named = WaitingStay{9, "粵B1", "inside"};
    auto d = lane_open(f);
    EXPECT_FALSE(d.refusal);
    EXPECT_FALSE(d.incident);
}

TEST(LaneOpen, PK_8_TheTeamLeadMayOpenPastAHeldCarAndThatIsAnIncident) {
    LaneOpenFacts f;
    f.team_lead = true;
    f.waiting = WaitingStay{5, "粵B88888", "held"};
    auto d = lane_open(f);
    EXPECT_FALSE(d.refusal);
    EXPECT_TRUE(d.incident);
    f.waiting.reset();
    EXPECT_FALSE(lane_open(f).incident);
}

// ---- free exits (PK-6) ----

TEST(FreeExit, PK_6_AnApprovedFreeExitAlwaysWaitsForAManager) {
    EXPECT_EQ(free_exit_approver("approved", "", false), FreeApprover::manager);
    EXPECT_EQ(free_exit_approver("approved", "", true), FreeApprover::manager);
    EXPECT_EQ(free_exit_approver("approved", "ambulance", false), FreeApprover::manager);
}

TEST(FreeExit, PK_6_APolicyExitIsImmediateOnlyForAVehicleOnTheRegister) {
    EXPECT_EQ(free_exit_approver("policy", "ambulance", false), FreeApprover::none);
    EXPECT_EQ(free_exit_approver("policy", "", false), FreeApprover::team_lead);
    EXPECT_EQ(free_exit_approver("policy", "", true), FreeApprover::none);  // the team lead confirms it
}

FreeRequest pending(std::string category) {
    FreeRequest r;
    r.id = 1;
    r.category = std::move(category);
    r.requested_by = 10;
    r.status = "pending";
    return r;
}

TEST(FreeExit, PK_6_TheRequesterNeverDecidesTheirOwnRequest) {
    auto r = free_decision_refusal(pending("approved"), {10, true, true}, "");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "self_approval");
}

TEST(FreeExit, PK_6_OnlyAManagerApprovesAnApprovedExit) {
    auto r = free_decision_refusal(pending("approved"), {20, false, true}, "");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "not_approver");
    EXPECT_EQ(refusal_status(*r), 403);
    EXPECT_EQ(free_decision_refusal(pending("approved"), {20, true, false}, ""), std::nullopt);
}

TEST(FreeExit, PK_6_TheTeamLeadOrAManagerConfirmsAPolicyExit) {
    EXPECT_EQ(free_decision_refusal(pending("policy"), {20, false, true}, ""), std::nullopt);
    EXPECT_EQ(free_decision_refusal(pending("policy"), {20, true, false}, ""), std::nullopt);
    auto r = free_decision_refusal(pending("policy"), {20, false, false}, "");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "not_approver");
}

TEST(FreeExit, PK_6_ADecidedRequestIsNotDecidedAgain) {
    auto req = pending("approved");
    for (const char* status : {"approved", "refused", "cancelled"}) {
        req.status = status;
        auto r = free_decision_refusal(req, {20, true, true}, "");
        ASSERT_TRUE(r) << status;
        EXPECT_EQ(r->code, "already_decided");
    }
}

TEST(FreeExit, PK_6_TheRemarkNamesTheCategoryTheApproverAndTheReason) {
    EXPECT_EQ(free_remark("approved", "", "王經理", "業主親屬探病"), "領導批准免費（批准人：王經理）：業主親屬探病");
    EXPECT_EQ(free_remark("policy", "ambulance", "", "送院"), "政策性免費（救護車，登記在冊）：送院");
    EXPECT_EQ(free_remark("policy", "", "張班長", "市政巡查"), "政策性免費（班長確認：張班長）：市政巡查");
    EXPECT_EQ(free_remark("approved", "", "王經理", "\xe3\x80\x80"), "領導批准免費（批准人：王經理）");
}

// ---- the pass and the dangerous-goods answer (PK-5, PK-1) ----

TEST(Pass, PK_5_AVisitorsPassIsTakenBackOrRecordedLostWithANote) {
    EXPECT_EQ(pass_refusal(true, true, ""), std::nullopt);
    EXPECT_EQ(pass_refusal(true, false, "司機遺失"), std::nullopt);
    EXPECT_EQ(pass_refusal(false, false, ""), std::nullopt);  // a card holder has no pass
    for (const char* note : {"", "  ", "\xe3\x80\x80"}) {
        auto r = pass_refusal(true, false, note);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->code, "pass_unrecorded");
        EXPECT_EQ(r->field, "pass_returned");
    }
}

TEST(Goods, PK_1_AManualEntryAnswersTheDangerousGoodsCheckExplicitly) {
    EXPECT_EQ(goods_check_refusal(true, ""), std::nullopt);
    EXPECT_EQ(goods_check_refusal(std::nullopt, "flammable"), std::nullopt);
    for (auto checked : {std::optional<bool>(), std::optional<bool>(false)}) {
        auto r = goods_check_refusal(checked, "");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->field, "goods_checked");
    }
}

// ---- incidents (PK-9) ----

Incident incident(std::string kind) {
    Incident i;
    i.kind = std::move(kind);
    i.status = "open";
    return i;
}

TEST(IncidentClose, PK_9_AGateCrashAbandonmentOrMilitaryPlateClosesOnlyOnceTheAuthorityWasTold) {
    for (const char* kind : {"gate_crash", "abandoned", "military_police"}) {
        auto i = incident(kind);
        auto r = incident_close_refusal(i, "已交警方處理");
        ASSERT_TRUE(r) << kind;
        EXPECT_EQ(r->code, "authority_not_told");
        i.authority = "派出所";
        EXPECT_TRUE(incident_close_refusal(i, "已交警方處理")) << "told when?";
        i.authority_notified_at = kNoon;
        EXPECT_EQ(incident_close_refusal(i, "已交警方處理"), std::nullopt) << kind;
        EXPECT_EQ(incident_close_refusal(i, "\xe3\x80\x80")->field, "outcome");
    }
}

TEST(IncidentClose, PK_8_ABarrierOverrideClosesWithItsOutcome) {
    auto i = incident("barrier_override");
    EXPECT_EQ(incident_close_refusal(i, "經理已覆核"), std::nullopt);
    i.status = "closed";
    EXPECT_EQ(incident_close_refusal(i, "x")->code, "incident_closed");
}

// ---- posts (PK-10, PK-11) ----

TEST(Posts, PK_11_ALanesTakingsCountUnderItsBoothOrItsName) {
    Lane l;
    l.name = "出口 A";
    l.booth = "出口崗亭";
    EXPECT_EQ(post_of_lane(l), "出口崗亭");
    l.booth = "\xe3\x80\x80";
    EXPECT_EQ(post_of_lane(l), "出口 A");
}

TEST(Posts, PK_10_ALaneIsUnderstaffedOnlyPastTheThresholdWithTooFewOnPost) {
    Lot lot;
    lot.peak_per_hour = 60;
    lot.peak_min_staff = 2;
    EXPECT_TRUE(understaffed(60, 1, lot));
    EXPECT_FALSE(understaffed(59, 0, lot));
    EXPECT_FALSE(understaffed(120, 2, lot));
    lot.peak_per_hour = 0;  // no threshold set
    EXPECT_FALSE(understaffed(500, 0, lot));
}

// ---- offline records in camera-time order (PK-7) ----

TEST(Offline, PK_7_AnEntryAfterTheOpenStaysIsTheCarAlreadyInside) {
    EXPECT_EQ(place_offline_entry(kNoon, kNoon - 1000, std::nullopt), OfflineEntry::already_inside);
    EXPECT_EQ(place_offline_entry(kNoon, kNoon, std::nullopt), OfflineEntry::already_inside);
}

TEST(Offline, PK_7_AnEntryReplayedAfterItsExitIsClosedByThatExit) {
    EXPECT_EQ(place_offline_entry(kNoon, std::nullopt, kNoon + 5000), OfflineEntry::closed_by_later_exit);
    // …also when the car has come back in live since: the exit lies between the two entries.
    EXPECT_EQ(place_offline_entry(kNoon, kNoon + 9000, kNoon + 5000), OfflineEntry::closed_by_later_exit);
}

TEST(Offline, PK_7_AnEntryBeforeALaterLiveEntryIsAnEarlierStay) {
    EXPECT_EQ(place_offline_entry(kNoon, kNoon + 9000, std::nullopt), OfflineEntry::earlier_stay);
    // An orphan exit after the later live entry is not this stay's.
    EXPECT_EQ(place_offline_entry(kNoon, kNoon + 9000, kNoon + 12000), OfflineEntry::earlier_stay);
    EXPECT_EQ(place_offline_entry(kNoon, std::nullopt, std::nullopt), OfflineEntry::new_stay);
    EXPECT_EQ(place_offline_entry(kNoon, std::nullopt, kNoon - 1), OfflineEntry::new_stay);  // exit before entry
}

TEST(Offline, PK_7_AnExitIsPlacedBeforeOrAfterTheOpenStayByItsTime) {
    EXPECT_EQ(place_offline_exit(kNoon, kNoon - 1000, false), OfflineExit::closes_open);
    EXPECT_EQ(place_offline_exit(kNoon, kNoon + 1000, true), OfflineExit::closes_earlier);
    EXPECT_EQ(place_offline_exit(kNoon, kNoon + 1000, false), OfflineExit::orphan);
    EXPECT_EQ(place_offline_exit(kNoon, std::nullopt, false), OfflineExit::orphan);
}

}  // namespace
}  // namespace propdesk::parking::rules

namespace propdesk::files {
namespace {

File file(int64_t id, std::string kind, int64_t site = 1) {
    File f;
    f.id = id;
    f.site_id = site;
    f.kind = std::move(kind);
    return f;
}

TEST(Evidence, PK_8_MT_3_4_AFileServesOneRecord) {
    Use hold{"parking_hold", 5, "licence"};
    EXPECT_EQ(evidence_refusal(file(1, "document"), 1, {"document", "photo"}, std::nullopt, hold, "licence_file_id"),
              std::nullopt);
    // The same use again (a retry) is no change.
    EXPECT_EQ(evidence_refusal(file(1, "document"), 1, {"document", "photo"}, hold, hold, "licence_file_id"),
              std::nullopt);
    auto other = evidence_refusal(file(1, "document"), 1, {"document", "photo"}, Use{"parking_hold", 6, "licence"},
                                  hold, "licence_file_id");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->code, "file_in_use");
    auto repair = evidence_refusal(file(1, "photo"), 1, {"document", "photo"}, Use{"repair", 3, "signature"}, hold,
                                   "licence_file_id");
    ASSERT_TRUE(repair);
    EXPECT_EQ(repair->code, "file_in_use");
}

TEST(Evidence, PK_8_OneFileIsNotTwoPiecesOfTheSameRecord) {
    auto r = evidence_refusal(file(1, "document"), 1, {"document", "photo"}, Use{"parking_hold", 5, "licence"},
                              Use{"parking_hold", 5, "id_card"}, "id_file_id");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "same_file");
    EXPECT_EQ(r->field, "id_file_id");
}

TEST(Evidence, PK_8_AFileOfAnotherSiteOrKindIsRefused) {
    Use hold{"parking_hold", 5, "licence"};
    EXPECT_EQ(evidence_refusal(file(1, "document", 2), 1, {"document"}, std::nullopt, hold, "f")->code,
              "no_such_record");
    EXPECT_EQ(evidence_refusal(std::nullopt, 1, {"document"}, std::nullopt, hold, "f")->code, "no_such_record");
    auto kind = evidence_refusal(file(1, "signature"), 1, {"document", "photo"}, std::nullopt, hold, "f");
    ASSERT_TRUE(kind);
    EXPECT_EQ(kind->code, "file_kind");
    EXPECT_EQ(refusal_status(*kind), 422);
}

}  // namespace
}  // namespace propdesk::files
