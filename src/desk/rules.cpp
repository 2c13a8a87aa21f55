#include "desk/rules.hpp"

#include "platform/search/fold.hpp"
#include "platform/text/text.hpp"

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
    }
    return std::nullopt;
}

std::optional<Refusal> reply_refusal(const Case& c, std::string_view reply) {
    if (c.category == "repair")
        return not_now("repair_process", "a repair goes through the repair process, not answered at the desk");
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

EpochMs return_visit_due(EpochMs completed_at, const Policy& p) {
    return completed_at + p.return_visit_hours * 3'600'000;
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

}  // namespace propdesk::desk::rules
