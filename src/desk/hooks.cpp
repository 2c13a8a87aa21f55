#include "desk/hooks.hpp"

namespace propdesk::desk::hooks {
namespace {
ReturnVisitAnswered& answered() {
    static ReturnVisitAnswered f;
    return f;
}
}  // namespace

void on_return_visit_answered(ReturnVisitAnswered f) {
    answered() = std::move(f);
}

void return_visit_answered(db::Conn& c,
                           const http::Request& req,
                           const Case& after,
                           const std::string& outcome,
                           const std::string& note,
                           EpochMs now) {
    if (answered()) answered()(c, req, after, outcome, note, now);
}

}  // namespace propdesk::desk::hooks
