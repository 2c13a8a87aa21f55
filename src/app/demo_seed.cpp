#include "app/demo_seed.hpp"

#include <array>
#include <map>
#include <string>

#include "desk/store.hpp"
#include "org/json.hpp"
#include "org/store.hpp"
#include "parking/gate.hpp"
#include "parking/sample_parking.hpp"
#include "parking/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/crypto.hpp"
#include "repair/sample_repairs.hpp"

namespace propdesk::app {
namespace {

struct DemoAccount {
    const char* login;
    const char* name;
    const char* role;        // empty for the system admin
    const char* department;  // kind of the department they sit in
};

constexpr std::array<DemoAccount, 13> kAccounts{{
    {"admin", "系統管理員", "", ""},
    {"manager", "陳經理", "site_manager", "admin"},
    {"csmanager", "李客戶部經理", "cs_manager", "customer_service"},
    {"frontdesk", "黃前臺", "front_desk", "customer_service"},
    {"assistant", "張物業助理", "property_assistant", "customer_service"},
    {"butler", "林管家", "butler", "customer_service"},
    {"enghead", "何工程部長", "eng_head", "engineering"},
    {"englead", "趙工程班長", "eng_lead", "engineering"},
    {"tech1", "王技工", "technician", "engineering"},
    {"tech2", "劉技工", "technician", "engineering"},
    {"attendant", "周值班員", "parking_attendant", "security"},
    {"teamlead", "吳保安班長", "security_lead", "security"},
    {"finance", "鄭財務", "finance", "finance"},
}};

constexpr const char* kSurnames[] = {"陳", "李", "黃", "張", "梁", "林", "劉", "吳", "王", "何",
                                     "郭", "鄭", "周", "謝", "羅", "馮", "曾", "蔡", "許", "葉"};
constexpr const char* kGiven[] = {"志明", "美玲", "家豪", "嘉欣", "俊傑", "詠詩", "偉強", "淑儀",
                                  "子軒", "思穎", "國華", "麗珍", "浩然", "曉彤", "振邦"};

struct FloorPlan {
    const char* letter;
    double m2;
};
constexpr FloorPlan kFlats[] = {{"A", 85.5}, {"B", 62.0}, {"C", 48.25}, {"D", 62.0}, {"E", 85.5}};

}  // namespace

bool seed_demo_if_empty(db::Db& db, const Clock& clock) {
    if (db.read_value([](db::Conn& c) { return org::store::any_site(c); })) return false;
    EpochMs now = clock.now_ms();
    std::vector<std::string> hashes;
    for (size_t i = 0; i < kAccounts.size(); ++i) hashes.push_back(auth::hash_password(kDemoPassword));

    db.write([&](db::Conn& c) {
        auto system = audit::Actor::system();
        auto note = [&](std::optional<int64_t> site, const char* entity, int64_t id, const boost::json::object& after) {
            audit::append(c, system, now, {site, entity, id, "seed", std::nullopt, org::json::text(after)});
        };
        org::Company company{0, "海濱物業管理有限公司", {}};
        company.id = org::store::insert_company(c, company, now);

        org::Site site{0, company.id, "DEMO", "海濱花園", "Asia/Hong_Kong", "HKD", {1, now, now}};
        site.id = org::store::insert_site(c, site, now);
        note(site.id, "site", site.id, org::json::site(site));
        const std::string zone = site.time_zone;

        auto area = [&](const char* kind, const char* name) {
            org::Area a{0, site.id, kind, name, {1, now, now}};
            a.id = org::store::insert_area(c, a, now);
            note(site.id, "area", a.id, org::json::area(a, zone));
            return a.id;
        };
        int64_t homes = area("building", "住宅樓宇");
        area("district", "中央大區");
        area("sales_centre", "銷售中心及樣板房");
        area("clubhouse", "會所");
        area("car_park", "地下停車場");

        std::map<std::string, int64_t> departments;
        for (auto [kind, name] :
             std::initializer_list<std::pair<const char*, const char*>>{{"customer_service", "客戶服務部"},
                                                                        {"engineering", "工程部"},
                                                                        {"security", "保安部"},
                                                                        {"cleaning", "清潔部"},
                                                                        {"greening", "綠化部"},
                                                                        {"finance", "財務部"},
                                                                        {"admin", "綜合部"}}) {
            org::Department d{0, site.id, kind, name, {1, now, now}};
            d.id = org::store::insert_department(c, d, now);
            note(site.id, "department", d.id, org::json::department(d, zone));
            departments[kind] = d.id;
        }

        int resident_no = 0;
        for (int b = 1; b <= 3; ++b) {
            org::Building building{0, site.id, homes, "第" + std::to_string(b) + "座", 20, {1, now, now}};
            building.id = org::store::insert_building(c, building, now);
            note(site.id, "building", building.id, org::json::building(building, zone));
            for (int floor = 1; floor <= 20; ++floor) {
                for (const auto& flat : kFlats) {
                    org::Unit u;
                    u.site_id = site.id;
                    u.building_id = building.id;
                    u.building_name = building.name;
                    u.number = std::to_string(floor) + flat.letter;
                    u.floor = floor;
                    u.floor_area_cm2 = static_cast<int64_t>(flat.m2 * 100) * 100;
                    u.stamp = {1, now, now};
                    u.id = org::store::insert_unit(c, u, now);
                    note(site.id, "unit", u.id, org::json::unit(u, zone));

                    int n = resident_no++;
                    org::Resident r;
                    r.site_id = site.id;
                    r.name = std::string(kSurnames[n % 20]) + kGiven[(n / 20) % 15];
                    r.phones = {std::to_string(91000000 + n * 37)};
                    // Every fifth flat is let: the occupant there is a tenant.
                    r.units = {{u.id, building.name, u.number, n % 5 == 4 ? "tenant" : "owner"}};
                    r.stamp = {1, now, now};
                    r.id = org::store::insert_resident(c, r, now);
                    note(site.id, "resident", r.id, org::json::resident(r, zone));
                }
            }
        }

        for (size_t i = 0; i < kAccounts.size(); ++i) {
            const auto& a = kAccounts[i];
            org::Staff s;
            s.login = a.login;
            s.name = a.name;
            s.language = "zh-TW";
            s.system_admin = std::string(a.role).empty();
            if (!s.system_admin) {
                org::StaffRole role{site.id, a.role, std::nullopt};
                if (*a.department) role.department_id = departments[a.department];
                s.roles.push_back(role);
            }
            s.stamp = {1, now, now};
            s.id = org::store::insert_staff(c, s, hashes[i], now);
            note(std::nullopt, "user", s.id, org::json::staff(s));
        }
    });
    return true;
}

void seed_demo_repairs(db::Conn& c, int64_t count, EpochMs now) {
    auto heads = desk::store::users_with_roles(c, 1, {"eng_head"});
    if (heads.empty()) return;
    repair::insert_sample_price_list(c, 1, heads.front(), now);
    if (count > 0)
        repair::insert_sample_repairs(c, {.site_id = 1, .count = count, .days = 30, .with_detail = true}, now);
}

void seed_demo_parking(db::Conn& c, EpochMs now) {
    auto leads = desk::store::users_with_roles(c, 1, {"security_lead"});
    if (leads.empty()) return;
    std::string zone = c.one("SELECT time_zone FROM sites WHERE id = 1")->str(0);
    parking::seed_demo_parking(c, 1, zone, now, leads.front());
    // A visitor who came in two hours ago, so the first exit push of the demo has a fee to take.
    auto lot = parking::store::lots_of_site(c, 1).front();
    for (const auto& lane : parking::store::lanes_of_site(c, 1)) {
        if (lane.direction != "entry") continue;
        parking::Visit v;
        v.site_id = 1;
        v.lot_id = lot.id;
        v.plate = "粵B88888";
        v.status = "inside";
        v.category = "visitor";
        v.visitor_reason = "no_card";
        v.entry_lane_id = lane.id;
        v.entry_at = now - 2 * 3600'000;
        v.entry_method = "camera";
        int64_t id = parking::store::insert_visit(c, v, now);
        parking::store::set_pass_no(c, id, parking::gate::pass_no_of(id, *v.entry_at, zone));
        break;
    }
}

}  // namespace propdesk::app
