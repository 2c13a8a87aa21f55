// CSV imports of units and residents. Every row is checked before anything is written; one bad
// row rejects the whole file, and each bad row is reported with its line and field.
//
// units.csv:     building,number,floor,floor_area_m2
// residents.csv: name,phones,email,building,unit,relation   (phones separated by ';')
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "org/model.hpp"
#include "platform/db/db.hpp"

namespace propdesk::org::import {

struct CsvRow {
    int line = 0;  // 1-based line of the file where the row starts
    std::vector<std::string> fields;
};

struct RowError {
    int line = 0;
    std::string field;
    std::string message;
};

// RFC 4180: quoted fields, "" inside quotes, CRLF or LF. A UTF-8 BOM is skipped.
// Returns false (and one error) when the file is not valid CSV or not UTF-8.
bool parse_csv(std::string_view text, std::vector<CsvRow>& rows, std::vector<RowError>& errors);

// What the site already has, so rows can be checked without touching the database.
struct SiteIndex {
    int64_t site_id = 0;
    std::map<std::string, Building> buildings_by_name;
    std::set<std::pair<int64_t, std::string>> units;              // (building id, number)
    std::map<std::pair<int64_t, std::string>, int64_t> unit_ids;  // same key → unit id
};

struct UnitsPlan {
    std::vector<Unit> units;
    std::vector<RowError> errors;
};
UnitsPlan plan_units(const std::vector<CsvRow>& rows, const SiteIndex& site);

struct ResidentsPlan {
    std::vector<Resident> residents;
    std::vector<RowError> errors;
};
ResidentsPlan plan_residents(const std::vector<CsvRow>& rows, const SiteIndex& site);

SiteIndex load_site_index(db::Conn& c, int64_t site_id);

enum class Kind { units, residents };
struct Outcome {
    int imported = 0;
    std::vector<RowError> errors;  // non-empty: nothing was imported
};
using Progress = std::function<void(size_t done, size_t total)>;
// Parses, checks every row, then writes all of them in one transaction with one audit entry each.
Outcome run(db::Db& db,
            Kind kind,
            int64_t site_id,
            std::string_view csv,
            EpochMs now,
            std::optional<int64_t> actor_user_id,
            const std::string& request_id,
            const Progress& progress = {});

}  // namespace propdesk::org::import
