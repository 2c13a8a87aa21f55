#include "platform/report/xlsx.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace propdesk::report {

std::string xlsx_bytes(const std::function<void(lxw_workbook*)>& fill) {
    char path[] = "/tmp/propdesk-xlsx-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the export");
    close(fd);
    struct Unlink {
        const char* p;
        ~Unlink() { unlink(p); }
    } unlink_later{path};
    lxw_workbook* wb = workbook_new(path);
    if (!wb) throw std::runtime_error("cannot start the workbook");
    fill(wb);
    if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("cannot write the workbook");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

http::Response xlsx_response(std::string bytes, const std::string& filename) {
    http::Response out{200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(bytes), {}};
    out.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    return out;
}

}  // namespace propdesk::report
