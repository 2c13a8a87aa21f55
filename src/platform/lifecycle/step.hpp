// One step of a record's lifecycle, the same for every module whose records move through
// statuses (the desk's cases, repair jobs, work orders): If-Match, a strict body, then one write
// transaction that loads the record in the caller's site, checks who may take the step (403),
// the version (412) and the lifecycle (409 wrong_status), applies the step's own changes, saves
// with the version and answers what the module shows of the record (its audit entry written in
// the same transaction). Open pages hear of it at once (notify_changed).
//
// The module says how its records are loaded, saved and shown (Kind), and each step who may
// take it and where the lifecycle leads (Gate); the rules themselves stay in the module's rules.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "platform/context.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/message.hpp"
#include "platform/json/json_in.hpp"
#include "platform/rules/refusal.hpp"

namespace propdesk::lifecycle {

// What a step's own changes work on: the record (its status already the next one), as it was
// before the step, the body, the transaction, the time and who takes the step.
template <class Record>
struct Step {
    db::Conn& c;
    const http::Request& req;
    const json::JsonIn& in;
    Record& r;
    const Record& before;
    EpochMs now;
    int64_t actor;
};

// How a module's records take steps.
template <class Record>
struct Kind {
    const char* noun;  // "case", "job", "work order": in the refusal's message
    // The record named by the path: 404 when missing or of another site, 403 when the caller may
    // not read it.
    std::function<Record(db::Conn&, const http::Request&)> load;
    // UPDATE … WHERE version = expected; false when someone else got there first (412).
    std::function<bool(db::Conn&, const Record&, int64_t expected, EpochMs now)> save;
    // After the save: the audit entry (before → as stored) and the body answered, which carries
    // the record's new "version".
    std::function<boost::json::object(
        db::Conn&, const http::Request&, std::string_view action, const Record& before, int64_t id, EpochMs now)>
        answer;
};

// A step's gate: who may take it (else 403 with `forbidden`), the status the lifecycle leads to
// from the record's (none: 409 wrong_status), and the module's rule for this record whatever the
// body says (refuse, optional: its refusal's code and status).
template <class Record>
struct Gate {
    std::string action;
    std::string forbidden;
    std::function<bool(const Record&, const auth::Principal&)> may;
    std::function<std::optional<std::string>(const Record&)> next;
    std::function<std::optional<Refusal>(const Record&)> refuse;
};

// 409 wrong_status: the lifecycle does not allow `action` from `status` ({action}, {status}).
Refusal wrong_status(std::string_view noun, std::string_view action, std::string_view status);

// Takes the step. gate_of reads what the gate depends on from the body (a return visit's
// outcome, a consent's answer) before the transaction, so a bad body is refused first.
template <class Record>
http::Response take(Context& ctx,
                    http::Request& req,
                    const Kind<Record>& kind,
                    std::initializer_list<std::string_view> fields,
                    const std::function<Gate<Record>(const json::JsonIn&)>& gate_of,
                    const std::function<void(Step<Record>&)>& apply) {
    int64_t expected = http::if_match_version(req);
    json::JsonIn in(req.body.empty() ? std::string_view("{}") : std::string_view(req.body), fields);
    const Gate<Record> gate = gate_of(in);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        Record r = kind.load(c, req);
        if (!gate.may(r, req.principal)) throw AppError::forbidden(gate.forbidden);
        if (r.version != expected) throw AppError::stale();
        auto next = gate.next(r);
        if (!next) raise(wrong_status(kind.noun, gate.action, r.status));
        if (gate.refuse) raise_refusal(gate.refuse(r));
        const Record before = r;
        r.status = *next;
        Step<Record> step{c, req, in, r, before, now, req.principal.user_id};
        apply(step);
        if (!kind.save(c, r, expected, now)) throw AppError::stale();
        return kind.answer(c, req, gate.action, before, r.id, now);
    });
    ctx.notify_changed();
    int64_t version = out.at("version").as_int64();
    return http::record_response(out, version);
}

}  // namespace propdesk::lifecycle
