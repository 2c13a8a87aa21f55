#include "parking/api_refs.hpp"

#include "org/store.hpp"
#include "parking/store.hpp"
#include "platform/error.hpp"

namespace propdesk::parking::detail {

Lot lot_ref(db::Conn& c, int64_t site_id, int64_t lot_id, const char* field) {
    auto l = store::get_lot(c, lot_id);
    if (!l || l->site_id != site_id) throw AppError::invalid("no such car park in this site", field);
    return std::move(*l);
}

Lane lane_ref(db::Conn& c, int64_t site_id, int64_t lane_id, const char* field) {
    auto l = store::get_lane(c, lane_id);
    if (!l || l->site_id != site_id) throw AppError::invalid("no such lane in this site", field);
    return std::move(*l);
}

Visit visit_ref(db::Conn& c, int64_t site_id, int64_t visit_id, const char* field) {
    auto v = store::get_visit(c, visit_id);
    if (!v || v->site_id != site_id) throw AppError::invalid("no such stay in this site", field);
    return std::move(*v);
}

void unit_ref(db::Conn& c, int64_t site_id, int64_t unit_id, const char* field) {
    auto u = org::store::get_unit(c, unit_id);
    if (!u || u->site_id != site_id) throw AppError::invalid("no such unit in this site", field);
}

std::string plate_text(std::string plate) {
    for (auto& ch : plate)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    return plate;
}

Lane exit_lane_of_lot(db::Conn& c, const Visit& v, int64_t lane_id) {
    auto lane = lane_ref(c, v.site_id, lane_id);
    if (lane.direction != "exit" || lane.lot_id != v.lot_id)
        throw AppError::invalid("the car leaves by an exit lane of its own car park", "lane_id");
    return lane;
}

}  // namespace propdesk::parking::detail
