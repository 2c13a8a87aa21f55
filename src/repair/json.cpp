#include "repair/json.hpp"

#include <boost/json/parse.hpp>

#include "desk/json.hpp"
#include "platform/json/values.hpp"
#include "platform/time/zone.hpp"
#include "repair/rules.hpp"

namespace propdesk::repair::json {

namespace bj = boost::json;

using propdesk::json::or_null;
using propdesk::json::ref;
using propdesk::json::time_or_null;

void write_repair(propdesk::json::Writer& w, const Repair& r, const std::string& zone, EpochMs now) {
    auto time = [&](const char* key, const std::optional<EpochMs>& t) { propdesk::json::time_field(w, key, t, zone); };
    w.begin_object().field("id", r.id).field("number", rules::repair_number(r.id)).field("site_id", r.site_id);
    w.field("case_id", r.case_id).field("case_number", desk::json::case_number(r.case_id));
    w.field("channel", r.channel);
    w.field("unit_id", r.unit_id);
    w.field("unit_label", r.unit_label).field("caller_name", r.caller_name).field("caller_phone", r.caller_phone);
    w.field("location", r.location).field("description", r.description).field("mode", r.mode);
    w.field("simple", r.simple).field("requested_at", timefmt::to_rfc3339(r.requested_at, zone));
    w.key("slot");
    if (r.slot_start && r.slot_end)
        w.begin_object()
            .field("start", timefmt::to_rfc3339(*r.slot_start, zone))
            .field("end", timefmt::to_rfc3339(*r.slot_end, zone))
            .end_object();
    else
        w.null();
    w.field("due_at", timefmt::to_rfc3339(r.due_at, zone)).field("overdue", rules::arrival_overdue(r, now));
    time("arrival_missed_at", r.arrival_missed_at);
    w.field("status", r.status);
    w.ref_field("technician", r.technician_id, r.technician_name);
    time("assigned_at", r.assigned_at);
    time("arrived_at", r.arrived_at);
    time("first_arrived_at", r.first_arrived_at);
    w.field("first_on_time", r.first_on_time);
    w.key("proposal");
    if (r.proposed_at) {
        w.begin_object().field("solution", r.proposal_solution).field("materials", r.proposal_materials);
        w.field("minutes", r.proposal_minutes);
        w.field("price_cents", r.proposal_price_cents);
        time("proposed_at", r.proposed_at);
        w.end_object();
    } else {
        w.null();
    }
    time("consent_at", r.consent_at);
    w.field("consent_note", r.consent_note);
    time("started_at", r.started_at);
    time("completed_at", r.completed_at);
    w.field("work_done", r.work_done).field("restored", r.restored).field("cleaned", r.cleaned);
    w.field("opinion", r.opinion);
    w.field("signature_file_id", r.signature_file_id);
    w.field("signed_by", r.signed_by).field("charge_cents", r.charge_cents);
    w.field("materials_cents", r.materials_cents);
    w.field("adjustment_cents", r.adjustment_cents).field("adjustment_reason", r.adjustment_reason);
    w.field("total_cents", r.total_cents);
    const std::optional<int64_t> quote = rules::consented_quote(r);
    w.field("quote_cents", quote).field("charge_reason", r.charge_reason);
    w.field("receipt_no", r.receipt_no);
    w.field("visit_count", r.visit_count).field("no_one_home_count", r.no_one_home_count);
    w.field("reopen_count", r.reopen_count);
    w.field("first_time_fix", r.first_time_fix);
    time("return_visit_due_at", r.return_visit_due_at);
    w.field("return_visit_outcome", r.return_visit_outcome);
    time("return_visited_at", r.return_visited_at);
    w.field("close_reason", r.close_reason);
    time("closed_at", r.closed_at);
    w.ref_field("created_by", r.created_by, r.created_by_name);
    w.field("version", r.version).field("created_at", timefmt::to_rfc3339(r.created_at, zone));
    w.field("updated_at", timefmt::to_rfc3339(r.updated_at, zone));
    w.end_object();
}

std::string repair_text(const Repair& r, const std::string& zone, EpochMs now) {
    std::string out;
    propdesk::json::Writer w(out);
    write_repair(w, r, zone, now);
    return out;
}

bj::object repair_record(const Repair& r, const std::string& zone, EpochMs now) {
    return bj::parse(repair_text(r, zone, now)).as_object();
}

bj::object event(const Event& e, const std::string& zone) {
    return {{"id", e.id},
            {"kind", e.kind},
            {"actor", ref(e.actor_id, e.actor_name)},
            {"note", e.note},
            {"at", timefmt::to_rfc3339(e.at, zone)}};
}

bj::object arrival(const Arrival& a, const std::string& zone) {
    bj::value waited = nullptr;
    if (a.waited_ms) waited = *a.waited_ms / 60'000;
    return {{"id", a.id},
            {"technician", ref(a.technician_id, a.technician_name)},
            {"mode", a.mode},
            {"expected_at", timefmt::to_rfc3339(a.expected_at, zone)},
            {"arrived_at", timefmt::to_rfc3339(a.arrived_at, zone)},
            {"punctuality", a.punctuality},
            {"outcome", or_null(a.outcome)},
            {"waited_minutes", waited},
            {"left_at", time_or_null(a.left_at, zone)}};
}

bj::object material(const Material& m, const std::string& zone) {
    return {{"id", m.id},
            {"source", m.source},
            {"name", m.name},
            {"quantity", m.quantity},
            {"quality_ok", or_null(m.quality_ok)},
            {"quality_note", m.quality_note},
            {"resident_decision", m.resident_decision},
            {"place", m.place},
            {"amount_cents", or_null(m.amount_cents)},
            {"receipt_file_id", or_null(m.receipt_file_id)},
            {"charged", m.charged},
            {"recorded_by", ref(m.recorded_by, m.recorded_by_name)},
            {"recorded_at", timefmt::to_rfc3339(m.recorded_at, zone)}};
}

bj::object charge(const ChargeLine& l) {
    return {{"id", l.id},
            {"price_item_id", l.price_item_id},
            {"code", l.code},
            {"name", l.name},
            {"unit", l.unit},
            {"unit_price_cents", l.unit_price_cents},
            {"quantity", l.quantity},
            {"amount_cents", l.amount_cents}};
}

bj::object price_item(const PriceItem& p, const std::string& zone) {
    return {{"id", p.id},
            {"site_id", p.site_id},
            {"item_key", p.item_key},
            {"version", p.version},
            {"code", p.code},
            {"name", p.name},
            {"unit", p.unit},
            {"price_cents", p.price_cents},
            {"active", p.active},
            {"current", !p.superseded_at.has_value()},
            {"superseded_at", time_or_null(p.superseded_at, zone)},
            {"created_by", ref(p.created_by, p.created_by_name)},
            {"created_at", timefmt::to_rfc3339(p.created_at, zone)}};
}

bj::object work_order(const WorkOrder& w, const std::string& zone) {
    return {{"id", w.id},
            {"number", w.number},
            {"site_id", w.site_id},
            {"title", w.title},
            {"location", w.location},
            {"instructions", w.instructions},
            {"issued_by", ref(w.issued_by, w.issued_by_name)},
            {"issued_at", timefmt::to_rfc3339(w.issued_at, zone)},
            {"technician", ref(w.technician_id, w.technician_name)},
            {"due_at", time_or_null(w.due_at, zone)},
            {"status", w.status},
            {"report", w.report},
            {"reported_at", time_or_null(w.reported_at, zone)},
            {"return_reason", w.return_reason},
            {"returned_count", w.returned_count},
            {"inspection_note", w.inspection_note},
            {"accepted_by", ref(w.accepted_by, w.accepted_by_name)},
            {"accepted_at", time_or_null(w.accepted_at, zone)},
            {"signature_file_id", or_null(w.signature_file_id)},
            {"archived_at", time_or_null(w.archived_at, zone)},
            {"version", w.version},
            {"created_at", timefmt::to_rfc3339(w.created_at, zone)},
            {"updated_at", timefmt::to_rfc3339(w.updated_at, zone)}};
}

bj::object policy(const Policy& p, const std::string& zone) {
    return {{"site_id", p.site_id},
            {"return_visit_hours", p.return_visit_hours},
            {"return_visit_percent", p.return_visit_percent},
            {"min_wait_minutes", p.min_wait_minutes},
            {"version", p.version},
            {"updated_at", p.version ? bj::value(timefmt::to_rfc3339(p.updated_at, zone)) : bj::value(nullptr)}};
}

}  // namespace propdesk::repair::json
