#include "platform/files/evidence.hpp"

#include "platform/text/text.hpp"

namespace propdesk::files {

std::optional<Refusal> evidence_refusal(const std::optional<File>& f,
                                        int64_t site_id,
                                        std::initializer_list<std::string_view> kinds,
                                        const std::optional<Use>& existing,
                                        const Use& wanted,
                                        std::string_view field) {
    std::string name(field);
    if (!f || f->site_id != site_id) return invalid_value("no_such_record", name, "no such file in this site");
    if (!text::is_one_of(f->kind, kinds)) {
        std::string list;
        for (auto k : kinds) list += (list.empty() ? "" : ", ") + std::string(k);
        return invalid_value("file_kind", name, "upload it as " + list).with("kinds", list);
    }
    if (!existing) return std::nullopt;
    bool same_record = existing->entity == wanted.entity && existing->entity_id == wanted.entity_id;
    if (same_record && existing->purpose == wanted.purpose) return std::nullopt;
    if (same_record)
        return invalid_value("same_file", name,
                             "one file cannot be both the " + existing->purpose + " and the " + wanted.purpose)
            .with("purpose", existing->purpose);
    return invalid_value("file_in_use", name,
                         "this file is already evidence of another record (" + existing->entity + " " +
                             std::to_string(existing->entity_id) + ")")
        .with("entity", existing->entity);
}

void claim(db::Conn& c,
           int64_t site_id,
           int64_t file_id,
           std::initializer_list<std::string_view> kinds,
           const Use& use,
           std::string_view field,
           EpochMs now) {
    auto f = store::get_file(c, file_id);
    std::optional<Use> existing;
    if (f && f->site_id == site_id) existing = store::use_of(c, site_id, file_id, f->sha256);
    raise_refusal(evidence_refusal(f, site_id, kinds, existing, use, field));
    if (!existing) store::insert_use(c, site_id, *f, use, now);
}

namespace store {

std::optional<Use> use_of(db::Conn& c, int64_t site_id, int64_t file_id, const std::string& sha256) {
    // A file's own use first; else the bytes' (the same picture uploaded again).
    auto r = c.one(
        "SELECT entity, entity_id, purpose FROM file_uses WHERE file_id = $1"
        " UNION ALL SELECT entity, entity_id, purpose FROM file_uses WHERE site_id = $2 AND sha256 = $3"
        " LIMIT 1",
        file_id, site_id, sha256);
    if (!r) return std::nullopt;
    return Use{r->str(0), r->i64(1), r->str(2)};
}

void insert_use(db::Conn& c, int64_t site_id, const File& f, const Use& u, EpochMs now) {
    c.exec(
        "INSERT INTO file_uses (file_id, site_id, sha256, entity, entity_id, purpose, created_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7)",
        f.id, site_id, f.sha256, u.entity, u.entity_id, u.purpose, now);
}

}  // namespace store
}  // namespace propdesk::files
