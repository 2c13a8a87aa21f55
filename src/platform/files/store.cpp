#include "platform/files/store.hpp"

namespace propdesk::files::store {

int64_t insert_file(db::Conn& c, const File& f, const std::string& base64, EpochMs now) {
    return c
        .one(
            "INSERT INTO files (site_id, kind, content_type, byte_size, sha256, data, created_by, created_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            f.site_id, f.kind, f.content_type, f.byte_size, f.sha256, base64, f.created_by, now)
        ->i64(0);
}

std::optional<File> get_file(db::Conn& c, int64_t id) {
    auto r = c.one(
        "SELECT id, site_id, kind, content_type, byte_size, sha256, created_by, created_at FROM files WHERE id = $1",
        id);
    if (!r) return std::nullopt;
    return File{r->i64(0), r->i64(1), r->str(2), r->str(3), r->i64(4), r->str(5), r->i64(6), r->i64(7)};
}

std::optional<std::string> file_data(db::Conn& c, int64_t id) {
    auto r = c.one("SELECT data FROM files WHERE id = $1", id);
    if (!r) return std::nullopt;
    return r->str(0);
}

}  // namespace propdesk::files::store
