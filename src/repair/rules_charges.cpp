// What the resident pays follows from what they agreed to (MT-3.2 → MT-3.4): the quote's price,
// the bought materials on the receipt, the receipt's total and the reason a total that differs
// from the consented quote needs.
#include <algorithm>
#include <string>

#include "platform/text/text.hpp"
#include "repair/rules.hpp"

namespace propdesk::repair::rules {

QuotedPrice quoted_price(std::span<const ChargeLine> lines, std::optional<int64_t> lump_sum_cents) {
    if (lines.empty()) return {lump_sum_cents, std::nullopt};
    if (lump_sum_cents)
        return {std::nullopt, invalid_value("not_applicable", "price_cents",
                                            "a quote with price-list lines is priced by its lines, not a lump sum")};
    auto total = charge_total(lines);
    if (!total) return {std::nullopt, invalid_value("out_of_range", "lines", "the quote is too large")};
    return {total, std::nullopt};
}

std::optional<int64_t> consented_quote(const Repair& r) {
    if (!r.consent_at || !r.proposed_at) return std::nullopt;
    return r.proposal_price_cents;
}

MaterialsCharge materials_charge(std::span<const Material> job_materials,
                                 std::span<const int64_t> ids,
                                 std::string_view field) {
    MaterialsCharge out;
    for (size_t i = 0; i < ids.size(); ++i) {
        const std::string at = std::string(field) + "[" + std::to_string(i) + "].material_id";
        auto m =
            std::find_if(job_materials.begin(), job_materials.end(), [&](const Material& x) { return x.id == ids[i]; });
        if (m == job_materials.end())
            return {0, invalid_value("no_such_record", at, "not a material recorded for this job")};
        if (m->source != "bought" || !m->amount_cents)
            return {0, invalid_value("not_applicable", at,
                                     "only a material bought for the resident, with its receipt, goes on the receipt")};
        auto before = ids.first(i);
        if (std::find(before.begin(), before.end(), ids[i]) != before.end())
            return {0, invalid_value("not_applicable", at, "a material goes on the receipt once")};
        if (__builtin_add_overflow(out.cents, *m->amount_cents, &out.cents))
            return {0, invalid_value("out_of_range", at, "the materials' total is too large")};
    }
    return out;
}

std::optional<int64_t> receipt_total(int64_t charge_cents, int64_t materials_cents, int64_t adjustment_cents) {
    int64_t total = 0;
    if (__builtin_add_overflow(charge_cents, materials_cents, &total) ||
        __builtin_add_overflow(total, adjustment_cents, &total))
        return std::nullopt;
    return total;
}

std::optional<Refusal> charge_reason_refusal(std::optional<int64_t> quote_cents,
                                             int64_t materials_cents,
                                             int64_t total_cents,
                                             std::string_view reason) {
    if (!quote_cents) return std::nullopt;
    int64_t expected = 0;
    if (__builtin_add_overflow(*quote_cents, materials_cents, &expected) || total_cents != expected) {
        if (!text::is_blank(reason)) return std::nullopt;
        return invalid_value("charge_differs_from_quote", "charge_reason",
                             "the charge (" + std::to_string(total_cents) + " cents) differs from the consented quote" +
                                 (materials_cents ? " and the materials (" : " (") + std::to_string(expected) +
                                 " cents): record why, as agreed with the resident (MT-3.4)")
            .with("quote_cents", *quote_cents)
            .with("expected_cents", expected)
            .with("total_cents", total_cents);
    }
    return std::nullopt;
}

}  // namespace propdesk::repair::rules
