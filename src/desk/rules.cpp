#include "desk/rules.hpp"

#include <algorithm>
#include <utility>

#include "platform/search/fold.hpp"
#include "platform/text/text.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::desk::rules {

std::string_view action_name(Action a) {
    switch (a) {
        case Action::dispatch:
            return "dispatch";
        case Action::reassign:
            return "reassign";
        case Action::accept:
            return "accept";
        case Action::progress:
            return "progress";
        case Action::complete:
            return "complete";
        case Action::return_visit:
            return "return_visit";
        case Action::reply:
            return "reply";
        case Action::archive:
            return "archive";
        case Action::follow_up:
            return "follow_up";
        case Action::responsibility:
            return "responsibility";
        case Action::raise_repair:
            return "raise_repair";
        case Action::butler_outcome:
            return "butler_outcome";
    }
    return "?";
}

bool by_department(Action a) {
    return a == Action::accept || a == Action::progress || a == Action::complete;
}

std::optional<std::string> next_status(std::string_view from, Action a, std::string_view outcome) {
    auto stay = [&]() -> std::optional<std::string> { return std::string(from); };
    switch (a) {
        case Action::dispatch:
            if (from == "recorded") return "dispatched";
            break;
        case Action::reassign:
            if (from == "dispatched" || from == "in_progress") return "dispatched";
            break;
        case Action::accept:
            if (from == "dispatched") return "in_progress";
            break;
        case Action::progress:
            if (from == "dispatched" || from == "in_progress") return stay();
            break;
        case Action::complete:
            if (from == "in_progress") return "completed";
            break;
        case Action::return_visit:
            if (from != "completed") break;
            if (outcome == "satisfied") return "return_visited";
            if (outcome == "not_satisfied") return "dispatched";  // reopened to the same department
            if (outcome == "unreachable") return stay();
            break;
        case Action::reply:
            if (from == "recorded") return "replied";
            break;
        case Action::archive:
            if (from == "replied" || from == "return_visited") return "archived";
            break;
        case Action::follow_up:
            if (from != "archived") return stay();
            break;
        case Action::responsibility:
            // Fixed once the resident has been given the reply (or explanation) it was based on.
            if (from != "archived" && from != "replied") return stay();
            break;
        case Action::raise_repair:
            if (from == "recorded") return "dispatched";  // to engineering, as its repair request
            break;
        case Action::butler_outcome:
            if (from != "completed") break;
            if (outcome == "satisfied" || outcome == "unreachable") return "archived";
            if (outcome == "not_satisfied") return "dispatched";
            break;
    }
    return std::nullopt;
}

std::optional<Refusal> step_refusal(const Case& c, Action a) {
    bool repair = c.category == "repair";
    switch (a) {
        case Action::dispatch:
        case Action::reassign:
            if (repair)
                return not_now("repair_process",
                               "a repair goes through the repair process: raise its repair request instead");
            if (c.category == "complaint" && c.responsibility == "not_ours")
                return not_now("not_ours",
                               "a complaint that is not ours is not dispatched: close it with the explanation");
            break;
        case Action::reply:
            if (repair)
                return not_now("repair_process", "a repair goes through the repair process, not answered at the desk");
            break;
        case Action::accept:
        case Action::complete:
            // A repair job's case moves with the job (check-in, completion, close), not by hand.
            if (c.repair_request_id)
                return not_now("repair_process", "a repair job's case follows the job: work the repair request");
            break;
        case Action::raise_repair:
            if (!repair) return not_now("not_a_repair", "only a repair case raises a repair request");
            // The status machine also stops a second request; the rule stands whole on its own.
            if (c.repair_request_id) return not_now("repair_process", "the case already has its repair request");
            break;
        default:
            break;
    }
    return std::nullopt;
}

std::optional<Refusal> reply_refusal(const Case& c, std::string_view reply) {
    if (auto r = step_refusal(c, Action::reply)) return r;
    if (c.category == "complaint") {
        if (!c.responsibility)
            return invalid_value("responsibility_unset", "responsibility",
                                 "set whether the complaint is ours before closing it at the desk");
        if (*c.responsibility == "ours")
            return not_now("complaint_ours",
                           "a complaint that is ours is dispatched and handled, not closed at the desk");
        if (text::is_blank(reply))
            return invalid_value("required", "reply", "record the explanation given to the resident");
    }
    if (text::is_blank(reply)) return invalid_value("required", "reply", "record the reply given to the caller");
    return std::nullopt;
}

std::optional<Refusal> responsibility_refusal(const Case& c, std::string_view value) {
    if (c.category != "complaint") return not_now("not_a_complaint", "only a complaint carries a responsibility");
    if (value != "ours" && value != "not_ours")
        return invalid_value("not_one_of", "responsibility", "responsibility must be ours or not_ours");
    return std::nullopt;
}

std::optional<Refusal> visit_answer_refusal(std::string_view outcome, std::string_view note) {
    if (outcome == "not_satisfied" && text::is_blank(note))
        return invalid_value("reason_required", "note", "say why the resident is not satisfied");
    return std::nullopt;
}

std::optional<Refusal> butler_refusal(const std::optional<ReturnVisit>& open_visit,
                                      std::string_view outcome,
                                      std::string_view note) {
    if (!open_visit || open_visit->status != "escalated")
        return not_now("not_escalated", "the butler records the outcome of a return visit escalated to them");
    if (outcome == "unreachable" && text::is_blank(note))
        return invalid_value("required", "note", "say what was tried to reach the resident");
    return visit_answer_refusal(outcome, note);
}

std::optional<Refusal> deadline_refusal(EpochMs given_due, EpochMs now, const Policy& p, std::string_view category) {
    if (given_due <= now) return invalid_value("out_of_range", "due_at", "the deadline must be in the future");
    if (given_due > due_at(now, p, category))
        return invalid_value("policy_stretch", "due_at",
                             "the deadline may not be later than the category's (" +
                                 std::to_string(deadline_hours(p, category)) + " h)")
            .with("hours", deadline_hours(p, category));
    return std::nullopt;
}

Case dispatched(Case c, int64_t department_id, std::optional<EpochMs> given_due, EpochMs now, const Policy& p) {
    EpochMs by_policy = due_at(now, p, c.category);
    if (!c.dispatched_at) c.target_due_at = given_due ? std::min(*given_due, by_policy) : by_policy;
    c.department_id = department_id;
    c.due_at = given_due.value_or(by_policy);
    c.dispatched_at = now;
    c.accepted_at = std::nullopt;
    c.overdue_at = std::nullopt;
    return c;
}

Case reopened(Case c, EpochMs now, const Policy& p, std::string reason) {
    c.reopen_count += 1;
    c.reopen_reason = std::move(reason);
    c.feedback.clear();
    c.dispatched_at = now;
    c.accepted_at = std::nullopt;
    c.completed_at = std::nullopt;
    c.overdue_at = std::nullopt;
    c.due_at = due_at(now, p, c.category);
    return c;
}

bool in_time(EpochMs at, EpochMs target_due_at) {
    return at <= target_due_at;
}

Case handled(Case c, EpochMs now) {
    bool ok = in_time(now, c.target_due_at);
    if (!c.handled_at) {
        c.handled_at = now;
        c.handled_on_time = ok;
    } else if (!ok) {
        c.handled_on_time = false;
    }
    return c;
}

std::vector<PastRound> previous_rounds(const std::vector<CaseEvent>& events, EpochMs target_due_at) {
    std::vector<PastRound> out;
    const CaseEvent* completion = nullptr;  // the round's last completion so far
    for (const auto& e : events) {
        if (e.kind == "completed") completion = &e;
        if (e.kind != "reopened") continue;
        PastRound r;
        r.number = static_cast<int64_t>(out.size()) + 1;
        r.reason = e.note;
        r.reopened_by = e.actor_id;
        r.reopened_by_name = e.actor_name;
        r.reopened_at = e.at;
        r.department_id = e.department_id;
        r.department_name = e.department_name;
        if (completion) {
            r.department_id = completion->department_id;
            r.department_name = completion->department_name;
            r.completed_at = completion->at;
            r.completed_by = completion->actor_id;
            r.completed_by_name = completion->actor_name;
            r.feedback = completion->note;
            r.on_time = in_time(completion->at, target_due_at);
        }
        out.push_back(std::move(r));
        completion = nullptr;
    }
    return out;
}

std::string search_text(const Case& v) {
    return search::fold(v.caller_name + ' ' + v.caller_phone + ' ' + v.unit_label + ' ' + v.content);
}

int64_t deadline_hours(const Policy& p, std::string_view category) {
    if (category == "inquiry") return p.inquiry_hours;
    if (category == "repair") return p.repair_hours;
    if (category == "complaint") return p.complaint_hours;
    if (category == "suggestion") return p.suggestion_hours;
    if (category == "praise") return p.praise_hours;
    return p.other_hours;
}

EpochMs due_at(EpochMs from, const Policy& p, std::string_view category) {
    return from + deadline_hours(p, category) * 3'600'000;
}

EpochMs return_visit_due(EpochMs completed_at, int64_t hours, const std::string& zone) {
    EpochMs day_start = *timefmt::local_day_start(timefmt::local_date(completed_at, zone), zone);
    EpochMs day_end = timefmt::next_day_start(day_start, zone);
    int64_t h = std::clamp<int64_t>(hours, 1, kMaxReturnVisitHours);
    return std::min(day_end, completed_at + h * 3'600'000);
}

EpochMs return_visit_due(EpochMs completed_at, const Policy& p, const std::string& zone) {
    return return_visit_due(completed_at, p.return_visit_hours, zone);
}

std::optional<Refusal> return_visit_hours_refusal(int64_t hours, std::string field) {
    if (hours < 1) return invalid_value("out_of_range", std::move(field), "at least 1 hour").with("min", int64_t{1});
    if (hours > kMaxReturnVisitHours)
        return invalid_value("policy_stretch", std::move(field),
                             "a return visit is due the same day: at most 24 hours, and never past the day's end")
            .with("max", kMaxReturnVisitHours);
    return std::nullopt;
}

bool visit_overdue(std::string_view visit_status, EpochMs due, EpochMs now) {
    return (visit_status == "pending" || visit_status == "escalated") && now > due;
}

bool escalates_after_unreachable(int64_t attempts_so_far, int64_t max_unreachable) {
    // At or past the limit: a limit lowered below the attempts already made still escalates.
    return attempts_so_far >= max_unreachable;
}

bool is_open(std::string_view status) {
    return status == "recorded" || status == "dispatched" || status == "in_progress";
}

bool is_overdue(std::string_view status, EpochMs due, EpochMs now) {
    return is_open(status) && now > due;
}

bool escalates_when_overdue(const Case& c) {
    return c.category == "complaint" && !c.escalated_at;
}

bool on_time(std::string_view status, std::optional<bool> handled_on_time, EpochMs target_due_at, EpochMs now) {
    return handled_on_time == true && !is_overdue(status, target_due_at, now);
}

std::optional<std::string> hours_problem(int64_t hours) {
    if (hours < 1 || hours > 720) return "must be 1 to 720 hours";
    return std::nullopt;
}

std::optional<std::string> attempts_problem(int64_t attempts) {
    if (attempts < 1 || attempts > 10) return "must be 1 to 10 attempts";
    return std::nullopt;
}

std::optional<double> percent(Rate r) {
    if (r.denominator <= 0) return std::nullopt;
    return 100.0 * static_cast<double>(r.numerator) / static_cast<double>(r.denominator);
}

bool meets_target(Rate r, double target_percent) {
    auto p = percent(r);
    return !p || *p + 1e-9 >= target_percent;
}

std::optional<int64_t> average_ms(int64_t total_ms, int64_t count) {
    if (count <= 0) return std::nullopt;
    return total_ms / count;
}

namespace {

std::string_view label_of(std::string_view code,
                          std::initializer_list<std::pair<std::string_view, std::string_view>> table) {
    for (const auto& [k, v] : table)
        if (k == code) return v;
    return code;
}

}  // namespace

std::string_view channel_label(std::string_view channel) {
    return label_of(channel, {{"phone", "來電"}, {"visit", "來訪"}, {"web", "網上"}});
}

std::string_view category_label(std::string_view category) {
    return label_of(category, {{"inquiry", "查詢"},
                               {"repair", "報修"},
                               {"complaint", "投訴"},
                               {"suggestion", "建議"},
                               {"praise", "表揚"},
                               {"other", "其他"}});
}

std::string_view status_label(std::string_view status) {
    return label_of(status, {{"recorded", "已記錄"},
                             {"dispatched", "已派單"},
                             {"in_progress", "處理中"},
                             {"completed", "已完成"},
                             {"return_visited", "已回訪"},
                             {"replied", "已答覆"},
                             {"archived", "已歸檔"}});
}

}  // namespace propdesk::desk::rules
