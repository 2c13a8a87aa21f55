// The repair module's SQL: requests, arrivals, materials, charges, events, the price list,
// work orders, policies, numbered documents and the KPI rows.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/db.hpp"
#include "repair/model.hpp"

namespace propdesk::repair::store {

// --- requests (store_repairs.cpp) ---
int64_t insert_repair(db::Conn& c, const Repair& r, EpochMs now);
std::optional<Repair> get_repair(db::Conn& c, int64_t id);
// Writes every field a step may change when the stored version is expected; false when stale.
bool update_repair(db::Conn& c, const Repair& r, int64_t expected_version, EpochMs now);

struct RepairQuery {
    int64_t site_id = 0;
    std::vector<std::string> statuses;
    std::string mode;
    std::optional<int64_t> technician_id;
    std::optional<int64_t> unit_id;
    std::string q;                      // folded
    std::optional<EpochMs> from, to;    // requested in [from, to)
    std::optional<EpochMs> overdue_at;  // open, not yet arrived and past due at this instant
    int64_t before_id = 0;
    int limit = 51;
};
std::vector<Repair> list_repairs(db::Conn& c, const RepairQuery& q);
// How many the same filters find, all pages.
int64_t count_repairs(db::Conn& c, const RepairQuery& q);
// A technician's open jobs in a site, the earliest deadline first, after (due_at, id) when given.
struct JobsAfter {
    EpochMs due_at = 0;
    int64_t id = 0;
};
std::vector<Repair> open_jobs(
    db::Conn& c, int64_t site_id, int64_t technician_id, int limit, std::optional<JobsAfter> after = std::nullopt);
// MT-3.1: immediate jobs not reached by their deadline and not yet flagged, the oldest first.
std::vector<Repair> unflagged_missed_arrivals(db::Conn& c, EpochMs now, int limit);
// Their finished jobs, newest first.
std::vector<Repair> recent_jobs(db::Conn& c, int64_t site_id, int64_t technician_id, int limit);

int64_t add_event(db::Conn& c,
                  std::optional<int64_t> repair_id,
                  std::optional<int64_t> work_order_id,
                  const std::string& kind,
                  std::optional<int64_t> actor_id,
                  const std::string& note,
                  EpochMs at);
std::vector<Event> events_of_repair(db::Conn& c, int64_t repair_id);
std::vector<Event> events_of_order(db::Conn& c, int64_t work_order_id);

int64_t insert_arrival(db::Conn& c, const Arrival& a);
std::optional<Arrival> last_arrival(db::Conn& c, int64_t repair_id);
void mark_no_one_home(db::Conn& c, int64_t arrival_id, int64_t waited_ms, EpochMs left_at);
std::vector<Arrival> arrivals_of(db::Conn& c, int64_t repair_id);

int64_t insert_material(db::Conn& c, const Material& m);
std::vector<Material> materials_of(db::Conn& c, int64_t repair_id);
// MT-3.3/3.4: the bought materials put on the receipt.
void mark_materials_charged(db::Conn& c, int64_t repair_id, const std::vector<int64_t>& material_ids);
void insert_charges(db::Conn& c, int64_t repair_id, const std::vector<ChargeLine>& lines);
std::vector<ChargeLine> charges_of(db::Conn& c, int64_t repair_id);
// MT-3.2: a new proposal's price-list lines; the previous proposal's are kept, superseded.
void replace_quote_lines(db::Conn& c, int64_t repair_id, EpochMs proposed_at, const std::vector<ChargeLine>& lines);
// The current proposal's lines.
std::vector<ChargeLine> quote_lines_of(db::Conn& c, int64_t repair_id);

// Whether a user is active and holds `role` in the site.
bool user_has_role(db::Conn& c, int64_t site_id, int64_t user_id, const std::string& role);
std::string user_name(db::Conn& c, int64_t user_id);
// Who can be given a job or a work order: active technicians and team leads of the site.
struct Worker {
    int64_t id = 0;
    std::string name;
    std::string role;
    std::string login;
};
std::vector<Worker> workers(db::Conn& c, int64_t site_id);
// Every open job of the site that has a technician, by technician then deadline (their workload).
std::vector<Repair> site_open_jobs(db::Conn& c, int64_t site_id);
// The site's engineering department (the first by id), which repair cases are dispatched to.
std::optional<int64_t> engineering_department(db::Conn& c, int64_t site_id);

// --- the price list, policy and numbers (store_catalog.cpp) ---
std::vector<PriceItem> current_prices(db::Conn& c, int64_t site_id, bool include_retired);
std::optional<PriceItem> get_price(db::Conn& c, int64_t id);
std::vector<PriceItem> price_versions(db::Conn& c, int64_t item_key);
// A new item (version 1, its own key) or the next version of `previous`, which is superseded.
int64_t insert_price(db::Conn& c, const PriceItem& p, EpochMs now);
bool supersede_price(db::Conn& c, int64_t id, EpochMs now);  // false: not the version in force

Policy get_policy(db::Conn& c, int64_t site_id);
bool save_policy(db::Conn& c, const Policy& p, int64_t expected_version, EpochMs now);

// The next number of a named sequence of the site (1, 2, …), in the caller's transaction.
int64_t next_number(db::Conn& c, int64_t site_id, const std::string& name);

// --- work orders (store_orders.cpp) ---
int64_t insert_order(db::Conn& c, const WorkOrder& w, const std::string& search_text, EpochMs now);
std::optional<WorkOrder> get_order(db::Conn& c, int64_t id);
bool update_order(db::Conn& c, const WorkOrder& w, int64_t expected_version, EpochMs now);
struct OrderQuery {
    int64_t site_id = 0;
    std::vector<std::string> statuses;
    std::optional<int64_t> technician_id;
    std::string q;
    int64_t before_id = 0;
    int limit = 51;
};
std::vector<WorkOrder> list_orders(db::Conn& c, const OrderQuery& q);

}  // namespace propdesk::repair::store

namespace propdesk::repair::kpi {
struct Facts;
struct ArrivalFact;
}  // namespace propdesk::repair::kpi

namespace propdesk::repair::store {
// --- KPI rows (store_kpi.cpp): from the covering indexes only ---
void kpi_jobs(db::Conn& c, int64_t site_id, EpochMs from, EpochMs to, const std::function<void(const kpi::Facts&)>& f);
void kpi_arrivals(
    db::Conn& c, int64_t site_id, EpochMs from, EpochMs to, const std::function<void(const kpi::ArrivalFact&)>& f);
}  // namespace propdesk::repair::store
