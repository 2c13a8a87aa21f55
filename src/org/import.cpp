#include "org/import.hpp"

#include <charconv>

#include "org/json.hpp"
#include "org/rules.hpp"
#include "org/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/json/json_in.hpp"
#include "platform/text/text.hpp"

namespace propdesk::org::import {
namespace {

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

bool is_blank(const CsvRow& r) {
    for (const auto& f : r.fields)
        if (!trim(f).empty()) return false;
    return true;
}

// Checks the header names the expected columns in order.
bool check_header(const std::vector<CsvRow>& rows,
                  const std::vector<std::string>& expected,
                  std::vector<RowError>& errors) {
    if (rows.empty()) {
        errors.push_back({1, "", "the file is empty; the first line must be: " + [&] {
                              std::string h;
                              for (const auto& e : expected) h += (h.empty() ? "" : ",") + e;
                              return h;
                          }()});
        return false;
    }
    const auto& header = rows.front();
    for (size_t i = 0; i < expected.size(); ++i) {
        if (i >= header.fields.size() || trim(header.fields[i]) != expected[i]) {
            errors.push_back({header.line, expected[i], "column " + std::to_string(i + 1) + " must be " + expected[i]});
            return false;
        }
    }
    if (header.fields.size() > expected.size()) {
        errors.push_back({header.line, trim(header.fields[expected.size()]), "unknown column"});
        return false;
    }
    return true;
}

bool parse_int(const std::string& s, int64_t& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size();
}

bool parse_decimal(const std::string& s, double& out) {
    if (s.empty() || s.size() > 20) return false;
    for (char c : s)
        if (!(c >= '0' && c <= '9') && c != '.') return false;
    try {
        size_t used = 0;
        out = std::stod(s, &used);
        return used == s.size();
    } catch (...) {
        return false;
    }
}

}  // namespace

bool parse_csv(std::string_view text, std::vector<CsvRow>& rows, std::vector<RowError>& errors) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (!propdesk::json::is_valid_utf8(text)) {
        errors.push_back({1, "", "the file is not UTF-8 text; save it as CSV UTF-8"});
        return false;
    }
    int line = 1;
    size_t i = 0;
    while (i < text.size()) {
        CsvRow row;
        row.line = line;
        std::string field;
        bool in_quotes = false, row_done = false;
        while (i < text.size() && !row_done) {
            char c = text[i];
            if (in_quotes) {
                if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    in_quotes = false;
                } else {
                    if (c == '\n') ++line;
                    field += c;
                }
                ++i;
                continue;
            }
            if (c == '"' && field.empty()) {
                in_quotes = true;
            } else if (c == ',') {
                row.fields.push_back(std::move(field));
                field.clear();
            } else if (c == '\r') {
                // dropped; \n ends the row
            } else if (c == '\n') {
                row_done = true;
                ++line;
            } else {
                field += c;
            }
            ++i;
        }
        if (in_quotes) {
            errors.push_back({row.line, "", "a quoted field is never closed"});
            return false;
        }
        row.fields.push_back(std::move(field));
        if (!is_blank(row)) rows.push_back(std::move(row));
    }
    return true;
}

UnitsPlan plan_units(const std::vector<CsvRow>& rows, const SiteIndex& site) {
    UnitsPlan plan;
    if (!check_header(rows, {"building", "number", "floor", "floor_area_m2"}, plan.errors)) return plan;
    std::set<std::pair<int64_t, std::string>> seen;
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        auto err = [&](const char* field, std::string msg) {
            plan.errors.push_back({row.line, field, std::move(msg)});
        };
        if (row.fields.size() != 4) {
            err("", "expected 4 fields, found " + std::to_string(row.fields.size()));
            continue;
        }
        Unit u;
        u.site_id = site.site_id;
        auto building = trim(row.fields[0]);
        auto it = site.buildings_by_name.find(building);
        if (it == site.buildings_by_name.end()) {
            err("building", "no building named \"" + building + "\" in this site");
            continue;
        }
        u.building_id = it->second.id;
        u.building_name = it->second.name;
        u.number = trim(row.fields[1]);
        if (u.number.empty() || propdesk::json::utf8_length(u.number) > 20) {
            err("number", "number must be 1–20 characters");
            continue;
        }
        if (!parse_int(trim(row.fields[2]), u.floor) || rules::floor_problem(u.floor)) {
            err("floor", "floor must be a whole number between -10 and 200");
            continue;
        }
        double m2 = 0;
        auto cm2 = parse_decimal(trim(row.fields[3]), m2) ? rules::floor_area_cm2(m2) : std::nullopt;
        if (!cm2) {
            err("floor_area_m2", "floor_area_m2 must be a number above 0 with two decimals at most");
            continue;
        }
        u.floor_area_cm2 = *cm2;
        auto key = std::make_pair(u.building_id, u.number);
        if (site.units.count(key)) {
            err("number", building + " already has a unit " + u.number);
            continue;
        }
        if (!seen.insert(key).second) {
            err("number", "unit " + building + " " + u.number + " appears twice in the file");
            continue;
        }
        plan.units.push_back(std::move(u));
    }
    if (!plan.errors.empty()) plan.units.clear();
    return plan;
}

ResidentsPlan plan_residents(const std::vector<CsvRow>& rows, const SiteIndex& site) {
    ResidentsPlan plan;
    if (!check_header(rows, {"name", "phones", "email", "building", "unit", "relation"}, plan.errors)) return plan;
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        auto err = [&](const char* field, std::string msg) {
            plan.errors.push_back({row.line, field, std::move(msg)});
        };
        if (row.fields.size() != 6) {
            err("", "expected 6 fields, found " + std::to_string(row.fields.size()));
            continue;
        }
        Resident v;
        v.site_id = site.site_id;
        v.name = trim(row.fields[0]);
        if (v.name.empty() || propdesk::json::utf8_length(v.name) > 100) {
            err("name", "name must be 1–100 characters");
            continue;
        }
        bool bad = false;
        std::string phones = row.fields[1];
        size_t start = 0;
        while (start <= phones.size() && !bad) {
            size_t semi = phones.find(';', start);
            if (semi == std::string::npos) semi = phones.size();
            auto raw = trim(phones.substr(start, semi - start));
            if (!raw.empty()) {
                auto p = rules::normalise_phone(raw);
                if (!p) {
                    err("phones", "phone must be 8–15 digits: " + raw);
                    bad = true;
                } else {
                    v.phones.push_back(*p);
                }
            }
            start = semi + 1;
        }
        if (bad) continue;
        v.email = trim(row.fields[2]);
        if (auto p = rules::email_problem(v.email)) {
            err("email", *p);
            continue;
        }
        auto building = trim(row.fields[3]);
        auto unit = trim(row.fields[4]);
        auto relation = trim(row.fields[5]);
        if (!building.empty() || !unit.empty()) {
            auto b = site.buildings_by_name.find(building);
            if (b == site.buildings_by_name.end()) {
                err("building", "no building named \"" + building + "\" in this site");
                continue;
            }
            auto u = site.unit_ids.find({b->second.id, unit});
            if (u == site.unit_ids.end()) {
                err("unit", building + " has no unit " + unit);
                continue;
            }
            if (!text::is_one_of(relation, kRelations)) {
                err("relation", "relation must be owner, tenant or occupant");
                continue;
            }
            v.units.push_back({u->second, building, unit, relation});
        } else if (!relation.empty()) {
            err("unit", "a relation needs a building and a unit");
            continue;
        }
        plan.residents.push_back(std::move(v));
    }
    if (!plan.errors.empty()) plan.residents.clear();
    return plan;
}

SiteIndex load_site_index(db::Conn& c, int64_t site_id) {
    SiteIndex idx;
    idx.site_id = site_id;
    store::ListQuery q;
    q.site_id = site_id;
    q.limit = 1000000;
    for (auto& b : store::list_buildings(c, q)) idx.buildings_by_name.emplace(b.name, b);
    for (const auto& row : c.query("SELECT building_id, number, id FROM units WHERE site_id = $1", site_id).rows) {
        idx.units.insert({row.i64(0), row.str(1)});
        idx.unit_ids[{row.i64(0), row.str(1)}] = row.i64(2);
    }
    return idx;
}

Outcome run(db::Db& db,
            Kind kind,
            int64_t site_id,
            std::string_view csv,
            EpochMs now,
            std::optional<int64_t> actor_user_id,
            const std::string& request_id,
            const Progress& progress) {
    Outcome out;
    std::vector<CsvRow> rows;
    if (!parse_csv(csv, rows, out.errors)) return out;
    auto index = db.read_value([&](db::Conn& c) { return load_site_index(c, site_id); });
    audit::Actor actor{actor_user_id, std::nullopt, request_id};
    auto zone = db.read_value([&](db::Conn& c) { return store::site_zone(c, site_id); });
    if (kind == Kind::units) {
        auto plan = plan_units(rows, index);
        if (!plan.errors.empty()) {
            out.errors = std::move(plan.errors);
            return out;
        }
        db.write([&](db::Conn& c) {
            size_t done = 0;
            for (auto& u : plan.units) {
                u.id = store::insert_unit(c, u, now);
                u.stamp = {1, now, now};
                audit::append(c, actor, now,
                              {site_id, "unit", u.id, "import", std::nullopt, json::text(json::unit(u, zone))});
                if (progress && (++done % 100 == 0 || done == plan.units.size())) progress(done, plan.units.size());
            }
        });
        out.imported = static_cast<int>(plan.units.size());
    } else {
        auto plan = plan_residents(rows, index);
        if (!plan.errors.empty()) {
            out.errors = std::move(plan.errors);
            return out;
        }
        db.write([&](db::Conn& c) {
            size_t done = 0;
            for (auto& r : plan.residents) {
                r.id = store::insert_resident(c, r, now);
                r.stamp = {1, now, now};
                audit::append(c, actor, now,
                              {site_id, "resident", r.id, "import", std::nullopt, json::text(json::resident(r, zone))});
                if (progress && (++done % 100 == 0 || done == plan.residents.size()))
                    progress(done, plan.residents.size());
            }
        });
        out.imported = static_cast<int>(plan.residents.size());
    }
    return out;
}

}  // namespace propdesk::org::import
