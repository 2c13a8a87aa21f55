// The car park's SQL (PK-1 … PK-11). Sections by file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parking/model.hpp"
#include "platform/db/db.hpp"

namespace propdesk::parking::store {

// --- set-up: lots, lanes, cameras, tariffs (store_setup.cpp) ---
int64_t insert_lot(db::Conn& c, const Lot& l, EpochMs now);
bool update_lot(db::Conn& c, const Lot& l, int64_t expected_version, EpochMs now);
std::optional<Lot> get_lot(db::Conn& c, int64_t id);
std::vector<Lot> lots_of_site(db::Conn& c, int64_t site_id);
int64_t insert_lane(db::Conn& c, const Lane& l, EpochMs now);
bool update_lane(db::Conn& c, const Lane& l, int64_t expected_version, EpochMs now);
std::optional<Lane> get_lane(db::Conn& c, int64_t id);
std::vector<Lane> lanes_of_site(db::Conn& c, int64_t site_id);
int64_t insert_camera(db::Conn& c, const Camera& cam, const std::string& token_hash, EpochMs now);
bool update_camera(db::Conn& c, const Camera& cam, int64_t expected_version, EpochMs now);
bool set_camera_token(db::Conn& c, int64_t camera_id, const std::string& token_hash, EpochMs now);
std::optional<Camera> get_camera(db::Conn& c, int64_t id);
std::vector<Camera> cameras_of_site(db::Conn& c, int64_t site_id);
std::vector<Camera> cameras_of_lot(db::Conn& c, int64_t lot_id);
std::optional<Camera> camera_by_token_hash(db::Conn& c, const std::string& token_hash);
int64_t insert_tariff(db::Conn& c, int64_t site_id, int64_t lot_id, const Tariff& t, int64_t by, EpochMs now);
std::vector<Tariff> tariffs_of_lot(db::Conn& c, int64_t lot_id);  // every version

// --- vehicle files and cards (store_cards.cpp) ---
int64_t insert_vehicle(db::Conn& c, const Vehicle& v, EpochMs now);
bool update_vehicle(db::Conn& c, const Vehicle& v, int64_t expected_version, EpochMs now);
std::optional<Vehicle> get_vehicle(db::Conn& c, int64_t id);
std::optional<Vehicle> vehicle_by_plate(db::Conn& c, int64_t site_id, const std::string& plate_key);
std::vector<Vehicle> list_vehicles(db::Conn& c, int64_t site_id, const std::string& q, int64_t before_id, int limit);
int64_t insert_card(db::Conn& c, const Card& card, EpochMs now);                         // with its plates
bool update_card(db::Conn& c, const Card& card, int64_t expected_version, EpochMs now);  // replaces plates
std::optional<Card> get_card(db::Conn& c, int64_t id);
std::optional<Card> card_by_no(db::Conn& c, int64_t site_id, const std::string& card_no);
// Cards bound to the plate in the site, valid ones first.
std::vector<Card> cards_for_plate(db::Conn& c, int64_t site_id, const std::string& plate_key, EpochMs at);
std::vector<Card> list_cards(
    db::Conn& c, int64_t site_id, const std::string& q, const std::string& status, int64_t before_id, int limit);
// The camera whitelist follows the card: every camera of the card's lot gets its plates as
// enabled (valid and active) or disabled, to be sent on the next heartbeats.
void sync_card_whitelist(db::Conn& c, const Card& card, EpochMs now);
// Every card of the lot onto the lot's cameras again: for a camera added, moved or turned back
// on, and for the lot a card left.
void sync_lot_whitelist(db::Conn& c, int64_t lot_id, EpochMs now);

// --- stays, the register (store_visits.cpp) ---
int64_t insert_visit(db::Conn& c, const Visit& v, EpochMs now);
bool update_visit(db::Conn& c, const Visit& v, int64_t expected_version, EpochMs now);
std::optional<Visit> get_visit(db::Conn& c, int64_t id);
void set_pass_no(db::Conn& c, int64_t id, const std::string& pass_no);
// The stay still open (inside, exiting or held) for a plate in the site.
std::optional<Visit> open_visit(db::Conn& c, int64_t site_id, const std::string& plate_key);
struct VisitQuery {
    int64_t site_id = 0;
    std::string plate_key;            // prefix match
    std::optional<EpochMs> from, to;  // entry or exit in [from, to)
    std::optional<int64_t> lane_id;   // entry or exit lane
    std::string card_no;
    std::vector<std::string> categories;
    std::vector<std::string> statuses;
    std::optional<int64_t> attendant_id;  // entered, let out or took the fee
    int64_t before_id = 0;
    int limit = 51;
};
std::vector<Visit> list_visits(db::Conn& c, const VisitQuery& q);
// PK-8: a held or unpaid stay at the lane's barrier (held first), read through the open stays.
std::optional<Visit> waiting_at_lane(db::Conn& c, int64_t site_id, int64_t lane_id);
// PK-11: every cash payment taken in [from, to) at these lanes, by anyone (the attendant, or the
// team lead at a release), oldest first.
std::vector<Visit> cash_at_lanes(
    db::Conn& c, int64_t site_id, const std::vector<int64_t>& lane_ids, EpochMs from, EpochMs to);
int64_t inside_count(db::Conn& c, int64_t lot_id);

// PK-7: offline records out of camera-time order.
struct OrphanExit {
    int64_t id = 0;
    int64_t lane_id = 0;
    EpochMs exit_at = 0;
};
void insert_orphan_exit(db::Conn& c, const Lane& lane, const std::string& plate, EpochMs exit_at, EpochMs now);
// The earliest exit not yet matched of that plate at or after `at`.
std::optional<OrphanExit> orphan_exit_after(db::Conn& c, int64_t site_id, const std::string& plate_key, EpochMs at);
void match_orphan_exit(db::Conn& c, int64_t orphan_id, int64_t visit_id);
// The latest stay entered at or before `at` whose exit is not known yet.
std::optional<Visit> exit_unknown_stay(db::Conn& c, int64_t site_id, const std::string& plate_key, EpochMs at);

// --- holds (store_holds.cpp) ---
int64_t insert_hold(db::Conn& c, const Hold& h, EpochMs now);
bool update_hold(db::Conn& c, const Hold& h, int64_t expected_version, EpochMs now);
std::optional<Hold> get_hold(db::Conn& c, int64_t id);
std::optional<Hold> open_hold_of_visit(db::Conn& c, int64_t visit_id);
std::optional<Hold> last_hold_of_visit(db::Conn& c, int64_t visit_id);  // released or not
std::vector<Hold> list_holds(db::Conn& c, int64_t site_id, const std::string& status, int64_t before_id, int limit);
std::vector<Hold> holds_between(db::Conn& c, int64_t site_id, EpochMs from, EpochMs to);
int64_t insert_escalation(db::Conn& c, int64_t hold_id, int64_t site_id, const Escalation& e);
std::vector<Escalation> escalations_of(db::Conn& c, int64_t hold_id);
// --- free exits waiting for approval (store_free_requests.cpp, PK-6) ---
int64_t insert_free_request(db::Conn& c, const FreeRequest& r, EpochMs now);
bool update_free_request(db::Conn& c, const FreeRequest& r, int64_t expected_version, EpochMs now);
std::optional<FreeRequest> get_free_request(db::Conn& c, int64_t id);
std::optional<FreeRequest> pending_request_of_visit(db::Conn& c, int64_t visit_id);
std::optional<FreeRequest> last_request_of_visit(db::Conn& c, int64_t visit_id);  // any status
std::vector<FreeRequest> list_free_requests(
    db::Conn& c, int64_t site_id, const std::string& status, int64_t before_id, int limit);

// --- incidents (store_incidents.cpp) ---
int64_t insert_incident(db::Conn& c, const Incident& i, EpochMs now);
bool update_incident(db::Conn& c, const Incident& i, int64_t expected_version, EpochMs now);
std::optional<Incident> get_incident(db::Conn& c, int64_t id);
std::vector<Incident> list_incidents(
    db::Conn& c, int64_t site_id, const std::string& kind, const std::string& status, int64_t before_id, int limit);
// Whether the camera event is one of the site's, before an incident points at it.
bool event_in_site(db::Conn& c, int64_t site_id, int64_t event_id);

// --- what became of a lane's waiting cars, for the booths (store_lane_changes.cpp) ---
int64_t insert_lane_change(db::Conn& c, const LaneChange& ch);
std::vector<LaneChange> lane_changes_after(db::Conn& c, int64_t after_id, int limit);
std::optional<LaneChange> last_lane_change(db::Conn& c, int64_t lane_id);
int64_t newest_lane_change_id(db::Conn& c);

// --- camera events, snapshots, commands, whitelist sending (store_gate.cpp) ---
int64_t insert_snapshot(db::Conn& c, int64_t site_id, const std::string& base64_jpeg, int64_t byte_size, EpochMs now);
struct Snapshot {
    int64_t site_id = 0;
    std::string content_type;
    std::string base64;
};
std::optional<Snapshot> get_snapshot(db::Conn& c, int64_t id);
int64_t insert_event(db::Conn& c, const GateEvent& e);
// The stored event for a repeat of (camera, plateid, sec).
std::optional<GateEvent> find_event(db::Conn& c, int64_t camera_id, int64_t plateid, int64_t cam_sec);
std::vector<GateEvent> events_after(db::Conn& c, int64_t after_id, int limit);
std::vector<GateEvent> lane_events(db::Conn& c, int64_t lane_id, int64_t before_id, int limit);
std::vector<GateEvent> visit_events(db::Conn& c, int64_t visit_id);
int64_t newest_event_id(db::Conn& c);
void touch_camera(db::Conn& c, int64_t camera_id, const std::string& address, EpochMs now);
int64_t insert_command(db::Conn& c,
                       int64_t site_id,
                       int64_t camera_id,
                       const std::string& reason,
                       std::optional<int64_t> visit_id,
                       std::optional<int64_t> by,
                       EpochMs now);
// An attendant's open waits this long for the camera's heartbeat (which comes every 5–30 s).
inline constexpr EpochMs kCommandLifeMs = 90'000;
// Whether an open is waiting (the newest, not older than kCommandLifeMs); settles all waiting ones.
std::optional<int64_t> take_command(db::Conn& c, int64_t camera_id, EpochMs now);
// Whether the camera's own whitelist let this plate in at `at` (what it was last sent).
bool whitelisted(db::Conn& c, int64_t camera_id, const std::string& plate_key, EpochMs at);
inline constexpr EpochMs kWhitelistResendMs = 24 * 3'600'000;
inline constexpr EpochMs kWhitelistDeleteResendForMs = 7 * 24 * 3'600'000;
// Up to `limit` entries of one kind, marked sent: changed adds, then changed deletes, then adds
// last sent more than kWhitelistResendMs ago, then deletes of the last kWhitelistDeleteResendForMs
// last sent more than kWhitelistResendMs ago.
std::vector<WhitelistEntry> take_whitelist(db::Conn& c, int64_t camera_id, int limit, EpochMs now);

// --- posts and handovers (store_handovers.cpp) ---
int64_t take_post(db::Conn& c, int64_t site_id, int64_t lane_id, int64_t user_id, EpochMs now);
void leave_post(db::Conn& c, int64_t site_id, int64_t user_id, EpochMs now);
struct Post {
    int64_t id = 0;
    int64_t lane_id = 0;
    int64_t user_id = 0;
    std::string user_name, lane_name;
    EpochMs started_at = 0;
};
std::vector<Post> posts_on_duty(db::Conn& c, int64_t site_id);
int64_t insert_handover(db::Conn& c, const Handover& h, EpochMs now);
bool update_handover(db::Conn& c, const Handover& h, int64_t expected_version, EpochMs now);
std::optional<Handover> get_handover(db::Conn& c, int64_t id);
std::vector<Handover> list_handovers(db::Conn& c, int64_t site_id, int64_t before_id, int limit);
std::optional<Handover> handover_of(
    db::Conn& c, int64_t site_id, const std::string& shift_date, const std::string& shift, const std::string& post);
// Every entry (entry lane, entry_at) and exit (exit lane, exit_at) in [from, to), for the
// peak-hour view (PK-10), which buckets them by local hour.
struct LanePass {
    int64_t lane_id = 0;
    EpochMs at = 0;
};
std::vector<LanePass> lane_passes(db::Conn& c, int64_t site_id, EpochMs from, EpochMs to);
// Deploying staff (PK-10): the team lead puts someone on post, or takes them off.
std::optional<Post> post_by_id(db::Conn& c, int64_t site_id, int64_t post_id);
void end_post(db::Conn& c, int64_t post_id, EpochMs now);
// PK-10: records that the lane was told understaffed in the hour starting then; false when it
// already was (so the team lead is told once per lane and hour).
bool note_peak_alert(db::Conn& c, int64_t lane_id, EpochMs hour_start, int64_t passes, int64_t on_post, EpochMs now);
// Lots with an understaffing threshold, across sites (the job's scan).
std::vector<Lot> lots_with_peak_threshold(db::Conn& c);

// The home page's figures (PK-6, PK-8, PK-11): held cars, free exits waiting for a decision of these
// categories, handovers not yet signed, cars inside against the lots' capacity, and the payments
// taken in [from, to) by method.
int64_t count_held(db::Conn& c, int64_t site_id);
int64_t count_pending_free_requests(db::Conn& c, int64_t site_id, const std::vector<std::string>& categories);
int64_t count_unsigned_handovers(db::Conn& c, int64_t site_id);
struct Occupancy {
    int64_t inside = 0;
    int64_t capacity = 0;
};
Occupancy occupancy(db::Conn& c, int64_t site_id);
std::vector<std::pair<std::string, int64_t>> takings_by_method(db::Conn& c, int64_t site_id, EpochMs from, EpochMs to);

}  // namespace propdesk::parking::store
