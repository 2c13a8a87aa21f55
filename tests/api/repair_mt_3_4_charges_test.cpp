// Repairs that add up (issue 13, MT-3.2 → MT-3.4) through the real server, on SQLite and
// PostgreSQL: the quote is priced from the price list and the consent shows it; completion
// charges the consented quote and the bought materials, and a total that differs needs its
// reason — a raw API call included; the register and the audit carry it; the technician picker
// shows each technician's login, workload and next free time.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "support/repair_fixture.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

class RepairCharges : public RepairApi {
  protected:
    // A surveyed job of tech1's on site: not simple, so work waits for the consent.
    bj::value surveyed(const std::string& description) {
        auto v = assigned("tech1", description, {{"simple", false}});
        auto tech = signed_in("tech1");
        return take(tech, v, "check-in");
    }
    static bj::array lines(std::initializer_list<std::pair<const bj::value*, int64_t>> items) {
        bj::array out;
        for (const auto& [item, quantity] : items)
            out.push_back(bj::object{{"price_item_id", id_of(*item)}, {"quantity", quantity}});
        return out;
    }
    // The job's bought material with its receipt photo: HK$35.50.
    bj::value bought(HttpClient& tech, const bj::value& v, const std::string& name = "角閥") {
        auto receipt = upload(tech, "receipt", jpeg() + std::string(static_cast<size_t>(++drawn_), '\n'), "image/jpeg");
        if (receipt.status != 201) throw std::runtime_error("receipt: " + receipt.body);
        return take(tech, v, "material",
                    {{"source", "bought"},
                     {"name", name},
                     {"place", "新記五金"},
                     {"amount_cents", 3550},
                     {"receipt_file_id", id_of(receipt.json())}});
    }
    static bj::array on_receipt(const bj::value& v) {
        bj::array out;
        for (const auto& m : v.at("materials").as_array())
            if (m.at("source") == "bought") out.push_back(bj::object{{"material_id", m.at("id")}});
        return out;
    }
    static bj::object with(bj::object o, const bj::object& extra) {
        for (const auto& [k, val] : extra) o[k] = val;
        return o;
    }
};

TEST_P(RepairCharges, MT_3_2_TheQuoteIsPricedFromThePriceListAndTheConsentShowsIt) {
    auto tap = price("P01");   // HK$80
    auto pipe = price("P06");  // HK$60 / m
    auto v = surveyed("廚房水喉爆裂");
    auto tech = signed_in("tech1");
    auto before = table_counts();
    // A lump sum beside the lines: the lines decide the price.
    auto both = step(tech, v, "propose",
                     {{"solution", "更換水龍頭及水喉"}, {"lines", lines({{&tap, 1}})}, {"price_cents", 5000}});
    EXPECT_EQ(both.status, 422) << both.body;
    EXPECT_EQ(both.error_code(), "not_applicable");
    EXPECT_EQ(both.error_field(), "price_cents");
    auto unknown =
        step(tech, v, "propose",
             {{"solution", "x"}, {"lines", bj::array{bj::object{{"price_item_id", 999999}, {"quantity", 1}}}}});
    EXPECT_EQ(unknown.status, 422) << unknown.body;
    EXPECT_EQ(unknown.error_field(), "lines[0].price_item_id");
    EXPECT_EQ(table_counts(), before);

    v = take(tech, v, "propose",
             {{"solution", "更換水龍頭及兩米水喉"}, {"minutes", 60}, {"lines", lines({{&tap, 1}, {&pipe, 2}})}});
    EXPECT_EQ(v.at("proposal").at("price_cents"), 20000);
    ASSERT_EQ(v.at("quote_lines").as_array().size(), 2u);
    EXPECT_EQ(v.at("quote_lines").at(1).at("code"), "P06");
    EXPECT_EQ(v.at("quote_lines").at(1).at("quantity"), 2);
    EXPECT_EQ(v.at("quote_lines").at(1).at("amount_cents"), 12000);
    EXPECT_TRUE(v.at("quote_cents").is_null());  // not agreed yet

    // Declined, then a lump-sum quote: the earlier lines stay on record, no longer the quote.
    v = take(tech, v, "consent", {{"agreed", false}, {"note", "太貴"}});
    v = take(tech, v, "propose", {{"solution", "只換水龍頭"}, {"price_cents", 9000}});
    EXPECT_TRUE(v.at("quote_lines").as_array().empty());
    EXPECT_EQ(server_.count("repair_quote_lines"), 2);
    v = take(tech, v, "consent", {{"agreed", false}});
    v = take(tech, v, "propose", {{"solution", "更換水龍頭"}, {"lines", lines({{&tap, 1}})}});
    v = take(tech, v, "consent", {{"agreed", true}, {"note", "同意"}});
    // What the resident agreed to, on the job and in the register.
    EXPECT_EQ(v.at("quote_cents"), 8000);
    EXPECT_EQ(v.at("proposal").at("price_cents"), 8000);
    EXPECT_EQ(v.at("quote_lines").as_array().size(), 1u);
    auto fd = signed_in("frontdesk");
    auto row = fd.get("/api/v1/sites/1/repairs?status=consented").json().at("items").at(0);
    EXPECT_EQ(row.at("quote_cents"), 8000);
    EXPECT_EQ(audit("repair", id_of(v)).back().at("after").at("quote_cents"), 8000);
}

TEST_P(RepairCharges, MT_3_4_CompletionAtTheConsentedQuoteAndItsBoughtMaterialsNeedsNoReason) {
    auto tap = price("P01");
    auto v = surveyed("廚房水龍頭漏水");
    auto tech = signed_in("tech1");
    v = take(tech, v, "propose", {{"solution", "更換水龍頭"}, {"lines", lines({{&tap, 1}})}});
    v = take(tech, v, "consent", {{"agreed", true}});
    v = bought(tech, v);
    v = take(tech, v, "start");
    v = take(tech, v, "complete",
             with(completion(signature(tech), lines({{&tap, 1}})), {{"materials", on_receipt(v)}}));
    EXPECT_EQ(v.at("status"), "completed");
    EXPECT_EQ(v.at("charge_cents"), 8000);
    EXPECT_EQ(v.at("materials_cents"), 3550);
    EXPECT_EQ(v.at("total_cents"), 11550);
    EXPECT_EQ(v.at("quote_cents"), 8000);
    EXPECT_EQ(v.at("charge_reason"), "");
    EXPECT_EQ(v.at("materials").at(0).at("charged"), true);
    EXPECT_EQ(v.at("receipt_no"), "WX2026-000001");
}

TEST_P(RepairCharges, MT_3_4_AChargeOffTheConsentedQuoteNeedsItsReasonEvenFromARawApiCall) {
    auto tap = price("P01");   // HK$80
    auto pipe = price("P06");  // HK$60
    auto v = surveyed("洗手盆水喉爆裂");
    auto tech = signed_in("tech1");
    v = take(tech, v, "propose", {{"solution", "更換水龍頭"}, {"lines", lines({{&tap, 1}})}});
    v = take(tech, v, "consent", {{"agreed", true}});
    v = bought(tech, v);
    v = take(tech, v, "start");
    int64_t sig = signature(tech);
    auto before = table_counts();

    // A raw call charging more than the quote (another line, no reason): refused, nothing written.
    auto more = step(tech, v, "complete", completion(sig, lines({{&tap, 1}, {&pipe, 1}})));
    EXPECT_EQ(more.status, 422) << more.body;
    EXPECT_EQ(more.error_code(), "charge_differs_from_quote");
    EXPECT_EQ(more.error_field(), "charge_reason");
    auto params = more.json().at("error").at("params");
    EXPECT_EQ(params.at("quote_cents"), 8000);
    EXPECT_EQ(params.at("expected_cents"), 8000);
    EXPECT_EQ(params.at("total_cents"), 14000);
    // Less, by an agreed adjustment: still off the quote.
    auto less = step(tech, v, "complete",
                     with(completion(sig, lines({{&tap, 1}})), {{"adjustment_cents", -1000},
                                                                {"adjustment_reason", "長者優惠"},
                                                                {"adjustment_agreed", true},
                                                                {"charge_reason", "   "}}));
    EXPECT_EQ(less.status, 422) << less.body;
    EXPECT_EQ(less.error_code(), "charge_differs_from_quote");
    // The bought material without the quote's lines: the resident expects the quote plus it.
    auto materials_only = step(tech, v, "complete", with(completion(sig, {}), {{"materials", on_receipt(v)}}));
    EXPECT_EQ(materials_only.status, 422) << materials_only.body;
    EXPECT_EQ(materials_only.json().at("error").at("params").at("expected_cents"), 11550);
    // Another role cannot complete it instead, with or without a reason.
    for (const char* login : {"enghead", "frontdesk"}) {
        auto other = signed_in(login);
        auto r =
            step(other, v, "complete", with(completion(sig, lines({{&tap, 1}, {&pipe, 1}})), {{"charge_reason", "x"}}));
        EXPECT_EQ(r.status, 403) << login << " " << r.body;
    }
    EXPECT_EQ(table_counts(), before);
    EXPECT_EQ(read(tech, id_of(v)).at("status"), "in_progress");

    v = take(tech, v, "complete",
             with(completion(sig, lines({{&tap, 1}, {&pipe, 1}})),
                  {{"materials", on_receipt(v)}, {"charge_reason", "另發現去水喉鬆脫，住戶同意一併更換"}}));
    EXPECT_EQ(v.at("total_cents"), 17550);  // 80 + 60 + 35.50
    EXPECT_EQ(v.at("quote_cents"), 8000);
    EXPECT_EQ(v.at("charge_reason"), "另發現去水喉鬆脫，住戶同意一併更換");
    // On the register and in the audit trail.
    auto fd = signed_in("frontdesk");
    auto row = fd.get("/api/v1/sites/1/repairs?status=completed").json().at("items").at(0);
    EXPECT_EQ(row.at("charge_reason"), "另發現去水喉鬆脫，住戶同意一併更換");
    EXPECT_EQ(row.at("total_cents"), 17550);
    EXPECT_EQ(audit("repair", id_of(v)).back().at("after").at("charge_reason"), "另發現去水喉鬆脫，住戶同意一併更換");
}

TEST_P(RepairCharges, MT_3_4_AJobWithoutAConsentedQuoteIsChargedFromTheListWithoutAReason) {
    auto lock = price("P04");
    auto v = completed_job("大門門鎖損壞", charge(lock));  // simple: no survey, no quote
    EXPECT_TRUE(v.at("quote_cents").is_null());
    EXPECT_EQ(v.at("total_cents"), 15000);
    EXPECT_EQ(v.at("charge_reason"), "");
}

TEST_P(RepairCharges, MT_3_4_TheQuotedPriceStaysChargeableAfterThePriceListChanges) {
    auto tap = price("P01");
    auto v = surveyed("更換水龍頭");
    auto tech = signed_in("tech1");
    v = take(tech, v, "propose", {{"solution", "更換水龍頭"}, {"lines", lines({{&tap, 1}})}});
    v = take(tech, v, "consent", {{"agreed", true}});
    v = take(tech, v, "start");
    auto eng = signed_in("enghead");
    auto edited = eng.put(path("/api/v1/price-items/", id_of(tap)), R"({"price_cents":9000})", if_match(1));
    ASSERT_EQ(edited.status, 200) << edited.body;
    // Another job cannot use the old version; this one charges what the resident agreed to.
    v = take(tech, v, "complete", completion(signature(tech), lines({{&tap, 1}})));
    EXPECT_EQ(v.at("charges").at(0).at("unit_price_cents"), 8000);
    EXPECT_EQ(v.at("total_cents"), 8000);
    EXPECT_EQ(v.at("charge_reason"), "");
}

TEST_P(RepairCharges, MT_3_3_OnlyThisJobsBoughtMaterialsGoOnTheReceiptAndOnce) {
    auto tech = signed_in("tech1");
    auto other = assigned("tech1", "另一單");
    other = take(tech, other, "check-in");
    other = bought(tech, other, "另一單的角閥");
    auto v = assigned("tech1", "更換角閥");
    v = take(tech, v, "check-in");
    v = bought(tech, v);
    v = take(tech, v, "material", {{"source", "resident"}, {"name", "生料帶"}, {"quality_ok", true}});
    v = take(tech, v, "start");
    int64_t sig = signature(tech);
    int64_t mine = id_of(v.at("materials").at(0));
    int64_t residents = id_of(v.at("materials").at(1));
    int64_t theirs = id_of(other.at("materials").at(0));
    auto before = table_counts();
    struct Bad {
        bj::array materials;
        const char* code;
        const char* field;
    };
    const Bad bad[] = {
        {{bj::object{{"material_id", theirs}}}, "no_such_record", "materials[0].material_id"},
        {{bj::object{{"material_id", residents}}}, "not_applicable", "materials[0].material_id"},
        {{bj::object{{"material_id", mine}}, bj::object{{"material_id", mine}}},
         "not_applicable",
         "materials[1].material_id"},
    };
    for (const auto& b : bad) {
        auto r = step(tech, v, "complete", with(completion(sig), {{"materials", b.materials}}));
        EXPECT_EQ(r.status, 422) << r.body;
        EXPECT_EQ(r.error_code(), b.code) << r.body;
        EXPECT_EQ(r.error_field(), b.field) << r.body;
    }
    EXPECT_EQ(table_counts(), before);
    v = take(tech, v, "complete", with(completion(sig), {{"materials", bj::array{bj::object{{"material_id", mine}}}}}));
    EXPECT_EQ(v.at("materials_cents"), 3550);
    EXPECT_EQ(v.at("materials").at(0).at("charged"), true);
    EXPECT_EQ(v.at("materials").at(1).at("charged"), false);

    // Not satisfied: the revisit puts nothing on the receipt again.
    ASSERT_EQ(visit(v, "not_satisfied", "仍滲水").status, 200);
    auto fd = signed_in("frontdesk");
    v = take(fd, read(fd, id_of(v)), "rebook", {{"mode", "immediate"}});
    v = take(tech, v, "check-in");
    v = take(tech, v, "start");
    auto again = step(tech, v, "complete",
                      with(completion(signature(tech)), {{"materials", bj::array{bj::object{{"material_id", mine}}}}}));
    EXPECT_EQ(again.status, 422) << again.body;
    EXPECT_EQ(again.error_field(), "charges");
}

TEST_P(RepairCharges, MT_3_1_TheTechnicianPickerShowsLoginWorkloadAndTheNextFreeTime) {
    auto eng = signed_in("enghead");
    auto none = eng.get("/api/v1/sites/1/technicians");
    ASSERT_EQ(none.status, 200) << none.body;
    auto row_of = [](const bj::value& list, const std::string& login) {
        for (const auto& w : list.at("items").as_array())
            if (w.at("login") == login.c_str()) return w;
        throw std::runtime_error("no technician " + login);
    };
    auto idle = row_of(none.json(), "tech1");
    EXPECT_EQ(idle.at("name"), "王技工");
    EXPECT_EQ(idle.at("role"), "technician");
    EXPECT_EQ(idle.at("open_jobs_today"), 0);
    EXPECT_EQ(idle.at("next_free_at"), kStartLocal);  // free now

    // An immediate job (due 19:36:40, then an hour) runs into an 20:00–21:00 appointment.
    assigned("tech1", "即時 1");
    assigned("tech1", "預約 20:00", at_eight());
    assigned("tech1", "明日預約", {{"mode", "appointment"}, {"slot", slot("2026-11-19", "10:00", "11:00")}});
    auto busy = eng.get("/api/v1/sites/1/technicians").json();
    auto tech1 = row_of(busy, "tech1");
    EXPECT_EQ(tech1.at("open_jobs_today"), 2);  // tomorrow's is not today's
    EXPECT_EQ(tech1.at("next_free_at"), "2026-11-18T21:00:00+08:00");
    auto tech2 = row_of(busy, "tech2");
    EXPECT_EQ(tech2.at("open_jobs_today"), 0);
    EXPECT_EQ(tech2.at("next_free_at"), kStartLocal);
    EXPECT_EQ(row_of(busy, "englead").at("role"), "eng_lead");

    // Who may see it: engineering and the desk of the site; not a technician, not another site.
    EXPECT_EQ(signed_in("frontdesk").get("/api/v1/sites/1/technicians").status, 200);
    EXPECT_EQ(signed_in("tech1").get("/api/v1/sites/1/technicians").status, 403);
    auto admin = signed_in("admin");
    east_site_with_user(admin, "east.eng", "eng_head");
    auto stranger = signed_in("east.eng", "east-side-password");
    auto foreign = stranger.get("/api/v1/sites/1/technicians");
    EXPECT_TRUE(foreign.status == 403 || foreign.status == 404) << foreign.status;
    EXPECT_EQ(foreign.body.find("王技工"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, RepairCharges, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
