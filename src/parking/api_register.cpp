// 車輛出入登記表 (PK-3): the register searched, one stay in full, and the workbook.
#include <boost/json.hpp>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/gate.hpp"
#include "parking/json.hpp"
#include "parking/store.hpp"
#include "platform/http/api_support.hpp"
#include "platform/report/background.hpp"
#include "platform/report/period.hpp"
#include "platform/report/xlsx.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::parking {
namespace {

using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;

store::VisitQuery query_of(const Request& req, int64_t site_id, const std::string& zone, int limit) {
    store::VisitQuery q;
    q.site_id = site_id;
    q.plate_key = rules::plate_key(req.query_param("plate").value_or(""));
    q.from = report::day_param(req, "from", zone, false);
    q.to = report::day_param(req, "to", zone, true);
    q.lane_id = http::id_query(req, "lane_id");
    q.card_no = req.query_param("card_no").value_or("");
    q.categories = http::query_list(req, "category");
    q.statuses = http::query_list(req, "status");
    q.attendant_id = http::id_query(req, "attendant_id");
    q.limit = limit;
    return q;
}

Response list(Context& ctx, Request& req) {
    auto page = http::page_params(req);
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_read);
        auto q = query_of(req, site_id, zone, page.limit + 1);
        q.before_id = page.after_id;
        auto rows = store::list_visits(c, q);
        auto next = http::trim_id_page(rows, page.limit);
        bj::array items;
        for (const auto& v : rows) items.push_back(json::visit(v, zone));
        return std::make_pair(std::move(items), next);
    });
    return http::page_response(std::move(out.first), out.second);
}

std::string remark_of(const Visit& v) {
    std::string r = v.remarks;
    if (!v.visitor_reason.empty() && v.visitor_reason != "no_card") r += (r.empty() ? "" : "; ") + v.visitor_reason;
    if (!v.refusal_reason.empty()) r += (r.empty() ? "" : "; ") + v.refusal_reason;
    // PK-5: a pass not handed back is on the register's line too.
    if (!v.pass_lost_note.empty()) r += std::string(r.empty() ? "" : "; ") + "出入證遺失：" + v.pass_lost_note;
    return r;
}

// 車輛出入登記表 as a workbook: at most 100,000 lines, newest first.
std::string register_xlsx(Context& ctx, const Request& req) {
    auto [rows, zone] = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_read);
        auto q = query_of(req, site_id, zone, 100'000);
        return std::make_pair(store::list_visits(c, q), zone);
    });
    return report::xlsx_bytes([&](lxw_workbook* wb) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, "車輛出入登記表");
        lxw_format* head = workbook_add_format(wb);
        format_set_bold(head);
        // PK-5 (issue 13): the cash received and the change given, and an electronic payment's
        // QR and reference, follow the fee.
        const char* heads[] = {"日期",     "車牌",     "類別",     "停車卡",   "出入證號", "進場時間", "入口",
                               "值班員",   "車損",     "出場時間", "出口",     "收費(元)", "收費方式", "收到(元)",
                               "找續(元)", "付款參考", "收據號",   "免費類別", "備註"};
        for (int i = 0; i < static_cast<int>(std::size(heads)); ++i) worksheet_write_string(ws, 0, i, heads[i], head);
        int r = 1;
        auto put = [&](int col, const std::string& s) { worksheet_write_string(ws, r, col, s.c_str(), nullptr); };
        auto at = [&](const std::optional<EpochMs>& t) {
            return t ? timefmt::to_rfc3339(*t, zone).substr(0, 16) : std::string();
        };
        for (const auto& v : rows) {
            put(0, timefmt::local_date(v.entry_at.value_or(v.created_at), zone));
            put(1, v.plate);
            put(2, v.category);
            put(3, v.card_no);
            put(4, v.pass_no.value_or(""));
            put(5, at(v.entry_at));
            put(6, v.entry_lane_name);
            put(7, v.entry_by_name);
            put(8, v.damage_note);
            put(9, at(v.exit_at));
            put(10, v.exit_lane_name);
            worksheet_write_number(ws, r, 11, static_cast<double>(v.paid_cents) / 100.0, nullptr);
            put(12, v.payment_method.value_or("") + (v.payment_scheme.empty() ? "" : " " + v.payment_scheme));
            if (v.payment_method == "cash") {
                worksheet_write_number(ws, r, 13, static_cast<double>(v.received_cents) / 100.0, nullptr);
                worksheet_write_number(ws, r, 14, static_cast<double>(v.change_cents) / 100.0, nullptr);
            }
            put(15, v.payment_ref);
            put(16, v.receipt_no.value_or(""));
            put(17, v.free_category.value_or(""));
            put(18, remark_of(v));
            ++r;
        }
    });
}

Response workbook(Context& ctx, Request& req) {
    // Checked here, so a refused caller does not wait behind other exports.
    ctx.db.read([&](db::Conn& c) { detail::site_in_path(c, req, Permission::parking_read); });
    return report::xlsx_response(report::run_low_priority([&] { return register_xlsx(ctx, req); }),
                                 "parking-register.xlsx");
}

Response one_stay(Context& ctx, Request& req) {
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_read);
        Visit v = detail::visit_of_site(c, site_id, req.id_param("vid"));
        auto o = json::visit(v, zone);
        bool due = v.status == "inside" || v.status == "exiting";
        o["fee_now"] =
            due && v.category == "visitor" ? bj::value(json::fee(gate::fee_of(c, v, zone, now))) : bj::value(nullptr);
        auto vehicle = store::vehicle_by_plate(c, site_id, v.plate_key);
        o["vehicle"] = vehicle ? bj::value(json::vehicle(*vehicle)) : bj::value(nullptr);
        std::optional<Card> card;
        if (v.card_id) card = store::get_card(c, *v.card_id);
        o["card"] = card ? bj::value(json::card(*card, zone, now)) : bj::value(nullptr);
        auto request = store::last_request_of_visit(c, v.id);
        o["free_request"] = request ? bj::value(json::free_request(*request, zone)) : bj::value(nullptr);
        auto hold = store::last_hold_of_visit(c, v.id);
        o["hold"] = hold ? bj::value(json::hold(*hold, zone)) : bj::value(nullptr);
        bj::array events;
        for (const auto& e : store::visit_events(c, v.id)) events.push_back(json::event(e, zone));
        o["events"] = std::move(events);
        return o;
    });
    return http::record_response(out, out.at("version").as_int64());
}

}  // namespace

void register_register_routes(http::Router& router, Context& ctx) {
    detail::Routes routes(router, ctx);
    routes.add("GET", "/visits", Permission::parking_read, list,
               "The register, searchable by plate, date, lane, card, category, status and attendant (PK-3)");
    routes.add("GET", "/visits.xlsx", Permission::parking_read, workbook,
               "The register as a workbook (車輛出入登記表)");
    routes.add("GET", "/visits/{vid}", Permission::parking_read, one_stay,
               "One stay with its fee now, vehicle file, card, hold and camera events");
}

}  // namespace propdesk::parking
