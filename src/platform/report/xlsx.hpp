// An xlsx workbook built by `fill` (libxlsxwriter writes to a file), returned as bytes.
#pragma once

#include <xlsxwriter.h>

#include <functional>
#include <string>

#include "platform/http/message.hpp"

namespace propdesk::report {

std::string xlsx_bytes(const std::function<void(lxw_workbook*)>& fill);
// A download response: the workbook with its file name.
http::Response xlsx_response(std::string bytes, const std::string& filename);

}  // namespace propdesk::report
