#include "desk/json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>

#include "desk/rules.hpp"
#include "platform/json/values.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::desk::json {

namespace bj = boost::json;

using propdesk::json::or_null;
using propdesk::json::ref;
using propdesk::json::time_or_null;

std::string case_number(int64_t id) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "C%06lld", static_cast<long long>(id));
    return buf;
}

void write_case(propdesk::json::Writer& w,
                const Case& v,
                const std::string& zone,
                EpochMs now,
                const std::vector<rules::Action>* actions) {
    auto time = [&](const char* key, const std::optional<EpochMs>& t) { propdesk::json::time_field(w, key, t, zone); };
    w.begin_object().field("id", v.id).field("number", case_number(v.id)).field("site_id", v.site_id);
    w.field("channel", v.channel).field("category", v.category);
    w.field("unit_id", v.unit_id);
    w.field("unit_label", v.unit_label);
    w.field("resident_id", v.resident_id);
    w.field("caller_name", v.caller_name).field("caller_phone", v.caller_phone).field("content", v.content);
    w.field("status", v.status);
    w.ref_field("department", v.department_id, v.department_name);
    w.field("due_at", timefmt::to_rfc3339(v.due_at, zone)).field("overdue", rules::is_overdue(v.status, v.due_at, now));
    w.field("target_due_at", timefmt::to_rfc3339(v.target_due_at, zone));
    time("overdue_at", v.overdue_at);
    time("escalated_at", v.escalated_at);
    w.field("responsibility", v.responsibility);
    w.field("reply", v.reply).field("feedback", v.feedback);
    w.field("repair_request_id", v.repair_request_id);
    w.field("reopen_count", v.reopen_count).field("reopen_reason", v.reopen_reason);
    w.ref_field("recorded_by", v.recorded_by, v.recorded_by_name);
    w.field("read_back_at", timefmt::to_rfc3339(v.read_back_at, zone));
    time("dispatched_at", v.dispatched_at);
    time("accepted_at", v.accepted_at);
    time("completed_at", v.completed_at);
    time("return_visited_at", v.return_visited_at);
    time("replied_at", v.replied_at);
    time("archived_at", v.archived_at);
    time("handled_at", v.handled_at);
    w.field("handled_on_time", v.handled_on_time);
    if (actions) {
        w.key("actions").begin_array();
        for (auto a : *actions) w.value(rules::action_name(a));
        w.end_array();
    }
    w.field("version", v.version)
        .field("created_at", timefmt::to_rfc3339(v.created_at, zone))
        .field("updated_at", timefmt::to_rfc3339(v.updated_at, zone))
        .end_object();
}

std::string case_text(const Case& v, const std::string& zone, EpochMs now) {
    std::string text;
    text.reserve(1200);
    propdesk::json::Writer w(text);
    write_case(w, v, zone, now);
    return text;
}

bj::object case_record(const Case& v, const std::string& zone, EpochMs now) {
    return bj::parse(case_text(v, zone, now)).as_object();
}

bj::object event(const CaseEvent& e, const std::string& zone) {
    return {{"id", e.id},
            {"kind", e.kind},
            {"actor", ref(e.actor_id, e.actor_name)},
            {"department", ref(e.department_id, e.department_name)},
            {"note", e.note},
            {"at", timefmt::to_rfc3339(e.at, zone)}};
}

bj::object return_visit(const ReturnVisit& v, const std::string& zone, EpochMs now) {
    bj::object o;
    o.reserve(23);
    o["id"] = v.id;
    o["case_id"] = v.case_id;
    o["case_number"] = case_number(v.case_id);
    o["site_id"] = v.site_id;
    o["status"] = v.status;
    o["due_at"] = timefmt::to_rfc3339(v.due_at, zone);
    o["attempts"] = v.attempts;
    o["outcome"] = or_null(v.outcome);
    o["note"] = v.note;
    o["done_by"] = ref(v.done_by, v.done_by_name);
    o["done_at"] = time_or_null(v.done_at, zone);
    o["escalated_at"] = time_or_null(v.escalated_at, zone);
    o["overdue"] = rules::visit_overdue(v.status, v.due_at, now);
    o["overdue_at"] = time_or_null(v.overdue_at, zone);
    o["case_category"] = v.case_category;
    o["caller_name"] = v.caller_name;
    o["caller_phone"] = v.caller_phone;
    o["unit_label"] = v.unit_label;
    o["version"] = v.version;
    o["created_at"] = timefmt::to_rfc3339(v.created_at, zone);
    o["updated_at"] = timefmt::to_rfc3339(v.updated_at, zone);
    return o;
}

bj::object past_round(const PastRound& r, const std::string& zone) {
    return {{"number", r.number},
            {"department", ref(r.department_id, r.department_name)},
            {"completed_at", time_or_null(r.completed_at, zone)},
            {"completed_by", ref(r.completed_by, r.completed_by_name)},
            {"feedback", r.feedback},
            {"on_time", r.on_time ? bj::value(*r.on_time) : bj::value(nullptr)},
            {"reason", r.reason},
            {"reopened_by", ref(r.reopened_by, r.reopened_by_name)},
            {"reopened_at", timefmt::to_rfc3339(r.reopened_at, zone)}};
}

bj::object policy(const Policy& p, const std::string& zone) {
    bj::object hours{{"inquiry", p.inquiry_hours},       {"repair", p.repair_hours}, {"complaint", p.complaint_hours},
                     {"suggestion", p.suggestion_hours}, {"praise", p.praise_hours}, {"other", p.other_hours}};
    return {{"site_id", p.site_id},
            {"return_visit_hours", p.return_visit_hours},
            {"max_unreachable", p.max_unreachable},
            {"deadline_hours", std::move(hours)},
            {"version", p.version},
            {"updated_at", p.version ? bj::value(timefmt::to_rfc3339(p.updated_at, zone)) : bj::value(nullptr)}};
}

std::string text(const bj::object& o) {
    return bj::serialize(o);
}

}  // namespace propdesk::desk::json
