// What the resident pays follows from what they agreed to (MT-3.2 → MT-3.4): the quote's price
// from its lines or a lump sum, the consented quote, the bought materials on the receipt, the
// receipt's total and the reason a total off the quote needs.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "repair/model.hpp"
#include "repair/rules.hpp"

namespace propdesk::repair::rules {
namespace {

constexpr EpochMs kT0 = 1'795'000'000'000;
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

void expect_refused(const std::optional<Refusal>& r, const std::string& code, const std::string& field) {
    ASSERT_TRUE(r) << "expected " << code << " on " << field;
    EXPECT_EQ(r->code, code);
    EXPECT_EQ(r->field, field);
    EXPECT_EQ(refusal_status(*r), 422);
    EXPECT_FALSE(r->message.empty());
}

ChargeLine line(int64_t price, int64_t quantity) {
    ChargeLine l;
    l.price_item_id = 1;
    l.unit_price_cents = price;
    l.quantity = quantity;
    l.amount_cents = price * quantity;
    return l;
}

Material material(int64_t id, const std::string& source, std::optional<int64_t> amount) {
    Material m;
    m.id = id;
    m.source = source;
    m.name = "角閥";
    m.amount_cents = amount;
    return m;
}

int64_t param(const Refusal& r, const std::string& name) {
    for (const auto& [k, v] : r.params)
        if (k == name) return std::get<int64_t>(v);
    ADD_FAILURE() << "no parameter " << name;
    return 0;
}

// ---- MT-3.2: the quote's price ----

TEST(RepairQuote, MT_3_2_AQuoteWithLinesIsPricedByTheirTotal) {
    std::vector<ChargeLine> lines{line(8000, 1), line(6000, 2)};
    auto q = quoted_price(lines, std::nullopt);
    EXPECT_EQ(q.refusal, std::nullopt);
    EXPECT_EQ(q.price_cents, 20000);
}

TEST(RepairQuote, MT_3_2_AQuoteWithoutLinesIsItsLumpSumOrNoPrice) {
    EXPECT_EQ(quoted_price({}, 35000).price_cents, 35000);
    EXPECT_EQ(quoted_price({}, 0).price_cents, 0);  // free of charge is a price
    auto none = quoted_price({}, std::nullopt);
    EXPECT_EQ(none.price_cents, std::nullopt);
    EXPECT_EQ(none.refusal, std::nullopt);
}

TEST(RepairQuote, MT_3_2_ALumpSumBesideLinesIsRefusedTheLinesDecide) {
    std::vector<ChargeLine> lines{line(8000, 1)};
    expect_refused(quoted_price(lines, 8000).refusal, "not_applicable", "price_cents");
    expect_refused(quoted_price(lines, 5000).refusal, "not_applicable", "price_cents");
}

TEST(RepairQuote, MT_3_2_AQuoteWhoseLinesOverflowIsRefused) {
    std::vector<ChargeLine> lines{line(kMax / 2 + 1, 1), line(kMax / 2 + 1, 1)};
    expect_refused(quoted_price(lines, std::nullopt).refusal, "out_of_range", "lines");
}

TEST(RepairQuote, MT_3_2_MT_3_4_OnlyAnAgreedPricedProposalIsTheConsentedQuote) {
    Repair r;
    EXPECT_EQ(consented_quote(r), std::nullopt);  // nothing proposed (a simple job)
    r.proposed_at = kT0;
    r.proposal_price_cents = 35000;
    EXPECT_EQ(consented_quote(r), std::nullopt);  // waiting for the resident, or declined
    r.consent_at = kT0 + 60'000;
    EXPECT_EQ(consented_quote(r), 35000);
    r.proposal_price_cents = std::nullopt;
    EXPECT_EQ(consented_quote(r), std::nullopt);  // agreed to a solution without a price
}

// ---- MT-3.3/3.4: the bought materials on the receipt ----

TEST(RepairMaterialsCharge, MT_3_3_TheChosenBoughtMaterialsAreChargedAtTheirReceiptAmounts) {
    std::vector<Material> job{material(3, "bought", 3550), material(4, "resident", std::nullopt),
                              material(5, "bought", 1200)};
    std::vector<int64_t> both{3, 5};
    auto m = materials_charge(job, both, "materials");
    EXPECT_EQ(m.refusal, std::nullopt);
    EXPECT_EQ(m.cents, 4750);
    std::vector<int64_t> one{5};
    EXPECT_EQ(materials_charge(job, one, "materials").cents, 1200);
    EXPECT_EQ(materials_charge(job, {}, "materials").cents, 0);  // none put on the receipt
}

TEST(RepairMaterialsCharge, MT_3_3_AMaterialOfAnotherJobOrNoneIsRefusedByItsEntry) {
    std::vector<Material> job{material(3, "bought", 3550)};
    std::vector<int64_t> ids{3, 99};
    expect_refused(materials_charge(job, ids, "materials").refusal, "no_such_record", "materials[1].material_id");
}

TEST(RepairMaterialsCharge, MT_3_3_AResidentsOwnMaterialOrOneWithoutAnAmountIsNotCharged) {
    std::vector<Material> job{material(4, "resident", std::nullopt), material(6, "bought", std::nullopt)};
    std::vector<int64_t> own{4};
    expect_refused(materials_charge(job, own, "materials").refusal, "not_applicable", "materials[0].material_id");
    std::vector<int64_t> no_amount{6};
    expect_refused(materials_charge(job, no_amount, "materials").refusal, "not_applicable", "materials[0].material_id");
}

TEST(RepairMaterialsCharge, MT_3_3_AMaterialGoesOnTheReceiptOnce) {
    std::vector<Material> job{material(3, "bought", 3550)};
    std::vector<int64_t> twice{3, 3};
    expect_refused(materials_charge(job, twice, "materials").refusal, "not_applicable", "materials[1].material_id");
}

TEST(RepairMaterialsCharge, MT_3_3_AnOverflowingSumIsRefused) {
    std::vector<Material> job{material(3, "bought", kMax), material(5, "bought", 1)};
    std::vector<int64_t> ids{3, 5};
    expect_refused(materials_charge(job, ids, "materials").refusal, "out_of_range", "materials[1].material_id");
}

TEST(RepairMaterialsCharge, MT_3_4_TheReceiptTotalIsLinesMaterialsAndAdjustment) {
    EXPECT_EQ(receipt_total(20000, 3550, -2000), 21550);
    EXPECT_EQ(receipt_total(0, 0, 0), 0);
    EXPECT_EQ(receipt_total(kMax, 1, 0), std::nullopt);
    EXPECT_EQ(receipt_total(kMax, 0, 1), std::nullopt);
}

// ---- MT-3.4: a charge off the consented quote needs its reason ----

TEST(RepairChargeReason, MT_3_4_TheQuoteItselfNeedsNoReason) {
    EXPECT_EQ(charge_reason_refusal(35000, 0, 35000, ""), std::nullopt);
}

TEST(RepairChargeReason, MT_3_4_TheQuotePlusTheChargedMaterialsNeedsNoReason) {
    EXPECT_EQ(charge_reason_refusal(8500, 3550, 12050, ""), std::nullopt);
}

TEST(RepairChargeReason, MT_3_4_MoreOrLessThanTheQuoteWithoutAReasonIsRefused) {
    for (int64_t total : {35001, 34999, 0, 70000}) {
        auto r = charge_reason_refusal(35000, 0, total, "");
        expect_refused(r, "charge_differs_from_quote", "charge_reason");
        EXPECT_EQ(param(*r, "quote_cents"), 35000);
        EXPECT_EQ(param(*r, "expected_cents"), 35000);
        EXPECT_EQ(param(*r, "total_cents"), total);
    }
    // The materials count in what the resident expects.
    auto r = charge_reason_refusal(8500, 3550, 8500, " \t");
    expect_refused(r, "charge_differs_from_quote", "charge_reason");
    EXPECT_EQ(param(*r, "expected_cents"), 12050);
    EXPECT_NE(r->message.find("MT-3.4"), std::string::npos);
}

TEST(RepairChargeReason, MT_3_4_ADifferentChargeWithItsReasonIsAccepted) {
    EXPECT_EQ(charge_reason_refusal(35000, 0, 42000, "另發現喉管鬆脫，住戶同意一併更換"), std::nullopt);
}

TEST(RepairChargeReason, MT_3_4_WithoutAConsentedQuoteThereIsNothingToDifferFrom) {
    EXPECT_EQ(charge_reason_refusal(std::nullopt, 0, 99999, ""), std::nullopt);
}

TEST(RepairChargeReason, MT_3_4_AQuoteAndMaterialsBeyondAnyTotalStillNeedTheReason) {
    expect_refused(charge_reason_refusal(kMax, 1, 0, ""), "charge_differs_from_quote", "charge_reason");
}

TEST(RepairCharge, MT_3_4_AVersionTheConsentedQuoteNamedIsChargedAfterAPriceEdit) {
    PriceItem p;
    p.site_id = 1;
    p.superseded_at = kT0;
    EXPECT_NE(price_line_refusal(p, 1), std::nullopt);
    EXPECT_EQ(price_line_refusal(p, 1, true), std::nullopt);
    p.active = false;
    EXPECT_EQ(price_line_refusal(p, 1, true), std::nullopt);  // retired since the resident agreed
    // Never another site's, quoted or not.
    EXPECT_NE(price_line_refusal(p, 2, true), std::nullopt);
    EXPECT_NE(price_line_refusal(std::nullopt, 1, true), std::nullopt);
}

}  // namespace
}  // namespace propdesk::repair::rules
