// Large reports and exports run on one low-priority thread (nice 10), one at a time: on a small
// machine a 100,000-row workbook would otherwise take a core from the gates and the desk. The
// request's worker waits for the result.
#pragma once

#include <functional>
#include <future>
#include <string>

namespace propdesk::report {

// Runs f on the report thread and returns its result (or rethrows its exception); 429 when two
// exports are already waiting.
std::string run_low_priority(const std::function<std::string()>& f);

}  // namespace propdesk::report
