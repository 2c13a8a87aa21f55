#include "platform/notify/notify.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "platform/time/zone.hpp"

namespace propdesk::notify {

namespace bj = boost::json;

namespace {
const char* kSelect =
    "SELECT n.id, n.user_id, n.site_id, n.kind, n.title, n.body, n.link, n.created_at, n.read_at,"
    " COALESCE(s.time_zone, 'UTC') FROM notifications n LEFT JOIN sites s ON s.id = n.site_id";

Notification from_row(const db::Row& r) {
    Notification n;
    n.id = r.i64(0);
    n.user_id = r.i64(1);
    n.site_id = r.opt_i64(2);
    n.kind = r.str(3);
    n.title = r.str(4);
    n.body = r.str(5);
    n.link = r.str(6);
    n.created_at = r.i64(7);
    n.read_at = r.opt_i64(8);
    n.zone = r.str(9);
    return n;
}

std::vector<Notification> rows(const db::Result& r) {
    std::vector<Notification> out;
    for (const auto& row : r.rows) out.push_back(from_row(row));
    return out;
}

bj::object object_of(const Notification& n) {
    bj::object o{{"id", n.id},
                 {"kind", n.kind},
                 {"title", n.title},
                 {"body", n.body},
                 {"link", n.link},
                 {"created_at", timefmt::to_rfc3339(n.created_at, n.zone)},
                 {"read", n.read_at.has_value()}};
    o["site_id"] = n.site_id ? bj::value(*n.site_id) : bj::value(nullptr);
    return o;
}
}  // namespace

int64_t create(db::Conn& c, const NewNotification& n, EpochMs now) {
    return c
        .one(
            "INSERT INTO notifications (user_id, site_id, kind, title, body, link, created_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            n.user_id, n.site_id, n.kind, n.title, n.body, n.link, now)
        ->i64(0);
}

std::vector<Notification> list_for_user(db::Conn& c, int64_t user_id, int64_t before_id, int limit) {
    if (before_id > 0)
        return rows(c.query(std::string(kSelect) + " WHERE n.user_id = $1 AND n.id < $2 ORDER BY n.id DESC LIMIT $3",
                            user_id, before_id, limit));
    return rows(c.query(std::string(kSelect) + " WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2", user_id, limit));
}

int64_t unread_count(db::Conn& c, int64_t user_id) {
    return c.one("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", user_id)->i64(0);
}

bool mark_read(db::Conn& c, int64_t user_id, int64_t id, EpochMs now) {
    auto row = c.one("SELECT read_at FROM notifications WHERE id = $1 AND user_id = $2", id, user_id);
    if (!row) return false;
    if (row->is_null(0)) c.exec("UPDATE notifications SET read_at = $1 WHERE id = $2", now, id);
    return true;
}

void mark_all_read(db::Conn& c, int64_t user_id, EpochMs now) {
    c.exec("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL", now, user_id);
}

std::vector<Notification> created_after(db::Conn& c, int64_t after_id, int limit) {
    return rows(c.query(std::string(kSelect) + " WHERE n.id > $1 ORDER BY n.id LIMIT $2", after_id, limit));
}

int64_t newest_id(db::Conn& c) {
    return c.one("SELECT COALESCE(MAX(id), 0) FROM notifications")->i64(0);
}

std::string to_json(const Notification& n) {
    return bj::serialize(object_of(n));
}

std::string to_event(const Notification& n) {
    return bj::serialize(bj::object{{"type", "notification"}, {"notification", object_of(n)}});
}

Dispatcher::Dispatcher(db::Db& db, http::LiveHub& hub) : db_(db), hub_(hub) {
    last_id_ = db_.read_value([](db::Conn& c) { return newest_id(c); });
}

Dispatcher::~Dispatcher() {
    stop();
}

int Dispatcher::dispatch_now() {
    int published = 0;
    for (;;) {
        auto batch = db_.read_value([&](db::Conn& c) { return created_after(c, last_id_, 500); });
        for (const auto& n : batch) {
            hub_.publish(n.user_id, to_event(n));
            last_id_ = n.id;
            ++published;
        }
        if (batch.size() < 500) return published;
    }
}

void Dispatcher::start(std::chrono::milliseconds poll) {
    loop_.start(poll, [this] { dispatch_now(); });
}

void Dispatcher::stop() {
    loop_.stop();
}

void Dispatcher::wake() {
    loop_.wake();
}

}  // namespace propdesk::notify
