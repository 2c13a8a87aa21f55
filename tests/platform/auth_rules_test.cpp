// Sign-in rules (throttling, session timeouts, passwords), the role × permission table of the
// manual's "who does what", and how a Principal applies it per site.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "platform/auth/permissions.hpp"
#include "platform/auth/principal.hpp"
#include "platform/auth/rules.hpp"
#include "platform/error.hpp"

namespace propdesk::auth {
namespace {

constexpr int64_t kSecond = 1000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;
constexpr EpochMs kT0 = 1'795'849'445'000;  // any instant

// ---- throttling ----

TEST(ThrottlePolicies, AccountAndAddressDifferOnlyInFreeFailures) {
    auto account = account_policy();
    auto address = address_policy();
    EXPECT_EQ(account.free_failures, 5);
    EXPECT_EQ(address.free_failures, 20);
    for (const auto& p : {account, address}) {
        EXPECT_EQ(p.base_lock_ms, 30 * kSecond);
        EXPECT_EQ(p.max_lock_ms, 15 * kMinute);
        EXPECT_EQ(p.forget_after_ms, 15 * kMinute);
    }
}

TEST(ThrottleRules, NoWaitBelowTheFreeFailures) {
    auto p = account_policy();
    for (int64_t failures = 0; failures < p.free_failures; ++failures)
        EXPECT_EQ(wait_ms(p, failures, kT0, kT0), std::nullopt) << failures;
}

TEST(ThrottleRules, ReachingTheFreeFailuresLocksForTheBaseTime) {
    auto p = account_policy();
    EXPECT_EQ(wait_ms(p, 5, kT0, kT0), 30 * kSecond);
}

TEST(ThrottleRules, WaitDoublesWithEachFailureBeyondTheFreeOnes) {
    auto p = account_policy();
    EXPECT_EQ(wait_ms(p, 6, kT0, kT0), 60 * kSecond);
    EXPECT_EQ(wait_ms(p, 7, kT0, kT0), 120 * kSecond);
    EXPECT_EQ(wait_ms(p, 8, kT0, kT0), 240 * kSecond);
    EXPECT_EQ(wait_ms(p, 9, kT0, kT0), 480 * kSecond);
}

TEST(ThrottleRules, WaitIsCappedAtTheMaximum) {
    auto p = account_policy();
    EXPECT_EQ(wait_ms(p, 10, kT0, kT0), 15 * kMinute);  // 960 s would exceed 900 s
    EXPECT_EQ(wait_ms(p, 30, kT0, kT0), 15 * kMinute);
    EXPECT_EQ(wait_ms(p, 1'000'000, kT0, kT0), 15 * kMinute);  // no overflow from the shift
}

TEST(ThrottleRules, AddressPolicyAllowsTwentyFailuresBeforeWaiting) {
    auto p = address_policy();
    EXPECT_EQ(wait_ms(p, 19, kT0, kT0), std::nullopt);
    EXPECT_EQ(wait_ms(p, 20, kT0, kT0), 30 * kSecond);
    EXPECT_EQ(wait_ms(p, 21, kT0, kT0), 60 * kSecond);
}

TEST(ThrottleRules, RemainingTimeShrinksAsNowAdvances) {
    auto p = account_policy();
    EXPECT_EQ(wait_ms(p, 5, kT0, kT0 + 10 * kSecond), 20 * kSecond);
    EXPECT_EQ(wait_ms(p, 5, kT0, kT0 + 30 * kSecond - 1), 1);
    EXPECT_EQ(wait_ms(p, 5, kT0, kT0 + 30 * kSecond), std::nullopt);
    EXPECT_EQ(wait_ms(p, 6, kT0, kT0 + 45 * kSecond), 15 * kSecond);
    EXPECT_EQ(wait_ms(p, 6, kT0, kT0 + 2 * kMinute), std::nullopt);
}

TEST(ThrottleRules, FailuresAreForgottenAfterTheQuietSpell) {
    ThrottlePolicy p = account_policy();
    p.max_lock_ms = 60 * kMinute;  // longer than the quiet spell, so only forgetting ends it
    EXPECT_EQ(wait_ms(p, 12, kT0, kT0 + 15 * kMinute - 1), 45 * kMinute + 1);
    EXPECT_EQ(wait_ms(p, 12, kT0, kT0 + 15 * kMinute), std::nullopt);
}

TEST(ThrottleRules, WithDefaultsTheLongestLockEndsAsTheCountIsForgotten) {
    auto p = account_policy();
    EXPECT_EQ(wait_ms(p, 50, kT0, kT0 + 15 * kMinute - 1), 1);
    EXPECT_EQ(wait_ms(p, 50, kT0, kT0 + 15 * kMinute), std::nullopt);
}

TEST(ThrottleRules, CustomPolicyIsFollowed) {
    ThrottlePolicy p{.free_failures = 1, .base_lock_ms = 1000, .max_lock_ms = 5000, .forget_after_ms = 60'000};
    EXPECT_EQ(wait_ms(p, 0, kT0, kT0), std::nullopt);
    EXPECT_EQ(wait_ms(p, 1, kT0, kT0), 1000);
    EXPECT_EQ(wait_ms(p, 2, kT0, kT0), 2000);
    EXPECT_EQ(wait_ms(p, 3, kT0, kT0), 4000);
    EXPECT_EQ(wait_ms(p, 4, kT0, kT0), 5000);
}

TEST(LiveFailures, CountStandsUntilTheQuietSpellEnds) {
    auto p = account_policy();
    EXPECT_EQ(live_failures(p, 7, kT0, kT0), 7);
    EXPECT_EQ(live_failures(p, 7, kT0, kT0 + 15 * kMinute - 1), 7);
    EXPECT_EQ(live_failures(p, 7, kT0, kT0 + 15 * kMinute), 0);
    EXPECT_EQ(live_failures(p, 7, kT0, kT0 + 3 * kHour), 0);
    EXPECT_EQ(live_failures(p, 0, kT0, kT0), 0);
}

// ---- sessions ----

TEST(SessionRules, ActiveWithinBothTimeouts) {
    SessionPolicy p;
    EXPECT_EQ(p.idle_timeout_ms, 2 * kHour);
    EXPECT_EQ(p.absolute_timeout_ms, 12 * kHour);
    EXPECT_EQ(session_state(p, kT0, kT0 + 12 * kHour, kT0), SessionState::active);
    EXPECT_EQ(session_state(p, kT0, kT0 + 12 * kHour, kT0 + 2 * kHour - 1), SessionState::active);
}

TEST(SessionRules, IdleExpiresExactlyAtTheIdleTimeout) {
    SessionPolicy p;
    EXPECT_EQ(session_state(p, kT0, kT0 + 12 * kHour, kT0 + 2 * kHour), SessionState::idle_expired);
    EXPECT_EQ(session_state(p, kT0, kT0 + 12 * kHour, kT0 + 5 * kHour), SessionState::idle_expired);
}

TEST(SessionRules, AbsoluteExpiresAtExpiresAtEvenWhenRecentlySeen) {
    SessionPolicy p;
    EXPECT_EQ(session_state(p, kT0 - 1, kT0, kT0 - 1), SessionState::active);
    EXPECT_EQ(session_state(p, kT0 - 1, kT0, kT0), SessionState::absolute_expired);
    EXPECT_EQ(session_state(p, kT0, kT0, kT0), SessionState::absolute_expired);
}

TEST(SessionRules, AbsoluteExpiryWinsOverIdle) {
    SessionPolicy p;
    EXPECT_EQ(session_state(p, kT0, kT0 + kHour, kT0 + 3 * kHour), SessionState::absolute_expired);
}

TEST(SessionRules, TouchAtMostOncePerInterval) {
    SessionPolicy p;
    EXPECT_EQ(p.touch_interval_ms, kMinute);
    EXPECT_FALSE(session_needs_touch(p, kT0, kT0));
    EXPECT_FALSE(session_needs_touch(p, kT0, kT0 + kMinute - 1));
    EXPECT_TRUE(session_needs_touch(p, kT0, kT0 + kMinute));
    EXPECT_TRUE(session_needs_touch(p, kT0, kT0 + kHour));
}

// ---- passwords ----

TEST(PasswordRules, TenCharactersIsEnough) {
    EXPECT_EQ(password_problem("0123456789", "frontdesk"), std::nullopt);
    EXPECT_EQ(password_problem("correct horse battery", "frontdesk"), std::nullopt);
}

TEST(PasswordRules, NineCharactersIsTooShort) {
    auto problem = password_problem("012345678", "frontdesk");
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("at least 10"), std::string::npos);
    EXPECT_TRUE(password_problem("", "frontdesk"));
}

TEST(PasswordRules, LengthIsCountedInCharactersNotBytes) {
    EXPECT_EQ(password_problem("物業服務中心前臺客服", "frontdesk"), std::nullopt);  // 10 characters
    auto problem = password_problem("物業服務中心前臺客", "frontdesk");              // 9 characters, 27 bytes
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("at least 10"), std::string::npos);
}

TEST(PasswordRules, AtMost200Characters) {
    EXPECT_EQ(password_problem(std::string(200, 'x'), "frontdesk"), std::nullopt);
    auto problem = password_problem(std::string(201, 'x'), "frontdesk");
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("at most 200"), std::string::npos);
    std::string chinese;
    for (int i = 0; i < 200; ++i) chinese += "漏";  // 600 bytes, 200 characters
    EXPECT_EQ(password_problem(chinese, "frontdesk"), std::nullopt);
}

TEST(PasswordRules, PasswordEqualToTheLoginIsRefused) {
    auto problem = password_problem("frontdesk01", "frontdesk01");
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("login"), std::string::npos);
    EXPECT_EQ(password_problem("frontdesk01!", "frontdesk01"), std::nullopt);
}

// ---- roles and permissions ----

TEST(Roles, ThereAreTwelveRolesInTheManual) {
    EXPECT_EQ(all_roles().size(), 12u);
    std::set<Role> distinct(all_roles().begin(), all_roles().end());
    EXPECT_EQ(distinct.size(), 12u);
}

TEST(Roles, NamesRoundTripForEveryRole) {
    const std::map<Role, std::string> expected{
        {Role::system_admin, "system_admin"},
        {Role::site_manager, "site_manager"},
        {Role::cs_manager, "cs_manager"},
        {Role::front_desk, "front_desk"},
        {Role::property_assistant, "property_assistant"},
        {Role::butler, "butler"},
        {Role::eng_head, "eng_head"},
        {Role::eng_lead, "eng_lead"},
        {Role::technician, "technician"},
        {Role::parking_attendant, "parking_attendant"},
        {Role::security_lead, "security_lead"},
        {Role::finance, "finance"},
    };
    ASSERT_EQ(expected.size(), all_roles().size());
    for (Role r : all_roles()) {
        EXPECT_EQ(role_name(r), expected.at(r));
        EXPECT_EQ(parse_role(role_name(r)), r) << role_name(r);
    }
}

TEST(Roles, UnknownOrMisspelledNamesDoNotParse) {
    EXPECT_EQ(parse_role(""), std::nullopt);
    EXPECT_EQ(parse_role("admin"), std::nullopt);
    EXPECT_EQ(parse_role("Front_Desk"), std::nullopt);
    EXPECT_EQ(parse_role("front desk"), std::nullopt);
    EXPECT_EQ(parse_role("site_manager "), std::nullopt);
}

constexpr Permission kAllPermissions[] = {
    Permission::signed_in,       Permission::org_read,      Permission::org_write,       Permission::residents_read,
    Permission::residents_write, Permission::staff_read,    Permission::staff_admin,     Permission::sites_admin,
    Permission::import_data,     Permission::devices_admin, Permission::audit_read,      Permission::metrics_read,
    Permission::device_protocol, Permission::cases_read,    Permission::cases_write,     Permission::cases_work,
    Permission::desk_kpi,        Permission::desk_admin,    Permission::repairs_read,    Permission::repairs_write,
    Permission::repairs_assign,  Permission::repairs_work,  Permission::repairs_admin,   Permission::repair_kpi,
    Permission::parking_read,    Permission::parking_work,  Permission::parking_release, Permission::parking_admin,
    Permission::parking_approve,
};

TEST(Permissions, EveryPermissionHasItsOwnName) {
    std::set<std::string_view> names;
    for (Permission p : kAllPermissions) {
        EXPECT_NE(permission_name(p), "unknown");
        names.insert(permission_name(p));
    }
    EXPECT_EQ(names.size(), std::size(kAllPermissions));
    EXPECT_EQ(permission_name(Permission::residents_write), "residents_write");
    EXPECT_EQ(permission_name(Permission::device_protocol), "device_protocol");
}

// The manual's "who does what" (REQUIREMENTS.md), row by row. Columns:
//   signed_in org_read org_write residents_read residents_write staff_read staff_admin sites_admin
//   import_data devices_admin audit_read metrics_read device_protocol
//   cases_read cases_write cases_work desk_kpi desk_admin
//   repairs_read repairs_write repairs_assign repairs_work repairs_admin repair_kpi
//   parking_read parking_work parking_release parking_admin parking_approve
// - Every staff member sees the site's structure and its history (org_read, audit_read), and all
//   but the technician its residents: a technician sees "their own jobs only".
// - System admin: accounts, roles, sites (staff_*, sites_admin, and the site's setup: structure,
//   imports, gate devices, residents master data); no business permissions exist yet to deny.
// - Site manager: "see everything of the site" and run it, but not accounts/roles or companies.
// - Front desk, property assistant, butler and customer-department manager deal with residents.
// - Customer-department manager checks the butlers' quality, so sees the staff list.
// - No staff role ever gets the gate devices' own protocol.
// - FD-A…D: the desk (front desk, property assistant, butler, customer-department manager, site
//   manager) records, dispatches, follows up, calls back and archives cases and sees the KPIs;
//   the departments' staff work the cases dispatched to them (cases_work, then checked against
//   their department); technicians work through repair jobs and attendants through the car park,
//   so neither sees the desk. The system admin sees cases but does no business.
// - MT-3.1 … MT-3.5: the desk registers repairs and sees the register; engineering's head and
//   team lead assign technicians and issue work orders; technicians work their own jobs; the
//   engineering head keeps the price list and the repair policy; finance sees the register
//   (receipts); the KPIs are for the engineering head, the customer-department manager and
//   the site manager.
// - PK-1 … PK-11: attendants work the gates, fees, holds, incidents and hand over their shift;
//   the security team lead (班長) also releases held vehicles, escalates, signs the handover and
//   keeps the car park's set-up and cards; finance reads the register (cash); the site manager
//   does all of it.
// - PK-6: only the site manager approves a free exit an attendant asked for (公司領導批準).
struct RoleRow {
    Role role;
    std::array<bool, 29> allowed;
};
constexpr bool Y = true, N = false;
const RoleRow kWhoDoesWhat[] = {
    //                              sign org  orgW resR resW stfR stfA site impt devA audt metr devP caseR caseW work
    //                              kpi deskA repR repW repAs repWk repAd repK pkR pkW pkRel pkAd pkAp
    {Role::system_admin,
     /*      */ {Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N, Y, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N}},
    {Role::site_manager,
     /*      */ {Y, Y, Y, Y, Y, Y, N, N, Y, Y, Y, N, N, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y}},
    {Role::cs_manager,
     /*        */ {Y, Y, N, Y, Y, Y, N, N, N, N, Y, N, N, Y, Y, Y, Y, Y, Y, Y, N, N, N, Y, N, N, N, N, N}},
    {Role::front_desk,
     /*        */ {Y, Y, N, Y, Y, N, N, N, N, N, Y, N, N, Y, Y, Y, Y, N, Y, Y, N, N, N, N, N, N, N, N, N}},
    {Role::property_assistant,
     /**/ {Y, Y, N, Y, Y, N, N, N, N, N, Y, N, N, Y, Y, Y, Y, N, Y, Y, N, N, N, N, N, N, N, N, N}},
    {Role::butler,
     /*            */ {Y, Y, N, Y, Y, N, N, N, N, N, Y, N, N, Y, Y, Y, Y, N, Y, Y, N, N, N, N, N, N, N, N, N}},
    {Role::eng_head,
     /*          */ {Y, Y, N, Y, N, N, N, N, N, N, Y, N, N, Y, N, Y, N, N, Y, Y, Y, Y, Y, Y, N, N, N, N, N}},
    {Role::eng_lead,
     /*          */ {Y, Y, N, Y, N, N, N, N, N, N, Y, N, N, Y, N, Y, N, N, Y, N, Y, Y, N, N, N, N, N, N, N}},
    {Role::technician,
     /*        */ {Y, Y, N, N, N, N, N, N, N, N, Y, N, N, N, N, N, N, N, N, N, N, Y, N, N, N, N, N, N, N}},
    {Role::parking_attendant,
     /* */ {Y, Y, N, Y, N, N, N, N, N, N, Y, N, N, N, N, N, N, N, N, N, N, N, N, N, Y, Y, N, N, N}},
    {Role::security_lead,
     /*     */ {Y, Y, N, Y, N, N, N, N, N, N, Y, N, N, Y, N, Y, N, N, N, N, N, N, N, N, Y, Y, Y, Y, N}},
    {Role::finance,
     /*           */ {Y, Y, N, Y, N, N, N, N, N, N, Y, N, N, Y, N, Y, N, N, Y, N, N, N, N, N, Y, N, N, N, N}},
};

TEST(Permissions, RoleAllowsMatchesTheManualsWhoDoesWhatTableForEveryRoleAndPermission) {
    ASSERT_EQ(std::size(kWhoDoesWhat), all_roles().size());
    std::set<Role> covered;
    for (const auto& row : kWhoDoesWhat) {
        covered.insert(row.role);
        for (size_t i = 0; i < std::size(kAllPermissions); ++i) {
            EXPECT_EQ(role_allows(row.role, kAllPermissions[i]), row.allowed[i])
                << role_name(row.role) << " × " << permission_name(kAllPermissions[i]);
        }
    }
    EXPECT_EQ(covered.size(), all_roles().size());
}

TEST(Permissions, OnlyTheSystemAdminManagesAccountsRolesSitesAndMetrics) {
    for (Role r : all_roles()) {
        bool admin = r == Role::system_admin;
        EXPECT_EQ(role_allows(r, Permission::staff_admin), admin) << role_name(r);
        EXPECT_EQ(role_allows(r, Permission::sites_admin), admin) << role_name(r);
        EXPECT_EQ(role_allows(r, Permission::metrics_read), admin) << role_name(r);
    }
}

TEST(Permissions, NoStaffRoleMaySpeakTheDeviceProtocol) {
    for (Role r : all_roles()) EXPECT_FALSE(role_allows(r, Permission::device_protocol)) << role_name(r);
}

// ---- principals ----

constexpr int64_t kSiteA = 1, kSiteB = 2, kSiteC = 3;

Principal user_in_two_sites() {
    Principal p;
    p.kind = Principal::Kind::user;
    p.user_id = 10;
    p.login = "chan";
    p.roles = {{kSiteA, Role::front_desk}, {kSiteA, Role::eng_head}, {kSiteB, Role::site_manager}};
    return p;
}

Principal system_admin() {
    Principal p;
    p.kind = Principal::Kind::user;
    p.user_id = 1;
    p.login = "admin";
    p.system_admin = true;
    return p;
}

Principal gate_device(int64_t site) {
    Principal p;
    p.kind = Principal::Kind::device;
    p.device_id = 77;
    p.device_site_id = site;
    return p;
}

TEST(Principal, KindPredicates) {
    EXPECT_TRUE(user_in_two_sites().is_user());
    EXPECT_FALSE(user_in_two_sites().is_device());
    EXPECT_TRUE(gate_device(kSiteA).is_device());
    EXPECT_FALSE(gate_device(kSiteA).is_user());
    Principal anon;
    EXPECT_EQ(anon.kind, Principal::Kind::anonymous);
    EXPECT_FALSE(anon.is_user());
    EXPECT_FALSE(anon.is_device());
}

TEST(Principal, UserIsInTheSitesWhereTheyHoldARoleOnly) {
    auto u = user_in_two_sites();
    EXPECT_TRUE(u.in_site(kSiteA));
    EXPECT_TRUE(u.in_site(kSiteB));
    EXPECT_FALSE(u.in_site(kSiteC));
}

TEST(Principal, UserCanWhatTheirRoleInThatSiteAllows) {
    auto u = user_in_two_sites();
    // Site A: front desk + engineering head.
    EXPECT_TRUE(u.can(Permission::org_read, kSiteA));
    EXPECT_TRUE(u.can(Permission::residents_write, kSiteA));  // from front_desk
    EXPECT_FALSE(u.can(Permission::org_write, kSiteA));
    EXPECT_FALSE(u.can(Permission::staff_read, kSiteA));
    // Site B: site manager.
    EXPECT_TRUE(u.can(Permission::org_write, kSiteB));
    EXPECT_TRUE(u.can(Permission::staff_read, kSiteB));
    EXPECT_TRUE(u.can(Permission::import_data, kSiteB));
    // Roles do not leak from one site to another.
    EXPECT_FALSE(u.can(Permission::org_read, kSiteC));
    EXPECT_FALSE(u.can(Permission::signed_in, kSiteC));
    // Never an admin-only permission.
    EXPECT_FALSE(u.can(Permission::staff_admin, kSiteB));
    EXPECT_FALSE(u.can(Permission::sites_admin, kSiteB));
    EXPECT_FALSE(u.can(Permission::device_protocol, kSiteA));
}

TEST(Principal, UserCanSomewhereWhenAnyOfTheirSitesAllows) {
    auto u = user_in_two_sites();
    EXPECT_TRUE(u.can_somewhere(Permission::signed_in));
    EXPECT_TRUE(u.can_somewhere(Permission::org_write));  // site B only
    EXPECT_TRUE(u.can_somewhere(Permission::residents_write));
    EXPECT_FALSE(u.can_somewhere(Permission::staff_admin));
    EXPECT_FALSE(u.can_somewhere(Permission::metrics_read));
    EXPECT_FALSE(u.can_somewhere(Permission::device_protocol));
}

TEST(Principal, SitesWithListsEachAllowingSiteOnceInRoleOrder) {
    auto u = user_in_two_sites();
    EXPECT_EQ(u.sites_with(Permission::org_read), (std::vector<int64_t>{kSiteA, kSiteB}));
    EXPECT_EQ(u.sites_with(Permission::residents_write), (std::vector<int64_t>{kSiteA, kSiteB}));
    EXPECT_EQ(u.sites_with(Permission::org_write), (std::vector<int64_t>{kSiteB}));
    EXPECT_EQ(u.sites_with(Permission::staff_admin), std::vector<int64_t>{});
}

TEST(Principal, SystemAdminIsInEverySiteAndHoldsTheAdminRoleThere) {
    auto a = system_admin();
    EXPECT_TRUE(a.in_site(kSiteA));
    EXPECT_TRUE(a.in_site(12345));
    EXPECT_TRUE(a.can(Permission::staff_admin, kSiteC));
    EXPECT_TRUE(a.can(Permission::sites_admin, kSiteA));
    EXPECT_TRUE(a.can(Permission::org_write, 12345));
    EXPECT_FALSE(a.can(Permission::device_protocol, kSiteA));
    EXPECT_TRUE(a.can_somewhere(Permission::metrics_read));
    EXPECT_FALSE(a.can_somewhere(Permission::device_protocol));
}

TEST(Principal, SystemAdminSitesWithIsEmptyCallersPassSystemAdminAsAllSites) {
    // list_sites / list_staff receive sites_with(...) and system_admin as all_sites.
    auto a = system_admin();
    EXPECT_TRUE(a.sites_with(Permission::org_read).empty());
    a.roles = {{kSiteB, Role::finance}};
    EXPECT_EQ(a.sites_with(Permission::org_read), (std::vector<int64_t>{kSiteB}));
}

TEST(Principal, DeviceMaySpeakItsProtocolInItsOwnSiteOnly) {
    auto d = gate_device(kSiteB);
    EXPECT_TRUE(d.in_site(kSiteB));
    EXPECT_FALSE(d.in_site(kSiteA));
    EXPECT_TRUE(d.can(Permission::device_protocol, kSiteB));
    EXPECT_FALSE(d.can(Permission::device_protocol, kSiteA));
    EXPECT_TRUE(d.can_somewhere(Permission::device_protocol));
}

TEST(Principal, DeviceMayDoNothingElseEvenInItsSite) {
    auto d = gate_device(kSiteB);
    for (Permission p : kAllPermissions) {
        if (p == Permission::device_protocol) continue;
        EXPECT_FALSE(d.can(p, kSiteB)) << permission_name(p);
        EXPECT_FALSE(d.can_somewhere(p)) << permission_name(p);
    }
}

TEST(Principal, DeviceIgnoresStaffFieldsSetByMistake) {
    auto d = gate_device(kSiteB);
    d.system_admin = true;
    d.roles = {{kSiteA, Role::site_manager}};
    EXPECT_FALSE(d.in_site(kSiteA));
    EXPECT_FALSE(d.can(Permission::org_write, kSiteA));
    EXPECT_FALSE(d.can_somewhere(Permission::org_write));
}

TEST(Principal, AnonymousMayDoNothing) {
    Principal anon;
    EXPECT_FALSE(anon.in_site(kSiteA));
    for (Permission p : kAllPermissions) {
        EXPECT_FALSE(anon.can(p, kSiteA)) << permission_name(p);
        EXPECT_FALSE(anon.can_somewhere(p)) << permission_name(p);
    }
    EXPECT_TRUE(anon.sites_with(Permission::org_read).empty());
}

TEST(Principal, AnonymousWithRolesSetByMistakeStillMayDoNothing) {
    Principal anon;
    anon.roles = {{kSiteA, Role::site_manager}};
    anon.system_admin = true;
    EXPECT_FALSE(anon.can(Permission::org_read, kSiteA));
    EXPECT_FALSE(anon.can_somewhere(Permission::org_read));
}

// ---- require ----

TEST(Require, PassesWhenTheRoleInThatSiteAllows) {
    auto u = user_in_two_sites();
    EXPECT_NO_THROW(require(u, Permission::residents_write, kSiteA));
    EXPECT_NO_THROW(require(u, Permission::org_write, kSiteB));
    EXPECT_NO_THROW(require(system_admin(), Permission::staff_admin, kSiteC));
    EXPECT_NO_THROW(require(gate_device(kSiteA), Permission::device_protocol, kSiteA));
}

int status_of_require(const Principal& who, Permission p, int64_t site) {
    try {
        require(who, p, site);
    } catch (const AppError& e) {
        return e.status();
    }
    return 0;
}

TEST(Require, AnotherSitesRecordIs404NeverRevealingIt) {
    auto u = user_in_two_sites();
    EXPECT_EQ(status_of_require(u, Permission::org_read, kSiteC), 404);
    // 404 even for a permission the user holds elsewhere.
    EXPECT_EQ(status_of_require(u, Permission::org_write, kSiteC), 404);
    EXPECT_EQ(status_of_require(gate_device(kSiteA), Permission::device_protocol, kSiteB), 404);
    EXPECT_EQ(status_of_require(Principal{}, Permission::org_read, kSiteA), 404);
    try {
        require(u, Permission::org_read, kSiteC);
    } catch (const AppError& e) {
        EXPECT_EQ(e.code(), "not_found");
    }
}

TEST(Require, MissingPermissionInOwnSiteIs403) {
    auto u = user_in_two_sites();
    EXPECT_EQ(status_of_require(u, Permission::org_write, kSiteA), 403);
    EXPECT_EQ(status_of_require(u, Permission::staff_admin, kSiteB), 403);
    EXPECT_EQ(status_of_require(gate_device(kSiteA), Permission::org_read, kSiteA), 403);
    EXPECT_EQ(status_of_require(system_admin(), Permission::device_protocol, kSiteA), 403);
    try {
        require(u, Permission::org_write, kSiteA);
    } catch (const AppError& e) {
        EXPECT_EQ(e.code(), "forbidden");
    }
}

// Permission::signed_in is "any signed-in staff member", and sign-in does not require a role.
// But can_somewhere(signed_in) is false for a user who holds no role in any site (a new account
// before roles are given, or one whose roles were all removed), so the pipeline answers 403 to
// GET /api/v1/me, DELETE /api/v1/session (sign-out) and POST /api/v1/me/password for them.
TEST(Principal, UserWithoutAnyRoleIsStillSignedIn) {
    Principal p;
    p.kind = Principal::Kind::user;
    p.user_id = 5;
    EXPECT_TRUE(p.can_somewhere(Permission::signed_in));
}

}  // namespace
}  // namespace propdesk::auth
