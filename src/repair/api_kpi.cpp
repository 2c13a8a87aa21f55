// MT-1: the repair KPIs for a period, per technician and day, as JSON and as an xlsx workbook.
#include <boost/json.hpp>
#include <map>

#include "desk/rules.hpp"
#include "desk/store.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"
#include "platform/report/background.hpp"
#include "platform/report/period.hpp"
#include "platform/report/xlsx.hpp"
#include "platform/time/zone.hpp"
#include "repair/api.hpp"
#include "repair/api_common.hpp"
#include "repair/kpi.hpp"
#include "repair/store.hpp"

namespace propdesk::repair {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;

struct Report {
    report::Period period;
    std::string zone;
    Policy policy;
    kpi::Counts total;
    std::map<int64_t, kpi::Counts> technicians;
    std::vector<kpi::Counts> days;
    std::map<int64_t, std::string> names;
};

Report build(Context& ctx, const Request& req) {
    Report r;
    EpochMs now = ctx.clock.now_ms();
    ctx.db.read([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::repair_kpi);
        r.zone = site.second;
        r.period = report::period_of(req, r.zone, now);
        r.policy = store::get_policy(c, site.first);
        kpi::Accumulator acc(r.period.day_starts);
        store::kpi_jobs(c, site.first, r.period.from, r.period.to, [&](const kpi::Facts& f) {
            acc.add(f.technician_id.value_or(0), f.requested_at, kpi::of_job(f, now));
        });
        store::kpi_arrivals(c, site.first, r.period.from, r.period.to, [&](const kpi::ArrivalFact& a) {
            acc.add(a.technician_id, a.arrived_at, kpi::of_arrival(a));
        });
        r.total = acc.total();
        r.technicians = acc.technicians();
        r.days = acc.days();
        std::vector<int64_t> ids;
        for (const auto& [id, counts] : r.technicians)
            if (id) ids.push_back(id);
        for (auto& [id, name] : desk::store::user_names(c, ids)) r.names[id] = name;
    });
    return r;
}

bj::value rate_json(kpi::Rate rate, double target = 100.0) {
    auto pct = desk::rules::percent(rate);
    return bj::object{{"numerator", rate.numerator},
                      {"denominator", rate.denominator},
                      {"percent", pct ? bj::value(*pct) : bj::value(nullptr)},
                      {"meets_target", desk::rules::meets_target(rate, target)}};
}

bj::object counts_json(const kpi::Counts& c, const Policy& p) {
    auto avg = kpi::response_minutes(c);
    return {{"requests", c.requests},
            {"response_avg_minutes", avg ? bj::value(*avg) : bj::value(nullptr)},
            {"arrivals_immediate", rate_json(c.on_time_immediate)},
            {"arrivals_appointment", rate_json(c.on_time_appointment)},
            {"late_arrivals", c.late_arrivals},
            {"completed", c.completed},
            {"first_time_fix", rate_json(c.first_time_fix)},
            {"satisfaction", rate_json(c.satisfaction)},
            {"return_visits", rate_json(c.return_visits, static_cast<double>(p.return_visit_percent))},
            {"return_visit_target_percent", p.return_visit_percent},
            {"sampled", c.sampled}};
}

Response kpi_json(Context& ctx, Request& req) {
    auto r = build(ctx, req);
    bj::object o;
    o["from"] = r.period.from_date;
    o["to"] = r.period.to_date;
    o["totals"] = counts_json(r.total, r.policy);
    bj::array techs;
    for (const auto& [id, counts] : r.technicians) {
        auto j = counts_json(counts, r.policy);
        j["technician"] = id ? bj::value(bj::object{{"id", id}, {"name", r.names[id]}}) : bj::value(nullptr);
        techs.push_back(std::move(j));
    }
    o["technicians"] = std::move(techs);
    bj::array days;
    for (size_t i = 0; i < r.days.size(); ++i) {
        auto j = counts_json(r.days[i], r.policy);
        j["date"] = timefmt::local_date(r.period.day_starts[i], r.zone);
        days.push_back(std::move(j));
    }
    o["days"] = std::move(days);
    return Response::json(200, bj::serialize(o));
}

void put_rate(lxw_worksheet* ws, int row, int col, kpi::Rate r, lxw_format* pct) {
    worksheet_write_number(ws, row, col, static_cast<double>(r.numerator), nullptr);
    worksheet_write_number(ws, row, col + 1, static_cast<double>(r.denominator), nullptr);
    if (auto p = desk::rules::percent(r))
        worksheet_write_number(ws, row, col + 2, *p / 100.0, pct);
    else
        worksheet_write_string(ws, row, col + 2, "—", nullptr);
}

void put_sheet(lxw_workbook* wb,
               const char* name,
               const char* first,
               lxw_format* head,
               lxw_format* pct,
               const std::vector<std::pair<std::string, kpi::Counts>>& rows) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name);
    const char* heads[] = {first,        "請修",     "平均響應(分鐘)", "即時準時",   "即時到場",
                           "即時準時率", "預約準時", "預約到場",       "預約準時率", "遲到",
                           "完成",       "一次修復", "完成數",         "一次修復率", "滿意",
                           "已回訪",     "滿意率",   "已回訪",         "完成",       "回訪率"};
    for (int i = 0; i < static_cast<int>(std::size(heads)); ++i) worksheet_write_string(ws, 0, i, heads[i], head);
    int row = 1;
    for (const auto& [label, c] : rows) {
        worksheet_write_string(ws, row, 0, label.c_str(), nullptr);
        worksheet_write_number(ws, row, 1, static_cast<double>(c.requests), nullptr);
        if (auto m = kpi::response_minutes(c)) worksheet_write_number(ws, row, 2, static_cast<double>(*m), nullptr);
        put_rate(ws, row, 3, c.on_time_immediate, pct);
        put_rate(ws, row, 6, c.on_time_appointment, pct);
        worksheet_write_number(ws, row, 9, static_cast<double>(c.late_arrivals), nullptr);
        worksheet_write_number(ws, row, 10, static_cast<double>(c.completed), nullptr);
        put_rate(ws, row, 11, c.first_time_fix, pct);
        put_rate(ws, row, 14, c.satisfaction, pct);
        put_rate(ws, row, 17, c.return_visits, pct);
        ++row;
    }
}

Response kpi_xlsx(Context& ctx, Request& req) {
    std::string name;
    auto bytes = report::run_low_priority([&] {
        auto r = build(ctx, req);
        name = "repair-kpi-" + r.period.from_date + "-" + r.period.to_date + ".xlsx";
        return report::xlsx_bytes([&](lxw_workbook* wb) {
            lxw_format* head = workbook_add_format(wb);
            format_set_bold(head);
            lxw_format* pct = workbook_add_format(wb);
            format_set_num_format(pct, "0.0%");
            put_sheet(wb, "總覽", "期間 ", head, pct, {{r.period.from_date + " – " + r.period.to_date, r.total}});
            std::vector<std::pair<std::string, kpi::Counts>> techs;
            for (const auto& [id, c] : r.technicians) techs.emplace_back(id ? r.names[id] : "(未派工)", c);
            put_sheet(wb, "技工", "技工", head, pct, techs);
            std::vector<std::pair<std::string, kpi::Counts>> days;
            for (size_t i = 0; i < r.days.size(); ++i)
                days.emplace_back(timefmt::local_date(r.period.day_starts[i], r.zone), r.days[i]);
            put_sheet(wb, "每日", "日期", head, pct, days);
        });
    });
    return report::xlsx_response(std::move(bytes), name);
}

}  // namespace

void register_kpi_routes(http::Router& router, Context& ctx) {
    http::RouteTable routes(router, ctx);
    routes.add(
        "GET", "/sites/{site_id}/repair-kpi", Permission::repair_kpi, kpi_json,
        "Repair KPIs for a period: response, on-time arrival, first-time fix, satisfaction, return visits (MT-1)");
    routes.add("GET", "/sites/{site_id}/repair-kpi.xlsx", Permission::repair_kpi, kpi_xlsx,
               "The repair KPIs for a period as an xlsx workbook");
}

}  // namespace propdesk::repair
