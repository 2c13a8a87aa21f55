// A piece of evidence serves one record (PK-8's copies, MT-3.4's signature and receipts, MT-3.5's
// inspection signature, an incident's picture). A file, or the same bytes uploaded again as
// another file, is claimed by the first record that uses it; any other record is refused.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "platform/db/db.hpp"
#include "platform/files/store.hpp"
#include "platform/rules/refusal.hpp"

namespace propdesk::files {

// What a file is used as: the record (entity, id) and the role it plays there.
struct Use {
    std::string entity;  // parking_hold, repair, repair_material, work_order, parking_incident, vehicle
    int64_t entity_id = 0;
    std::string purpose;  // licence, id_card, statement, signature, receipt, photo, snapshot
};

// Pure: why this file cannot serve `wanted` (named by `field`), or nullopt. `existing` is the use
// the file (or a file with the same bytes) already has; the same use again is no change.
std::optional<Refusal> evidence_refusal(const std::optional<File>& f,
                                        int64_t site_id,
                                        std::initializer_list<std::string_view> kinds,
                                        const std::optional<Use>& existing,
                                        const Use& wanted,
                                        std::string_view field);

// In the caller's transaction: checks the file and records the use; throws the refusal (422
// naming the field) when it is missing, of another site, of another kind, or already serves
// another record.
void claim(db::Conn& c,
           int64_t site_id,
           int64_t file_id,
           std::initializer_list<std::string_view> kinds,
           const Use& use,
           std::string_view field,
           EpochMs now);

namespace store {
// The use of this file, or of another file of the site with the same bytes.
std::optional<Use> use_of(db::Conn& c, int64_t site_id, int64_t file_id, const std::string& sha256);
void insert_use(db::Conn& c, int64_t site_id, const File& f, const Use& u, EpochMs now);
}  // namespace store

}  // namespace propdesk::files
