// Uploaded files' SQL: the bytes are kept base64 in a text column so both databases hold them
// the same way and a backup of the database is a backup of the evidence.
#pragma once

#include <optional>
#include <string>

#include "platform/db/db.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::files {

inline constexpr const char* kKinds[] = {"signature", "receipt", "photo", "document"};

struct File {
    int64_t id = 0;
    int64_t site_id = 0;
    std::string kind;
    std::string content_type;
    int64_t byte_size = 0;
    std::string sha256;
    int64_t created_by = 0;
    EpochMs created_at = 0;
};

namespace store {
int64_t insert_file(db::Conn& c, const File& f, const std::string& base64, EpochMs now);
std::optional<File> get_file(db::Conn& c, int64_t id);
std::optional<std::string> file_data(db::Conn& c, int64_t id);  // base64
}  // namespace store

}  // namespace propdesk::files
