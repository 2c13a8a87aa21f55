// FD-I: the desk's KPIs for a period, as JSON for the dashboard and as an xlsx workbook.
#include <boost/json.hpp>
#include <cstdio>
#include <map>

#include "desk/actions.hpp"
#include "desk/api_common.hpp"
#include "desk/kpi.hpp"
#include "desk/store.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"
#include "platform/report/background.hpp"
#include "platform/report/period.hpp"
#include "platform/report/xlsx.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::desk {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;

using report::Period;
using report::period_of;

struct Report {
    Period period;
    std::string zone;
    kpi::Summary summary;
    std::map<int64_t, std::string> departments, staff;
    std::vector<store::Breach> breaches;
};

Report build(Context& ctx, const Request& req) {
    Report r;
    EpochMs now = ctx.clock.now_ms();
    ctx.db.read([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::desk_kpi);
        r.zone = site.second;
        r.period = period_of(req, r.zone, now);
        r.summary = kpi::summarise(store::kpi_rows(c, site.first, r.period.day_starts, now), r.period.days);
        for (auto& [id, name] : store::department_names(c, site.first)) r.departments[id] = name;
        std::vector<int64_t> ids;
        for (const auto& g : r.summary.staff) ids.push_back(*g.id);
        for (auto& [id, name] : store::user_names(c, ids)) r.staff[id] = name;
        r.breaches = store::kpi_breaches(c, site.first, r.period.from, r.period.to, now, 200);
    });
    return r;
}

bj::value rate_json(rules::Rate rate) {
    auto pct = rules::percent(rate);
    return bj::object{{"done", rate.numerator},
                      {"due", rate.denominator},
                      {"percent", pct ? bj::value(*pct) : bj::value(nullptr)},
                      {"meets_target", rules::meets_target(rate)}};
}

bj::object counts_json(const kpi::Counts& c) {
    auto avg = kpi::averages_minutes(c);
    auto m = [](const std::optional<int64_t>& v) { return v ? bj::value(*v) : bj::value(nullptr); };
    return {{"cases", c.cases},
            {"complaints", c.complaints},
            {"complaints_on_time", rate_json(kpi::complaints_on_time(c))},
            {"return_visits", rate_json(kpi::return_visit_rate(c))},
            {"average_minutes", bj::object{{"dispatch", m(avg.dispatch)},
                                           {"accept", m(avg.accept)},
                                           {"complete", m(avg.complete)},
                                           {"return_visit", m(avg.return_visit)},
                                           {"reply", m(avg.reply)},
                                           {"archive", m(avg.archive)}}}};
}

Response kpi_json(Context& ctx, Request& req) {
    auto r = build(ctx, req);
    bj::object o;
    o["from"] = r.period.from_date;
    o["to"] = r.period.to_date;
    o["targets"] = bj::object{{"complaints_on_time", 100}, {"return_visits", 100}};
    o["totals"] = counts_json(r.summary.total);
    bj::array depts;
    for (const auto& g : r.summary.departments) {
        auto j = counts_json(g.counts);
        j["id"] = g.id ? bj::value(*g.id) : bj::value(nullptr);
        j["name"] = g.id ? r.departments[*g.id] : "";
        depts.push_back(std::move(j));
    }
    o["departments"] = std::move(depts);
    bj::array staff;
    for (const auto& g : r.summary.staff) {
        auto j = counts_json(g.counts);
        j["id"] = *g.id;
        j["name"] = r.staff[*g.id];
        staff.push_back(std::move(j));
    }
    o["staff"] = std::move(staff);
    bj::array days;
    for (size_t i = 0; i < r.summary.days.size(); ++i) {
        auto j = counts_json(r.summary.days[i]);
        j["date"] = timefmt::local_date(r.period.day_starts[i], r.zone);
        days.push_back(std::move(j));
    }
    o["days"] = std::move(days);
    bj::array breaches;
    for (const auto& b : r.breaches)
        breaches.push_back(bj::object{
            {"kind", b.kind},
            {"case_id", b.case_id},
            {"number", json::case_number(b.case_id)},
            {"category", b.category},
            {"caller_name", b.caller_name},
            {"department_name", b.department_name},
            {"recorded_by_name", b.recorded_by_name},
            {"due_at", timefmt::to_rfc3339(b.due_at, r.zone)},
            {"handled_at", b.handled_at ? bj::value(timefmt::to_rfc3339(*b.handled_at, r.zone)) : bj::value(nullptr)}});
    o["breaches"] = std::move(breaches);
    return Response::json(200, bj::serialize(o));
}

// ---- xlsx ----

struct Sheet {
    lxw_worksheet* ws;
    lxw_format* head;
    lxw_format* pct;
    int row = 0;
};

void put_rate(Sheet& s, int col, rules::Rate r) {
    worksheet_write_number(s.ws, s.row, col, static_cast<double>(r.numerator), nullptr);
    worksheet_write_number(s.ws, s.row, col + 1, static_cast<double>(r.denominator), nullptr);
    if (auto p = rules::percent(r))
        worksheet_write_number(s.ws, s.row, col + 2, *p / 100.0, s.pct);
    else
        worksheet_write_string(s.ws, s.row, col + 2, "—", nullptr);
}

void put_counts_header(Sheet& s, const char* first) {
    const char* heads[] = {first,           "個案",     "投訴",   "投訴及時處理",   "投訴到期",       "及時率",
                           "回訪完成",      "回訪到期", "回訪率", "平均派單(分鐘)", "平均受理(分鐘)", "平均完成(分鐘)",
                           "平均回訪(分鐘)"};
    for (int i = 0; i < static_cast<int>(std::size(heads)); ++i)
        worksheet_write_string(s.ws, s.row, i, heads[i], s.head);
    ++s.row;
}

void put_counts(Sheet& s, const std::string& label, const kpi::Counts& c) {
    worksheet_write_string(s.ws, s.row, 0, label.c_str(), nullptr);
    worksheet_write_number(s.ws, s.row, 1, static_cast<double>(c.cases), nullptr);
    worksheet_write_number(s.ws, s.row, 2, static_cast<double>(c.complaints), nullptr);
    put_rate(s, 3, kpi::complaints_on_time(c));
    put_rate(s, 6, kpi::return_visit_rate(c));
    auto avg = kpi::averages_minutes(c);
    int col = 9;
    for (const auto& v : {avg.dispatch, avg.accept, avg.complete, avg.return_visit}) {
        if (v) worksheet_write_number(s.ws, s.row, col, static_cast<double>(*v), nullptr);
        ++col;
    }
    ++s.row;
}

std::string xlsx_bytes(const Report& r) {
    return report::xlsx_bytes([&](lxw_workbook* wb) {
        lxw_format* head = workbook_add_format(wb);
        format_set_bold(head);
        lxw_format* pct = workbook_add_format(wb);
        format_set_num_format(pct, "0.0%");
        Sheet sum{workbook_add_worksheet(wb, "總覽"), head, pct};
        worksheet_write_string(sum.ws, 0, 0, ("期間 " + r.period.from_date + " – " + r.period.to_date).c_str(), head);
        sum.row = 2;
        put_counts_header(sum, "");
        put_counts(sum, "全部", r.summary.total);
        Sheet dep{workbook_add_worksheet(wb, "部門"), head, pct};
        put_counts_header(dep, "部門");
        for (const auto& g : r.summary.departments)
            put_counts(dep, g.id ? r.departments.at(*g.id) : "(未派單)", g.counts);
        Sheet st{workbook_add_worksheet(wb, "員工"), head, pct};
        put_counts_header(st, "登記人");
        for (const auto& g : r.summary.staff) put_counts(st, r.staff.count(*g.id) ? r.staff.at(*g.id) : "", g.counts);
        Sheet br{workbook_add_worksheet(wb, "未達標個案"), head, pct};
        const char* heads[] = {"類型", "編號", "類別", "來電人", "部門", "登記人", "期限", "處理時間"};
        for (int i = 0; i < 8; ++i) worksheet_write_string(br.ws, 0, i, heads[i], head);
        int row = 1;
        for (const auto& b : r.breaches) {
            const char* kind = b.kind == "complaint_late"      ? "投訴逾時處理"
                               : b.kind == "complaint_overdue" ? "投訴逾期未處理"
                                                               : "回訪未完成";
            worksheet_write_string(br.ws, row, 0, kind, nullptr);
            worksheet_write_string(br.ws, row, 1, json::case_number(b.case_id).c_str(), nullptr);
            worksheet_write_string(br.ws, row, 2, b.category.c_str(), nullptr);
            worksheet_write_string(br.ws, row, 3, b.caller_name.c_str(), nullptr);
            worksheet_write_string(br.ws, row, 4, b.department_name.c_str(), nullptr);
            worksheet_write_string(br.ws, row, 5, b.recorded_by_name.c_str(), nullptr);
            worksheet_write_string(br.ws, row, 6, timefmt::to_rfc3339(b.due_at, r.zone).c_str(), nullptr);
            if (b.handled_at)
                worksheet_write_string(br.ws, row, 7, timefmt::to_rfc3339(*b.handled_at, r.zone).c_str(), nullptr);
            ++row;
        }
    });
}

Response kpi_xlsx(Context& ctx, Request& req) {
    std::string name;
    auto bytes = report::run_low_priority([&] {
        auto r = build(ctx, req);
        name = "desk-kpi-" + r.period.from_date + "-" + r.period.to_date + ".xlsx";
        return xlsx_bytes(r);
    });
    return report::xlsx_response(std::move(bytes), name);
}

}  // namespace

void register_kpi_routes(http::Router& router, Context& ctx) {
    http::RouteTable routes(router, ctx);
    routes.add("GET", "/sites/{site_id}/desk/kpi", Permission::desk_kpi, kpi_json,
               "The desk's KPIs for a period: complaints on time, return visits, time in each step (FD-I)");
    routes.add("GET", "/sites/{site_id}/desk/kpi.xlsx", Permission::desk_kpi, kpi_xlsx,
               "The desk's KPIs for a period as an xlsx workbook");
}

}  // namespace propdesk::desk
