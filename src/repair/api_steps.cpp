// The steps of a job's flow sheet (客戶請修流程單, MT-3.1 … MT-3.4): each one POST with If-Match,
// checked against the lifecycle, the caller's role and whether it is their job, in one
// transaction with its timeline event, notifications, the desk case's step and the audit entry
// (lifecycle::take). The decisions are the repair rules'; a handler reads the body and records.
#include <algorithm>
#include <boost/json.hpp>
#include <functional>

#include "platform/files/evidence.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"
#include "platform/json/json_in.hpp"
#include "platform/lifecycle/step.hpp"
#include "platform/time/zone.hpp"
#include "repair/api.hpp"
#include "repair/api_common.hpp"
#include "repair/json.hpp"
#include "repair/store.hpp"

namespace propdesk::repair {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
using rules::Action;
using Step = lifecycle::Step<Repair>;
namespace bj = boost::json;

bj::object answer_repair(
    db::Conn& c, const Request& req, std::string_view action, const Repair& before, int64_t id, EpochMs now) {
    auto saved = *store::get_repair(c, id);
    auto zone = zone_of(c, saved.site_id);
    audit_repair(c, req, now, saved, std::string(action).c_str(), before, zone);
    return repair_detail(c, saved, zone, req.principal, now);
}

const lifecycle::Kind<Repair>& repair_kind() {
    static const lifecycle::Kind<Repair> kind{"job", repair_in_path, store::update_repair, answer_repair};
    return kind;
}

Response act(Context& ctx,
             Request& req,
             Action a,
             std::initializer_list<std::string_view> fields,
             const std::function<void(Step&)>& apply) {
    return lifecycle::take<Repair>(
        ctx, req, repair_kind(), fields,
        [a](const propdesk::json::JsonIn& in) {
            bool agreed = true;
            if (a == Action::consent) {
                auto answer = in.opt_bool("agreed");
                if (!answer) throw AppError::invalid("record whether the resident agreed", "agreed");
                agreed = *answer;
            }
            return lifecycle::Gate<Repair>{
                std::string(rules::action_name(a)),
                rules::by_technician(a) ? "only the job's technician may do this" : "your role may not do this",
                [a](const Repair& r, const auth::Principal& who) { return may(r, a, who); },
                [a, agreed](const Repair& r) { return rules::next_status(r.status, a, agreed); },
                {}};
        },
        apply);
}

void event(Step& s, const std::string& kind, const std::string& note = "") {
    store::add_event(s.c, s.r.id, std::nullopt, kind, s.actor, note, s.now);
}

std::string zone(const Step& s) {
    return zone_of(s.c, s.r.site_id);
}

int64_t technician_of(Step& s, const char* field) {
    int64_t tech = s.in.req_int(field, 1, INT64_MAX);
    if (!store::user_has_role(s.c, s.r.site_id, tech, "technician") &&
        !store::user_has_role(s.c, s.r.site_id, tech, "eng_lead"))
        throw AppError::invalid("no such technician in this site", field);
    return tech;
}

void tell_technician(Step& s, const char* kind, const std::string& title) {
    if (!s.r.technician_id) return;
    alert(s.c, s.r, {kind, title, s.r.description}, {*s.r.technician_id}, s.actor, s.now);
}

// MT-3.1: engineering assigns a technician; another one needs the reason.
Response assign(Context& ctx, Request& req) {
    return act(ctx, req, Action::assign, {"technician_id", "note"}, [](Step& s) {
        int64_t tech = technician_of(s, "technician_id");
        std::string note = s.in.opt_string("note", 0, 2000).value_or("");
        bool reassign = s.before.technician_id.has_value();
        if (reassign && s.before.technician_id == tech)
            throw AppError::invalid("the job is already with that technician", "technician_id");
        if (reassign && note.empty()) throw AppError::invalid("say why the job is reassigned", "note");
        s.r.technician_id = tech;
        s.r.assigned_by = s.actor;
        s.r.assigned_at = s.now;
        event(s, reassign ? "reassigned" : "assigned", store::user_name(s.c, tech) + (note.empty() ? "" : ": " + note));
        tell_technician(s, "repair_assigned", "新工作 " + rules::repair_number(s.r.id));
    });
}

// MT-3.2/3.4: the server's time at the door, against the promise; only the assigned technician.
Response check_in(Context& ctx, Request& req) {
    return act(ctx, req, Action::check_in, {}, [](Step& s) {
        auto p = rules::punctuality(s.r.mode, s.r.due_at, s.now);
        Arrival a;
        a.repair_id = s.r.id;
        a.site_id = s.r.site_id;
        a.technician_id = s.actor;
        a.mode = s.r.mode;
        a.expected_at = s.r.due_at;
        a.arrived_at = s.now;
        a.punctuality = std::string(rules::punctuality_name(p));
        store::insert_arrival(s.c, a);
        s.r = rules::checked_in(s.r, s.now);
        event(s, "checked_in", a.punctuality);
        case_follows(s.c, s.req, s.r, "checked_in", s.now, zone(s));
    });
}

// MT-3.4: nobody home: after the wait the technician leaves; the job needs a new time.
Response no_one_home(Context& ctx, Request& req) {
    return act(ctx, req, Action::no_one_home, {"note"}, [](Step& s) {
        raise_refusal(
            rules::wait_refusal(*s.r.arrived_at, s.now, store::get_policy(s.c, s.r.site_id).min_wait_minutes));
        auto arrival = store::last_arrival(s.c, s.r.id);
        int64_t waited = s.now - *s.r.arrived_at;
        if (arrival) store::mark_no_one_home(s.c, arrival->id, waited, s.now);
        s.r.no_one_home_count += 1;
        std::string note = s.in.opt_string("note", 0, 2000).value_or("");
        event(s, "no_one_home", std::to_string(waited / 60'000) + " min" + (note.empty() ? "" : ": " + note));
        alert(s.c, s.r, {"repair_no_one_home", "無人在家，需改約 " + rules::repair_number(s.r.id), note},
              desk_staff(s.c, s.r.site_id), s.actor, s.now);
    });
}

Response rebook(Context& ctx, Request& req) {
    return act(ctx, req, Action::rebook, {"mode", "slot", "technician_id", "note"}, [](Step& s) {
        schedule(s.r, s.in, zone(s), s.now, s.now);
        if (s.in.has("technician_id")) {
            if (!may(s.r, Action::assign, s.req.principal))
                throw AppError::forbidden("only engineering may change the technician");
            s.r.technician_id = technician_of(s, "technician_id");
            s.r.assigned_by = s.actor;
            s.r.assigned_at = s.now;
        }
        event(s, "rebooked", s.in.opt_string("note", 0, 2000).value_or(""));
        tell_technician(s, "repair_assigned", "改約 " + rules::repair_number(s.r.id));
    });
}

// MT-3.4: price-list lines [{price_item_id, quantity}] of the request's `field`, each from the
// price list in force or, at completion, a version the consented quote named (`quoted`).
std::vector<ChargeLine> charge_lines(Step& s, std::string_view field, const std::vector<int64_t>& quoted = {}) {
    std::vector<ChargeLine> lines;
    for (const auto& item : s.in.object_list(field, {"price_item_id", "quantity"}, 200)) {
        int64_t id = item.req_int("price_item_id", 1, INT64_MAX);
        int64_t quantity = item.req_int("quantity", 1, 10'000);
        auto p = store::get_price(s.c, id);
        bool in_quote = std::find(quoted.begin(), quoted.end(), id) != quoted.end();
        if (auto refused = rules::price_line_refusal(p, s.r.site_id, in_quote)) {
            refused->field = item.path("price_item_id");
            raise(*refused);
        }
        auto amount = rules::line_amount(p->price_cents, quantity);
        if (!amount) throw AppError::invalid("the charge is too large", item.path("quantity"));
        lines.push_back({0, p->id, p->code, p->name, p->unit, p->price_cents, quantity, *amount});
    }
    return lines;
}

// MT-3.2: the survey's proposal: the solution, materials, time and the price — the total of
// price-list lines, or a lump sum. A new proposal waits for the resident's answer again.
Response propose(Context& ctx, Request& req) {
    return act(ctx, req, Action::propose, {"solution", "materials", "minutes", "price_cents", "lines"}, [](Step& s) {
        s.r.proposal_solution = s.in.req_string("solution", 1, 2000);
        s.r.proposal_materials = s.in.opt_string("materials", 0, 2000).value_or("");
        s.r.proposal_minutes = s.in.opt_int("minutes", 1, 7 * 24 * 60);
        auto lines = charge_lines(s, "lines");
        auto price = rules::quoted_price(lines, s.in.opt_int("price_cents", 0, 100'000'000));
        raise_refusal(price.refusal);
        s.r.proposal_price_cents = price.price_cents;
        s.r.proposed_at = s.now;
        s.r.consent_at = std::nullopt;
        store::replace_quote_lines(s.c, s.r.id, s.now, lines);
        event(s, "proposed", s.r.proposal_solution);
    });
}

// MT-3.2: the resident's answer to the proposal; work starts only after a yes.
Response consent(Context& ctx, Request& req) {
    return act(ctx, req, Action::consent, {"agreed", "note"}, [](Step& s) {
        bool agreed = *s.in.opt_bool("agreed");
        std::string note = s.in.opt_string("note", 0, 2000).value_or("");
        s.r.consent_note = note;
        s.r.consent_at = agreed ? std::optional<EpochMs>(s.now) : std::nullopt;
        event(s, agreed ? "consented" : "declined", note);
    });
}

Response start(Context& ctx, Request& req) {
    return act(ctx, req, Action::start, {}, [](Step& s) {
        raise_refusal(rules::start_refusal(s.before));
        s.r.started_at = s.now;
        event(s, "started");
    });
}

// MT-3.3/3.4: a material used, supplied by the resident (checked) or bought as they asked, with
// a receipt photo that is this material's alone.
Response material(Context& ctx, Request& req) {
    return act(ctx, req, Action::material,
               {"source", "name", "quantity", "quality_ok", "quality_note", "resident_decision", "place",
                "amount_cents", "receipt_file_id"},
               [](Step& s) {
                   Material m;
                   m.repair_id = s.r.id;
                   m.source = s.in.req_enum("source", {"resident", "bought"});
                   m.name = s.in.req_string("name", 1, 200);
                   m.quantity = s.in.opt_string("quantity", 0, 50).value_or("");
                   m.quality_ok = s.in.opt_bool("quality_ok");
                   m.quality_note = s.in.opt_string("quality_note", 0, 2000).value_or("");
                   m.resident_decision = s.in.opt_string("resident_decision", 0, 2000).value_or("");
                   m.place = s.in.opt_string("place", 0, 200).value_or("");
                   m.amount_cents = s.in.opt_int("amount_cents", 0, 100'000'000);
                   m.receipt_file_id = s.in.opt_int("receipt_file_id", 1, INT64_MAX);
                   raise_refusal(rules::material_refusal(m));
                   m.recorded_by = s.actor;
                   m.recorded_at = s.now;
                   if (m.receipt_file_id)  // a file of this site and kind, before the row points at it
                       raise_refusal(files::evidence_refusal(files::store::get_file(s.c, *m.receipt_file_id),
                                                             s.r.site_id, {"receipt", "photo"}, std::nullopt,
                                                             {"repair_material", 0, "receipt"}, "receipt_file_id"));
                   m.id = store::insert_material(s.c, m);
                   if (m.receipt_file_id)  // and this material's alone
                       files::claim(s.c, s.r.site_id, *m.receipt_file_id, {"receipt", "photo"},
                                    {"repair_material", m.id, "receipt"}, "receipt_file_id", s.now);
                   event(s, "material",
                         m.source + ": " + m.name + (m.quality_note.empty() ? "" : " — " + m.quality_note));
               });
}

int local_year(EpochMs t, const std::string& zone) {
    return std::stoi(timefmt::local_date(t, zone).substr(0, 4));
}

// The price-list versions the consented quote named: still chargeable after a price edit.
std::vector<int64_t> quoted_items(Step& s) {
    std::vector<int64_t> out;
    if (!rules::consented_quote(s.before)) return out;
    for (const auto& l : store::quote_lines_of(s.c, s.r.id)) out.push_back(l.price_item_id);
    return out;
}

// MT-3.3/3.4: the bought materials the technician puts on the receipt, [{material_id}].
std::vector<int64_t> charged_materials(Step& s) {
    std::vector<int64_t> ids;
    for (const auto& m : s.in.object_list("materials", {"material_id"}, 200))
        ids.push_back(m.req_int("material_id", 1, INT64_MAX));
    return ids;
}

// MT-3.4: restored and cleaned, the resident's opinion and signature (this job's alone), the
// charge from the price list and the bought materials (any adjustment agreed and explained, a
// total that differs from the consented quote with its reason), and a numbered receipt. No tip,
// anywhere.
Response complete(Context& ctx, Request& req) {
    return act(
        ctx, req, Action::complete,
        {"work_done", "restored", "cleaned", "opinion", "signed_by", "signature_file_id", "charges", "materials",
         "adjustment_cents", "adjustment_reason", "adjustment_agreed", "charge_reason"},
        [](Step& s) {
            Repair& r = s.r;
            r.work_done = s.in.req_string("work_done", 1, 2000);
            auto lines = charge_lines(s, "charges", quoted_items(s));
            auto material_ids = charged_materials(s);
            raise_refusal(rules::completion_refusal({s.in.opt_bool("restored") == true,
                                                     s.in.opt_bool("cleaned") == true, s.before.receipt_no,
                                                     !lines.empty() || !material_ids.empty() ||
                                                         s.in.has("adjustment_cents") || s.in.has("charge_reason")}));
            r.restored = r.cleaned = true;
            r.opinion = s.in.req_string("opinion", 1, 2000);
            r.signed_by = s.in.req_string("signed_by", 1, 100);
            r.signature_file_id = s.in.req_int("signature_file_id", 1, INT64_MAX);
            files::claim(s.c, r.site_id, *r.signature_file_id, {"signature"}, {"repair", r.id, "signature"},
                         "signature_file_id", s.now);
            const bool first_charge = !s.before.receipt_no;
            const std::string site_zone = zone(s);
            if (first_charge) {
                auto total = rules::charge_total(lines);
                if (!total) throw AppError::invalid("the charge is too large", "charges");
                r.charge_cents = *total;
                auto materials = rules::materials_charge(store::materials_of(s.c, r.id), material_ids, "materials");
                raise_refusal(materials.refusal);
                r.materials_cents = materials.cents;
                auto before_adjustment = rules::receipt_total(r.charge_cents, r.materials_cents, 0);
                if (!before_adjustment) throw AppError::invalid("the charge is too large", "materials");
                r.adjustment_cents = s.in.opt_int("adjustment_cents", -100'000'000, 100'000'000).value_or(0);
                r.adjustment_reason = s.in.opt_string("adjustment_reason", 0, 2000).value_or("");
                raise_refusal(rules::adjustment_refusal(*before_adjustment, r.adjustment_cents, r.adjustment_reason,
                                                        s.in.opt_bool("adjustment_agreed").value_or(false)));
                r.total_cents = *rules::receipt_total(r.charge_cents, r.materials_cents, r.adjustment_cents);
                r.charge_reason = s.in.opt_string("charge_reason", 0, 2000).value_or("");
                raise_refusal(rules::charge_reason_refusal(rules::consented_quote(s.before), r.materials_cents,
                                                           r.total_cents, r.charge_reason));
                store::insert_charges(s.c, r.id, lines);
                store::mark_materials_charged(s.c, r.id, material_ids);
                int year = local_year(s.now, site_zone);
                r.receipt_no = rules::receipt_number(
                    year, store::next_number(s.c, r.site_id, "repair_receipt:" + std::to_string(year)));
            }
            auto policy = store::get_policy(s.c, r.site_id);
            r.completed_at = s.now;
            r.first_time_fix = rules::first_time_fix(r.visit_count, r.no_one_home_count, r.reopen_count);
            if (rules::sampled_for_return_visit(r.id + r.reopen_count, policy.return_visit_percent))
                r.return_visit_due_at = rules::return_visit_due(s.now, policy, site_zone);
            else
                r.return_visit_due_at = std::nullopt;
            event(s, "completed", r.work_done);
            if (first_charge) event(s, "receipt", *r.receipt_no);
            case_follows(s.c, s.req, r, "completed", s.now, site_zone);
        });
}

// MT-3.1: never rejected; closed only with the explanation given.
Response close(Context& ctx, Request& req) {
    return act(ctx, req, Action::close, {"reason"}, [](Step& s) {
        std::string reason = s.in.opt_string("reason", 0, 2000).value_or("");
        raise_refusal(rules::close_refusal(reason));
        s.r.close_reason = reason;
        s.r.closed_at = s.now;
        event(s, "closed", reason);
        case_follows(s.c, s.req, s.r, "closed", s.now, zone(s));
    });
}

Response note(Context& ctx, Request& req) {
    return act(ctx, req, Action::note, {"note"}, [](Step& s) { event(s, "note", s.in.req_string("note", 1, 2000)); });
}

}  // namespace

void register_step_routes(http::Router& router, Context& ctx) {
    http::RouteTable routes(router, ctx, "/api/v1/repairs/{id}");
    struct Def {
        const char* path;
        Response (*f)(Context&, Request&);
        const char* summary;
    };
    const Def defs[] = {
        {"/assign", assign, "Engineering assigns (or reassigns, with the reason) a technician (MT-3.1)"},
        {"/check-in", check_in,
         "The assigned technician arrives; the server's time decides punctuality (MT-3.2, MT-3.4)"},
        {"/no-one-home", no_one_home, "Nobody home after the wait: the job needs rebooking; the desk is told"},
        {"/rebook", rebook, "A new time for a job nobody was home for, or that was reopened"},
        {"/propose", propose, "The survey's proposal: solution, materials, time and price (MT-3.2)"},
        {"/consent", consent, "The resident's answer to the proposal (MT-3.2)"},
        {"/start", start, "Work starts: a simple job, or once the resident agreed"},
        {"/material", material, "A material: the resident's (quality checked) or bought as asked (MT-3.3)"},
        {"/complete", complete, "Completion: signature, opinion, charge from the price list, receipt (MT-3.4)"},
        {"/close", close, "Close a request with the explanation given to the resident (MT-3.1)"},
        {"/note", note, "A note on the job's timeline"},
    };
    // The role check is per job (a technician: their own), so the route asks only for a session.
    for (const auto& d : defs) routes.add("POST", d.path, Permission::signed_in, d.f, d.summary);
}

}  // namespace propdesk::repair
