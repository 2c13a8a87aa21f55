#include <string>

#include "platform/db/cols.hpp"
#include "repair/store.hpp"

namespace propdesk::repair::store {
namespace {

constexpr const char* kPriceSelect =
    "SELECT p.id, p.site_id, p.item_key, p.version, p.code, p.name, p.unit, p.price_cents, p.active,"
    " p.superseded_at, p.created_by, COALESCE(us.name, ''), p.created_at FROM price_items p"
    " LEFT JOIN users us ON us.id = p.created_by";

PriceItem price_from(const db::Row& r) {
    PriceItem p;
    p.id = r.i64(0);
    p.site_id = r.i64(1);
    p.item_key = r.i64(2);
    p.version = r.i64(3);
    p.code = r.str(4);
    p.name = r.str(5);
    p.unit = r.str(6);
    p.price_cents = r.i64(7);
    p.active = r.i64(8) != 0;
    p.superseded_at = r.opt_i64(9);
    p.created_by = r.i64(10);
    p.created_by_name = r.str(11);
    p.created_at = r.i64(12);
    return p;
}

std::vector<PriceItem> prices(db::Conn& c, const std::string& where, const std::vector<db::Value>& params) {
    std::vector<PriceItem> out;
    c.each(std::string(kPriceSelect) + where, params, [&](const db::Row& r) { out.push_back(price_from(r)); });
    return out;
}

}  // namespace

std::vector<PriceItem> current_prices(db::Conn& c, int64_t site_id, bool include_retired) {
    return prices(c,
                  std::string(" WHERE p.site_id = $1 AND p.superseded_at IS NULL") +
                      (include_retired ? "" : " AND p.active = 1") + " ORDER BY p.code, p.id",
                  {site_id});
}

std::optional<PriceItem> get_price(db::Conn& c, int64_t id) {
    auto v = prices(c, " WHERE p.id = $1", {id});
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<PriceItem> price_versions(db::Conn& c, int64_t item_key) {
    return prices(c, " WHERE p.item_key = $1 ORDER BY p.version", {item_key});
}

int64_t insert_price(db::Conn& c, const PriceItem& p, EpochMs now) {
    int64_t id =
        c.one(
             "INSERT INTO price_items (site_id, item_key, version, code, name, unit, price_cents, active,"
             " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
             p.site_id, p.item_key, p.version, p.code, p.name, p.unit, p.price_cents, p.active, p.created_by, now)
            ->i64(0);
    // A new item is its own key: the id is only known once inserted.
    if (p.item_key == 0) c.exec("UPDATE price_items SET item_key = id WHERE id = $1", id);
    return id;
}

bool supersede_price(db::Conn& c, int64_t id, EpochMs now) {
    return c.exec("UPDATE price_items SET superseded_at = $1 WHERE id = $2 AND superseded_at IS NULL", now, id) == 1;
}

Policy get_policy(db::Conn& c, int64_t site_id) {
    Policy p;
    p.site_id = site_id;
    auto r = c.one(
        "SELECT return_visit_hours, return_visit_percent, min_wait_minutes, version, updated_at FROM repair_policies"
        " WHERE site_id = $1",
        site_id);
    if (!r) return p;
    p.return_visit_hours = r->i64(0);
    p.return_visit_percent = r->i64(1);
    p.min_wait_minutes = r->i64(2);
    p.version = r->i64(3);
    p.updated_at = r->i64(4);
    return p;
}

bool save_policy(db::Conn& c, const Policy& p, int64_t expected_version, EpochMs now) {
    if (expected_version == 0)
        return c.exec(
                   "INSERT INTO repair_policies (site_id, return_visit_hours, return_visit_percent, min_wait_minutes,"
                   " version, created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $5) ON CONFLICT (site_id) DO "
                   "NOTHING",
                   p.site_id, p.return_visit_hours, p.return_visit_percent, p.min_wait_minutes, now) == 1;
    return c.exec(
               "UPDATE repair_policies SET return_visit_hours = $1, return_visit_percent = $2, min_wait_minutes = $3,"
               " version = version + 1, updated_at = $4 WHERE site_id = $5 AND version = $6",
               p.return_visit_hours, p.return_visit_percent, p.min_wait_minutes, now, p.site_id, expected_version) == 1;
}

int64_t next_number(db::Conn& c, int64_t site_id, const std::string& name) {
    return db::next_in_sequence(c, site_id, name);
}

}  // namespace propdesk::repair::store
