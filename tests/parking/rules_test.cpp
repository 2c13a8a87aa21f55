// The car park's rules (PK-1 … PK-11) as pure functions: plate keys, card checks, what a gate does
// with a vehicle at entry and exit, PK-8's release evidence, shift windows and the PK-11 handover.
#include "parking/rules.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace propdesk::parking::rules {
namespace {

constexpr EpochMs kFrom = 1'767'196'800'000;         // 2026-01-01 00:00 +08:00
constexpr EpochMs kTo = kFrom + 365LL * 86'400'000;  // exclusive

Card card_for(std::string plate) {
    Card c;
    c.id = 7;
    c.card_no = "M-0007";
    c.valid_from = kFrom;
    c.valid_to = kTo;
    c.status = "active";
    c.plates = {std::move(plate)};
    return c;
}

CardCheck valid_card(int64_t id = 7) {
    return CardCheck{id, ""};
}

// plate_key, no_plate, military_police_plate

TEST(ParkingRules, PK_4_PlateKeyTraditionalAndSimplifiedProvinceAreEqual) {
    EXPECT_EQ(plate_key("粤B12345"), plate_key("粵B12345"));
    EXPECT_EQ(plate_key("粵B12345"), "粤B12345");
}

TEST(ParkingRules, PK_4_PlateKeyDropsSpaces) {
    EXPECT_EQ(plate_key("粤 B 12345"), "粤B12345");
    EXPECT_EQ(plate_key(" AB 1234 "), "AB1234");
    EXPECT_EQ(plate_key("粤B\t12345"), "粤B12345");
}

TEST(ParkingRules, PK_4_PlateKeyDropsTheMiddleDot) {
    // U+00B7 as printed on mainland plates: 粵B·12345.
    EXPECT_EQ(plate_key("粵B\u00B712345"), "粤B12345");
    EXPECT_EQ(plate_key("粤B·12345"), plate_key("粤B12345"));
}

TEST(ParkingRules, PK_4_PlateKeyIsUpperCase) {
    EXPECT_EQ(plate_key("粤b12345"), "粤B12345");
    EXPECT_EQ(plate_key("ab1234"), "AB1234");
}

TEST(ParkingRules, PK_4_PlateKeyDropsHyphensAndDots) {
    EXPECT_EQ(plate_key("粤B-12345"), "粤B12345");
    EXPECT_EQ(plate_key("WJ01-12345"), "WJ0112345");
    EXPECT_EQ(plate_key("粤B.12345"), "粤B12345");
}

TEST(ParkingRules, PK_4_PlateKeyOfCameraReadAndCardPlateMatch) {
    EXPECT_EQ(plate_key("粤B12345"), plate_key("粵b · 12345"));
    EXPECT_NE(plate_key("粤B12345"), plate_key("粤B12346"));
}

TEST(ParkingRules, PK_7_NoPlateIsTheCameraMarkerOrEmpty) {
    EXPECT_TRUE(no_plate("_无_"));
    EXPECT_TRUE(no_plate("_無_"));
    EXPECT_TRUE(no_plate(""));
    EXPECT_TRUE(no_plate("无"));
    EXPECT_TRUE(no_plate("無"));
    EXPECT_FALSE(no_plate("粤B12345"));
    EXPECT_FALSE(no_plate("_"));
}

TEST(ParkingRules, PK_9_PolicePlateEndsInJing) {
    EXPECT_TRUE(military_police_plate("粤B1234警"));
    EXPECT_TRUE(military_police_plate("粤B·1234警"));
}

TEST(ParkingRules, PK_9_MilitaryPlateCarriesJunSimplifiedOrTraditional) {
    EXPECT_TRUE(military_police_plate("军A12345"));
    EXPECT_TRUE(military_police_plate("軍A12345"));
}

TEST(ParkingRules, PK_9_ArmedPolicePlateStartsWithWJ) {
    EXPECT_TRUE(military_police_plate("WJ01-12345"));
    EXPECT_TRUE(military_police_plate("wj0112345"));
    EXPECT_TRUE(military_police_plate("WJ 粤 1234X"));
}

TEST(ParkingRules, PK_9_OrdinaryPlateIsNotMilitaryOrPolice) {
    EXPECT_FALSE(military_police_plate("粤B12345"));
    EXPECT_FALSE(military_police_plate("粵Z9065澳"));
    EXPECT_FALSE(military_police_plate("AB1234"));
    EXPECT_FALSE(military_police_plate("粤BWJ123"));  // WJ only counts as a prefix
    EXPECT_FALSE(military_police_plate("_无_"));
}

// card_problem

TEST(ParkingRules, PK_4_SuspendedIsReportedBeforeExpired) {
    Card c = card_for("粤B12345");
    c.status = "suspended";
    EXPECT_EQ(card_problem(c, plate_key("粤B12345"), kFrom + 1000), "card_suspended");
    // Suspended and also expired and bound elsewhere: still suspended first.
    EXPECT_EQ(card_problem(c, plate_key("粤C99999"), kTo + 1000), "card_suspended");
}

TEST(ParkingRules, PK_4_CardIsExpiredAtExactlyValidTo) {
    Card c = card_for("粤B12345");
    std::string key = plate_key("粤B12345");
    EXPECT_EQ(card_problem(c, key, kTo - 1), "");
    EXPECT_EQ(card_problem(c, key, kTo), "card_expired");
    EXPECT_EQ(card_problem(c, key, kTo + 1), "card_expired");
}

TEST(ParkingRules, PK_4_CardIsExpiredBeforeValidFrom) {
    Card c = card_for("粤B12345");
    std::string key = plate_key("粤B12345");
    EXPECT_EQ(card_problem(c, key, kFrom - 1), "card_expired");
    EXPECT_EQ(card_problem(c, key, kFrom), "");
}

TEST(ParkingRules, PK_4_ExpiryIsReportedBeforeMismatch) {
    Card c = card_for("粤B12345");
    EXPECT_EQ(card_problem(c, plate_key("粤C99999"), kTo), "card_expired");
}

TEST(ParkingRules, PK_4_CardBoundToAnotherPlateIsAMismatch) {
    Card c = card_for("粤B12345");
    c.plates.push_back("粤B54321");
    EXPECT_EQ(card_problem(c, plate_key("粤C99999"), kFrom + 1000), "card_mismatch");
    Card none = card_for("粤B12345");
    none.plates.clear();
    EXPECT_EQ(card_problem(none, plate_key("粤B12345"), kFrom + 1000), "card_mismatch");
}

TEST(ParkingRules, PK_4_ValidCardMatchesAnyOfItsPlates) {
    Card c = card_for("粤B12345");
    c.plates.push_back("粤B54321");
    EXPECT_EQ(card_problem(c, plate_key("粤B12345"), kFrom + 1000), "");
    EXPECT_EQ(card_problem(c, plate_key("粤B54321"), kFrom + 1000), "");
}

TEST(ParkingRules, PK_4_PlateBoundInTraditionalMatchesSimplifiedKey) {
    Card c = card_for("粵B·12345");
    EXPECT_EQ(card_problem(c, plate_key("粤B12345"), kFrom + 1000), "");
    EXPECT_EQ(card_problem(c, "粤B12345", kFrom + 1000), "");
}

// decide_entry

TEST(ParkingRules, PK_7_EntryWithNoPlateIsHeldLive) {
    EntryFacts f;
    f.plate = "_无_";
    auto d = decide_entry(f);
    EXPECT_EQ(d.decision, "hold");
    EXPECT_EQ(d.reason, "no_plate");
    EXPECT_FALSE(d.opens_stay);
    EXPECT_FALSE(d.issue_pass);
    EXPECT_FALSE(d.refused_stay);
}

TEST(ParkingRules, PK_7_EntryWithNoPlateOpenedOfflineIsReconciled) {
    EntryFacts f;
    f.plate = "";
    f.opened_offline = true;
    auto d = decide_entry(f);
    EXPECT_EQ(d.decision, "reconciled");
    EXPECT_EQ(d.reason, "no_plate");
    EXPECT_FALSE(d.opens_stay);
}

TEST(ParkingRules, PK_3_AlreadyInsideIsRefusedLiveWithoutASecondStay) {
    EntryFacts f;
    f.plate = "粤B12345";
    f.already_inside = true;
    f.card = valid_card();
    auto d = decide_entry(f);
    EXPECT_EQ(d.decision, "refuse");
    EXPECT_EQ(d.reason, "already_inside");
    EXPECT_FALSE(d.opens_stay);
    EXPECT_FALSE(d.refused_stay);
    EXPECT_FALSE(d.issue_pass);
}

TEST(ParkingRules, PK_3_AlreadyInsideOpenedOfflineIsReconciledWithoutASecondStay) {
    EntryFacts f;
    f.plate = "粤B12345";
    f.already_inside = true;
    f.opened_offline = true;
    auto d = decide_entry(f);
    EXPECT_EQ(d.decision, "reconciled");
    EXPECT_EQ(d.reason, "already_inside");
    EXPECT_FALSE(d.opens_stay);
}

TEST(ParkingRules, PK_1_DangerousGoodsAreRefusedWithARefusedLineAsCard) {
    EntryFacts f;
    f.plate = "粤B12345";
    f.card = valid_card();
    f.goods_flag = "flammable";
    auto d = decide_entry(f);
    EXPECT_EQ(d.decision, "refuse");
    EXPECT_EQ(d.reason, "dangerous_goods");
    EXPECT_TRUE(d.refused_stay);
    EXPECT_FALSE(d.opens_stay);
    EXPECT_FALSE(d.issue_pass);
    EXPECT_EQ(d.category, "card");
}

TEST(ParkingRules, PK_1_DangerousGoodsWithoutAValidCardAreRefusedAsVisitor) {
    EntryFacts f;
    f.plate = "粤B12345";
    f.goods_flag = "explosive";
    auto d = decide_entry(f);
    EXPECT_EQ(d.decision, "refuse");
    EXPECT_EQ(d.reason, "dangerous_goods");
    EXPECT_TRUE(d.refused_stay);
    EXPECT_EQ(d.category, "visitor");

    f.goods_flag = "toxic";
    f.card = CardCheck{7, "card_expired"};
    d = decide_entry(f);
    EXPECT_EQ(d.decision, "refuse");
    EXPECT_TRUE(d.refused_stay);
    EXPECT_EQ(d.category, "visitor");
}

TEST(ParkingRules, PK_9_MilitaryPolicePlateEntersWithAnIncidentAndNoPass) {
    EntryFacts f;
    f.plate = "粤B1234警";
    auto d = decide_entry(f);
    EXPECT_EQ(d.decision, "open");
    EXPECT_EQ(d.reason, "military_police");
    EXPECT_EQ(d.category, "military_police");
    EXPECT_TRUE(d.incident);
    EXPECT_TRUE(d.opens_stay);
    EXPECT_FALSE(d.issue_pass);

    f.plate = "WJ01-12345";
    f.opened_offline = true;
    d = decide_entry(f);
    EXPECT_EQ(d.decision, "reconciled");
    EXPECT_EQ(d.category, "military_police");
    EXPECT_TRUE(d.incident);
    EXPECT_TRUE(d.opens_stay);
}

TEST(ParkingRules, PK_7_ValidCardOpensAutomaticallyWithoutAPass) {
    EntryFacts f;
    f.plate = "粤B12345";
    f.card = valid_card(42);
    auto d = decide_entry(f);
    EXPECT_EQ(d.decision, "open");
    EXPECT_EQ(d.reason, "card");
    EXPECT_EQ(d.category, "card");
    ASSERT_TRUE(d.card_id.has_value());
    EXPECT_EQ(*d.card_id, 42);
    EXPECT_TRUE(d.opens_stay);
    EXPECT_FALSE(d.issue_pass);
    EXPECT_FALSE(d.incident);
    EXPECT_EQ(d.visitor_reason, "");
}

TEST(ParkingRules, PK_7_ValidCardOpenedOfflineIsReconciledWithAStay) {
    EntryFacts f;
    f.plate = "粤B12345";
    f.card = valid_card(42);
    f.opened_offline = true;
    auto d = decide_entry(f);
    EXPECT_EQ(d.decision, "reconciled");
    EXPECT_EQ(d.category, "card");
    EXPECT_TRUE(d.opens_stay);
}

TEST(ParkingRules, PK_4_InvalidCardEntersAsVisitorWithReasonAndPass) {
    for (std::string problem : {"card_expired", "card_suspended", "card_mismatch"}) {
        EntryFacts f;
        f.plate = "粤B12345";
        f.card = CardCheck{9, problem};
        auto d = decide_entry(f);
        EXPECT_EQ(d.decision, "open") << problem;
        EXPECT_EQ(d.category, "visitor") << problem;
        EXPECT_EQ(d.visitor_reason, problem);
        EXPECT_EQ(d.reason, problem);
        ASSERT_TRUE(d.card_id.has_value()) << problem;
        EXPECT_EQ(*d.card_id, 9);
        EXPECT_TRUE(d.issue_pass) << problem;
        EXPECT_TRUE(d.opens_stay) << problem;
    }
}

TEST(ParkingRules, PK_3_NoCardEntersAsVisitorWithAPass) {
    EntryFacts f;
    f.plate = "粤B12345";
    auto d = decide_entry(f);
    EXPECT_EQ(d.decision, "open");
    EXPECT_EQ(d.reason, "visitor");
    EXPECT_EQ(d.category, "visitor");
    EXPECT_EQ(d.visitor_reason, "no_card");
    EXPECT_FALSE(d.card_id.has_value());
    EXPECT_TRUE(d.issue_pass);
    EXPECT_TRUE(d.opens_stay);
    EXPECT_FALSE(d.incident);
}

// decide_exit

OpenStay stay_of(std::string category, std::optional<CardCheck> card = std::nullopt) {
    OpenStay s;
    s.status = "inside";
    s.category = std::move(category);
    s.entry_at = kFrom + 3'600'000;
    s.card = std::move(card);
    return s;
}

Fee fee_of(int64_t cents) {
    Fee f;
    f.cents = cents;
    f.free_period = cents == 0;
    f.minutes = cents == 0 ? 10 : 90;
    return f;
}

TEST(ParkingRules, PK_8_ExitWithNoPlateIsHeld) {
    ExitFacts f;
    f.plate = "_无_";
    auto d = decide_exit(f);
    EXPECT_EQ(d.decision, "hold");
    EXPECT_EQ(d.reason, "no_plate");
    EXPECT_FALSE(d.closes_stay);

    f.opened_offline = true;
    d = decide_exit(f);
    EXPECT_EQ(d.decision, "reconciled");
    EXPECT_EQ(d.reason, "no_plate");
    EXPECT_FALSE(d.closes_stay);
}

TEST(ParkingRules, PK_8_ExitWithoutAnEntryRecordIsHeld) {
    ExitFacts f;
    f.plate = "粤B12345";
    auto d = decide_exit(f);
    EXPECT_EQ(d.decision, "hold");
    EXPECT_EQ(d.reason, "no_entry");
    EXPECT_TRUE(d.holds);
    EXPECT_FALSE(d.closes_stay);
    EXPECT_FALSE(d.free_category.has_value());
}

TEST(ParkingRules, PK_4_PK8_ExitWithoutAnEntryRecordButAValidCardLeavesFreeAndIsRecorded) {
    ExitFacts f;
    f.plate = "粤B12345";
    f.card = CardCheck{7, ""};
    auto d = decide_exit(f);
    EXPECT_EQ(d.decision, "open");
    EXPECT_EQ(d.reason, "card_no_entry");
    EXPECT_TRUE(d.records_exit);
    EXPECT_FALSE(d.holds);
    EXPECT_EQ(d.free_category, std::optional<std::string>("card"));
    f.card = CardCheck{7, "card_expired"};
    EXPECT_EQ(decide_exit(f).decision, "hold") << "an invalid card is no record: held for the team lead";
}

TEST(ParkingRules, PK_8_ExitWithoutAnEntryRecordOpenedOfflineIsReconciled) {
    ExitFacts f;
    f.plate = "粤B12345";
    f.opened_offline = true;
    auto d = decide_exit(f);
    EXPECT_EQ(d.decision, "reconciled");
    EXPECT_EQ(d.reason, "no_entry");
    EXPECT_FALSE(d.holds);
    EXPECT_FALSE(d.closes_stay);
}

TEST(ParkingRules, PK_8_HeldStayStaysHeld) {
    ExitFacts f;
    f.plate = "粤B12345";
    f.stay = stay_of("card", valid_card());
    f.stay->status = "held";
    f.visitor_fee = fee_of(0);
    auto d = decide_exit(f);
    EXPECT_EQ(d.decision, "hold");
    EXPECT_EQ(d.reason, "held");
    EXPECT_FALSE(d.holds);  // the hold already exists
    EXPECT_FALSE(d.closes_stay);
    EXPECT_FALSE(d.free_category.has_value());
}

TEST(ParkingRules, PK_8_HeldStayOpenedOfflineIsReconciledNotHeld) {
    // The camera already let the car out from its whitelist (gioouts ctrltype 2): the barrier cannot
    // be held any more, as on every other exit branch the decision is "reconciled"; the stay stays
    // held for the team lead (nothing is closed).
    ExitFacts f;
    f.plate = "粤B12345";
    f.stay = stay_of("card", valid_card());
    f.stay->status = "held";
    f.visitor_fee = fee_of(0);
    f.opened_offline = true;
    auto d = decide_exit(f);
    EXPECT_EQ(d.decision, "reconciled");
    EXPECT_EQ(d.reason, "held");
    EXPECT_FALSE(d.holds);
    EXPECT_FALSE(d.closes_stay);
    EXPECT_FALSE(d.free_category.has_value());
}

TEST(ParkingRules, PK_6_MilitaryPoliceStayExitsPolicyFree) {
    ExitFacts f;
    f.plate = "粤B1234警";
    f.stay = stay_of("military_police");
    f.visitor_fee = fee_of(3000);
    auto d = decide_exit(f);
    EXPECT_EQ(d.decision, "open");
    EXPECT_EQ(d.reason, "policy");
    ASSERT_TRUE(d.free_category.has_value());
    EXPECT_EQ(*d.free_category, "policy");
    EXPECT_EQ(d.fee_cents, 0);
    EXPECT_TRUE(d.closes_stay);

    f.opened_offline = true;
    d = decide_exit(f);
    EXPECT_EQ(d.decision, "reconciled");
    EXPECT_EQ(*d.free_category, "policy");
    EXPECT_TRUE(d.closes_stay);
}

TEST(ParkingRules, PK_4_ValidCardExitsFreeAsCard) {
    ExitFacts f;
    f.plate = "粤B12345";
    f.stay = stay_of("card", valid_card());
    f.visitor_fee = fee_of(3000);
    auto d = decide_exit(f);
    EXPECT_EQ(d.decision, "open");
    EXPECT_EQ(d.reason, "card");
    EXPECT_EQ(d.charged_as, "card");
    ASSERT_TRUE(d.free_category.has_value());
    EXPECT_EQ(*d.free_category, "card");
    EXPECT_EQ(d.fee_cents, 0);
    EXPECT_TRUE(d.closes_stay);
    EXPECT_EQ(d.visitor_reason, "");

    f.opened_offline = true;
    d = decide_exit(f);
    EXPECT_EQ(d.decision, "reconciled");
    EXPECT_TRUE(d.closes_stay);
}

TEST(ParkingRules, PK_4_ExpiredCardIsChargedAsVisitor) {
    ExitFacts f;
    f.plate = "粤B12345";
    f.stay = stay_of("card", CardCheck{7, "card_expired"});
    f.visitor_fee = fee_of(1500);
    auto d = decide_exit(f);
    EXPECT_EQ(d.decision, "hold");
    EXPECT_EQ(d.reason, "fee_due");
    EXPECT_EQ(d.charged_as, "visitor");
    EXPECT_EQ(d.visitor_reason, "card_expired");
    EXPECT_EQ(d.fee_cents, 1500);
    EXPECT_FALSE(d.free_category.has_value());
    EXPECT_FALSE(d.closes_stay);
    EXPECT_FALSE(d.holds);
}

TEST(ParkingRules, PK_6_VisitorWithinTheFreePeriodExitsFree) {
    ExitFacts f;
    f.plate = "粤B12345";
    f.stay = stay_of("visitor");
    f.visitor_fee = fee_of(0);
    auto d = decide_exit(f);
    EXPECT_EQ(d.decision, "open");
    EXPECT_EQ(d.reason, "free_period");
    EXPECT_EQ(d.charged_as, "visitor");
    EXPECT_EQ(d.visitor_reason, "no_card");
    ASSERT_TRUE(d.free_category.has_value());
    EXPECT_EQ(*d.free_category, "free_period");
    EXPECT_EQ(d.fee_cents, 0);
    EXPECT_TRUE(d.closes_stay);

    f.opened_offline = true;
    d = decide_exit(f);
    EXPECT_EQ(d.decision, "reconciled");
    EXPECT_EQ(*d.free_category, "free_period");
    EXPECT_TRUE(d.closes_stay);
}

TEST(ParkingRules, PK_6_CardHolderChargedAsVisitorWithinTheFreePeriodExitsFree) {
    ExitFacts f;
    f.plate = "粤B12345";
    f.stay = stay_of("card", CardCheck{7, "card_suspended"});
    f.visitor_fee = fee_of(0);
    auto d = decide_exit(f);
    EXPECT_EQ(d.decision, "open");
    EXPECT_EQ(d.reason, "free_period");
    EXPECT_EQ(d.charged_as, "visitor");
    EXPECT_EQ(d.visitor_reason, "card_suspended");
    EXPECT_TRUE(d.closes_stay);
}

TEST(ParkingRules, PK_4_VisitorStayWithACardIsNotRecordedAsHavingNoCard) {
    // Entered as a visitor because the card was expired, renewed while parked: whatever it is charged
    // as, the register must not say the driver had no card.
    ExitFacts f;
    f.plate = "粤B12345";
    f.stay = stay_of("visitor", valid_card());
    f.visitor_fee = fee_of(2500);
    auto d = decide_exit(f);
    EXPECT_NE(d.visitor_reason, "no_card");
}

TEST(ParkingRules, PK_5_VisitorWithAFeeDueIsHeldForTheFee) {
    ExitFacts f;
    f.plate = "粤B12345";
    f.stay = stay_of("visitor");
    f.visitor_fee = fee_of(2500);
    auto d = decide_exit(f);
    EXPECT_EQ(d.decision, "hold");
    EXPECT_EQ(d.reason, "fee_due");
    EXPECT_EQ(d.charged_as, "visitor");
    EXPECT_EQ(d.visitor_reason, "no_card");
    EXPECT_EQ(d.fee_cents, 2500);
    EXPECT_FALSE(d.free_category.has_value());
    EXPECT_FALSE(d.closes_stay);
    EXPECT_FALSE(d.holds);  // waiting for the fee is not a PK-8 hold
}

TEST(ParkingRules, PK_5_FeeDueOpenedOfflineIsReconciledWithTheFee) {
    ExitFacts f;
    f.plate = "粤B12345";
    f.stay = stay_of("visitor");
    f.visitor_fee = fee_of(2500);
    f.opened_offline = true;
    auto d = decide_exit(f);
    EXPECT_EQ(d.decision, "reconciled");
    EXPECT_EQ(d.reason, "fee_due");
    EXPECT_EQ(d.charged_as, "visitor");
    EXPECT_EQ(d.fee_cents, 2500);
    EXPECT_FALSE(d.free_category.has_value());
    EXPECT_FALSE(d.holds);
}

// release_refusal

ReleaseEvidence full_evidence() {
    ReleaseEvidence e;
    e.verification_note = "核對行車證及身份證，與車主一致";
    e.licence = 11;
    e.id_card = 12;
    e.statement = 13;
    e.fee_settled = true;
    return e;
}

std::string field_of(const std::optional<Refusal>& r) {
    return r ? r->field : "";
}

TEST(ParkingRules, PK_8_ReleaseNamesTheFirstMissingPieceOfEvidenceInOrder) {
    ReleaseEvidence e;
    EXPECT_EQ(field_of(release_refusal(e)), "verification_note");
    e = full_evidence();
    e.verification_note = "";
    EXPECT_EQ(field_of(release_refusal(e)), "verification_note");  // verification comes first

    e = full_evidence();
    EXPECT_EQ(release_refusal(e), std::nullopt);
    e.licence.reset();
    EXPECT_EQ(field_of(release_refusal(e)), "licence_file_id");
    e = full_evidence();
    e.id_card.reset();
    EXPECT_EQ(field_of(release_refusal(e)), "id_file_id");
    e = full_evidence();
    e.statement.reset();
    EXPECT_EQ(field_of(release_refusal(e)), "statement_file_id");
    e = full_evidence();
    e.fee_settled = false;
    EXPECT_EQ(field_of(release_refusal(e)), "payment");
    EXPECT_EQ(release_refusal(e)->code, "required");
}

TEST(ParkingRules, PK_8_AVerificationNoteOfSpacesInAnyScriptIsNoVerification) {
    for (const char* blank : {"   ", "\t\n", "\xe3\x80\x80\xe3\x80\x80", "\xc2\xa0"}) {
        auto e = full_evidence();
        e.verification_note = blank;
        auto r = release_refusal(e);
        ASSERT_TRUE(r) << blank;
        EXPECT_EQ(r->field, "verification_note");
    }
}

TEST(ParkingRules, PK_8_TheThreeCopiesAreThreeDifferentFiles) {
    auto e = full_evidence();
    e.id_card = e.licence;
    auto r = release_refusal(e);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "same_file");
    EXPECT_EQ(r->field, "id_file_id");
    e = full_evidence();
    e.statement = e.licence;
    EXPECT_EQ(release_refusal(e)->field, "statement_file_id");
    e = full_evidence();
    e.statement = e.id_card;
    EXPECT_EQ(release_refusal(e)->field, "statement_file_id");
    EXPECT_EQ(refusal_status(*release_refusal(e)), 422);
}

// shifts

TEST(ParkingRules, PK_11_ShiftWindows) {
    auto m = shift_window("morning");
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(m->start_minute, 7 * 60);
    EXPECT_EQ(m->end_minute, 15 * 60);
    auto a = shift_window("afternoon");
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->start_minute, 15 * 60);
    EXPECT_EQ(a->end_minute, 23 * 60);
    auto n = shift_window("night");
    ASSERT_TRUE(n.has_value());
    EXPECT_EQ(n->start_minute, 23 * 60);
    EXPECT_EQ(n->end_minute, 7 * 60);
    EXPECT_LE(n->end_minute, n->start_minute);  // runs past midnight
    EXPECT_FALSE(shift_window("evening").has_value());
    EXPECT_FALSE(shift_window("").has_value());
    EXPECT_FALSE(shift_window("Morning").has_value());
}

TEST(ParkingRules, PK_11_ShiftAtTheEdges) {
    EXPECT_EQ(shift_at(6 * 60 + 59), "night");
    EXPECT_EQ(shift_at(7 * 60), "morning");
    EXPECT_EQ(shift_at(15 * 60 - 1), "morning");
    EXPECT_EQ(shift_at(15 * 60), "afternoon");
    EXPECT_EQ(shift_at(23 * 60 - 1), "afternoon");
    EXPECT_EQ(shift_at(23 * 60), "night");
    EXPECT_EQ(shift_at(0), "night");
    EXPECT_EQ(shift_at(24 * 60 - 1), "night");
}

TEST(ParkingRules, PK_11_ShiftAtAgreesWithShiftWindow) {
    for (int minute = 0; minute < 24 * 60; ++minute) {
        auto w = shift_window(shift_at(minute));
        ASSERT_TRUE(w.has_value()) << minute;
        bool inside = w->start_minute < w->end_minute ? minute >= w->start_minute && minute < w->end_minute
                                                      : minute >= w->start_minute || minute < w->end_minute;
        EXPECT_TRUE(inside) << minute;
    }
}

// handover_balances

TEST(ParkingRules, PK_11_EqualCashBalances) {
    EXPECT_TRUE(handover_balances(12'300, 12'300, ""));
    EXPECT_TRUE(handover_balances(0, 0, ""));
    EXPECT_TRUE(handover_balances(12'300, 12'300, "all good"));
}

TEST(ParkingRules, PK_11_DifferenceWithANoteBalances) {
    EXPECT_TRUE(handover_balances(12'000, 12'300, "找錯零錢 3 元"));
    EXPECT_TRUE(handover_balances(12'500, 12'300, "x"));
}

TEST(ParkingRules, PK_11_DifferenceWithABlankNoteDoesNotBalance) {
    EXPECT_FALSE(handover_balances(12'000, 12'300, ""));
    EXPECT_FALSE(handover_balances(12'000, 12'300, "   "));
    EXPECT_FALSE(handover_balances(12'500, 12'300, " \t\r\n"));
}

// handover_take_refusal, handover_sign_refusal, handover_status (issue 13)

Handover handed_by(int64_t hander) {
    Handover h;
    h.id = 3;
    h.handed_by = hander;
    h.cash_cents = 4'000;
    return h;
}

TEST(ParkingRules, PK_11_TheNextAttendantTakesOverOnceAndNobodyElse) {
    auto h = handed_by(1);
    EXPECT_FALSE(handover_take_refusal(h, 2, true));
    EXPECT_EQ(handover_take_refusal(h, 1, true)->code, "handover_own");
    EXPECT_EQ(handover_take_refusal(h, 9, false)->code, "handover_not_attendant") << "the team lead signs, not takes";
    h.taken_by = 2;
    h.taken_by_name = "鄭值班員";
    auto again = handover_take_refusal(h, 3, true);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->code, "handover_taken");
    EXPECT_EQ(params_json(*again), R"({"name":"鄭值班員"})");
}

TEST(ParkingRules, PK_11_TheSupervisorWhoSignedDoesNotTakeOver) {
    auto h = handed_by(1);
    h.supervisor_id = 9;
    EXPECT_EQ(handover_take_refusal(h, 9, true)->code, "handover_supervisor");
    EXPECT_FALSE(handover_take_refusal(h, 2, true)) << "signed first, taken over after";
}

TEST(ParkingRules, PK_11_TheTeamLeadSignsWithoutTakingOverBeforeOrAfterTheNextAttendant) {
    auto h = handed_by(1);
    EXPECT_FALSE(handover_sign_refusal(h, 9, 4'000, "")) << "nobody has taken over yet";
    h.taken_by = 2;
    EXPECT_FALSE(handover_sign_refusal(h, 9, 4'000, ""));
    EXPECT_EQ(handover_sign_refusal(h, 2, 4'000, "")->code, "handover_signer_on_shift");
    EXPECT_EQ(handover_sign_refusal(h, 1, 4'000, "")->code, "handover_signer_on_shift");
    h.supervisor_id = 9;
    h.supervisor_name = "吳保安班長";
    EXPECT_EQ(handover_sign_refusal(h, 8, 4'000, "")->code, "handover_signed");
}

TEST(ParkingRules, PK_11_TheSignatureWaitsForADifferenceToBeExplained) {
    auto h = handed_by(1);
    auto r = handover_sign_refusal(h, 9, 4'500, " ");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "difference_unexplained");
    EXPECT_EQ(r->field, "difference_note");
    EXPECT_EQ(params_json(*r), R"({"system_cash_cents":4500,"difference_cents":-500})");
    EXPECT_FALSE(handover_sign_refusal(h, 9, 4'500, "找錯零錢 5 元"));
}

TEST(ParkingRules, PK_11_TheStatusSaysWhatWasDone) {
    auto h = handed_by(1);
    EXPECT_EQ(handover_status(h), "handed");
    h.taken_by = 2;
    EXPECT_EQ(handover_status(h), "taken");
    h.supervisor_id = 9;
    EXPECT_EQ(handover_status(h), "signed");
    h.taken_by.reset();
    EXPECT_EQ(handover_status(h), "signed") << "signed before the take-over";
}

// take_payment (PK-5, issue 13)

TEST(ParkingRules, PK_5_CashAtLeastTheFeeGivesTheChange) {
    auto exact = take_payment({"cash", 4'000, 4'000, std::nullopt, ""});
    EXPECT_FALSE(exact.refusal);
    EXPECT_EQ(exact.received_cents, 4'000);
    EXPECT_EQ(exact.change_cents, 0);
    auto note = take_payment({"cash", 4'000, 4'000, 10'000, ""});
    EXPECT_FALSE(note.refusal);
    EXPECT_EQ(note.received_cents, 10'000);
    EXPECT_EQ(note.change_cents, 6'000);
}

TEST(ParkingRules, PK_5_CashShortOfTheFeeIsRefused) {
    auto r = take_payment({"cash", 4'000, 4'000, 3'999, ""});
    ASSERT_TRUE(r.refusal);
    EXPECT_EQ(r.refusal->code, "amount_short");
    EXPECT_EQ(r.refusal->field, "received_cents");
    EXPECT_EQ(params_json(*r.refusal), R"({"due_cents":4000,"received_cents":3999,"short_cents":1})");
    EXPECT_EQ(take_payment({"cash", 4'000, 4'000, 0, ""}).refusal->code, "amount_short");
}

TEST(ParkingRules, PK_5_TheAmountIsTheFeeDueWhateverIsHandedOver) {
    auto r = take_payment({"cash", 4'000, 3'000, 3'000, ""});
    ASSERT_TRUE(r.refusal);
    EXPECT_EQ(r.refusal->code, "wrong_amount");
    EXPECT_EQ(r.refusal->field, "amount_cents");
}

TEST(ParkingRules, PK_5_AnElectronicPaymentNamesItsReferenceAndHasNoChange) {
    EXPECT_EQ(take_payment({"electronic", 4'000, 4'000, std::nullopt, "　"}).refusal->code, "required");
    EXPECT_EQ(take_payment({"electronic", 4'000, 4'000, 5'000, "FPS1"}).refusal->code, "not_applicable");
    auto ok = take_payment({"electronic", 4'000, 4'000, std::nullopt, "FPS1"});
    EXPECT_FALSE(ok.refusal);
    EXPECT_EQ(ok.received_cents, 4'000);
    EXPECT_EQ(ok.change_cents, 0);
}

}  // namespace
}  // namespace propdesk::parking::rules
