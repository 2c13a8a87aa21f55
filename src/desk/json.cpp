#include "desk/json.hpp"

#include <boost/json/serialize.hpp>
#include <cstdio>

#include "desk/rules.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::desk::json {

namespace bj = boost::json;

namespace {
bj::value time_or_null(const std::optional<EpochMs>& t, const std::string& zone) {
    if (!t) return nullptr;
    return bj::value(timefmt::to_rfc3339(*t, zone));
}
template <class T>
bj::value or_null(const std::optional<T>& v) {
    if (!v) return nullptr;
    return bj::value(*v);
}
bj::value ref(const std::optional<int64_t>& id, const std::string& name) {
    if (!id) return nullptr;
    return bj::object{{"id", *id}, {"name", name}};
}
}  // namespace

std::string case_number(int64_t id) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "C%06lld", static_cast<long long>(id));
    return buf;
}

bj::object case_record(const Case& v, const std::string& zone, EpochMs now) {
    bj::object o;
    o.reserve(40);
    o["id"] = v.id;
    o["number"] = case_number(v.id);
    o["site_id"] = v.site_id;
    o["channel"] = v.channel;
    o["category"] = v.category;
    o["unit_id"] = or_null(v.unit_id);
    o["unit_label"] = v.unit_label;
    o["resident_id"] = or_null(v.resident_id);
    o["caller_name"] = v.caller_name;
    o["caller_phone"] = v.caller_phone;
    o["content"] = v.content;
    o["status"] = v.status;
    o["department"] = ref(v.department_id, v.department_name);
    o["due_at"] = timefmt::to_rfc3339(v.due_at, zone);
    o["overdue"] = rules::is_overdue(v.status, v.due_at, now);
    o["overdue_at"] = time_or_null(v.overdue_at, zone);
    o["escalated_at"] = time_or_null(v.escalated_at, zone);
    o["responsibility"] = or_null(v.responsibility);
    o["reply"] = v.reply;
    o["feedback"] = v.feedback;
    o["repair_request_id"] = or_null(v.repair_request_id);
    o["reopen_count"] = v.reopen_count;
    o["recorded_by"] = ref(v.recorded_by, v.recorded_by_name);
    o["read_back_at"] = timefmt::to_rfc3339(v.read_back_at, zone);
    o["dispatched_at"] = time_or_null(v.dispatched_at, zone);
    o["accepted_at"] = time_or_null(v.accepted_at, zone);
    o["completed_at"] = time_or_null(v.completed_at, zone);
    o["return_visited_at"] = time_or_null(v.return_visited_at, zone);
    o["replied_at"] = time_or_null(v.replied_at, zone);
    o["archived_at"] = time_or_null(v.archived_at, zone);
    o["handled_at"] = time_or_null(v.handled_at, zone);
    o["handled_on_time"] = or_null(v.handled_on_time);
    o["version"] = v.version;
    o["created_at"] = timefmt::to_rfc3339(v.created_at, zone);
    o["updated_at"] = timefmt::to_rfc3339(v.updated_at, zone);
    return o;
}

bj::object event(const CaseEvent& e, const std::string& zone) {
    return {{"id", e.id},
            {"kind", e.kind},
            {"actor", ref(e.actor_id, e.actor_name)},
            {"department", ref(e.department_id, e.department_name)},
            {"note", e.note},
            {"at", timefmt::to_rfc3339(e.at, zone)}};
}

bj::object return_visit(const ReturnVisit& v, const std::string& zone) {
    bj::object o;
    o.reserve(20);
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
    o["case_category"] = v.case_category;
    o["caller_name"] = v.caller_name;
    o["unit_label"] = v.unit_label;
    o["version"] = v.version;
    o["created_at"] = timefmt::to_rfc3339(v.created_at, zone);
    o["updated_at"] = timefmt::to_rfc3339(v.updated_at, zone);
    return o;
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
