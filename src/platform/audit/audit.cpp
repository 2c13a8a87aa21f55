#include "platform/audit/audit.hpp"

namespace propdesk::audit {

Actor Actor::of(const auth::Principal& p, std::string request_id) {
    Actor a;
    if (p.is_user()) a.user_id = p.user_id;
    if (p.is_device()) a.device_id = p.device_id;
    a.request_id = std::move(request_id);
    return a;
}

void append(db::Conn& c, const Actor& actor, EpochMs at, const Change& ch) {
    c.exec(
        "INSERT INTO audit_log (site_id, entity, entity_id, action, actor_user_id, actor_device_id, at, request_id,"
        " before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        ch.site_id, ch.entity, ch.entity_id, ch.action, actor.user_id, actor.device_id, at, actor.request_id,
        ch.before_json, ch.after_json);
}

std::vector<Entry> history(db::Conn& c, const std::string& entity, int64_t entity_id, int64_t after_id, int limit) {
    auto r = c.query(
        "SELECT a.id, a.site_id, a.entity, a.entity_id, a.action, a.actor_user_id, COALESCE(u.name, ''),"
        " a.actor_device_id, a.at, a.request_id, a.before_json, a.after_json"
        " FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id"
        " WHERE a.entity = $1 AND a.entity_id = $2 AND a.id > $3 ORDER BY a.id LIMIT $4",
        entity, entity_id, after_id, limit);
    std::vector<Entry> out;
    for (const auto& row : r.rows) {
        Entry e;
        e.id = row.i64(0);
        e.site_id = row.opt_i64(1);
        e.entity = row.str(2);
        e.entity_id = row.i64(3);
        e.action = row.str(4);
        e.actor_user_id = row.opt_i64(5);
        e.actor_name = row.str(6);
        e.actor_device_id = row.opt_i64(7);
        if (e.actor_name.empty())
            e.actor_name = e.actor_device_id ? "device #" + std::to_string(*e.actor_device_id) : "system";
        e.at = row.i64(8);
        e.request_id = row.str(9);
        e.before_json = row.opt_str(10);
        e.after_json = row.opt_str(11);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace propdesk::audit
