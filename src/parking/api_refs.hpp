// Records named in a request body (lot_id, lane_id, unit_id): 422 naming the field when
// missing or of another site, as the other modules answer for a body's references.
#pragma once

#include <cstdint>
#include <string>

#include "parking/model.hpp"
#include "platform/db/db.hpp"

namespace propdesk::parking::detail {

Lot lot_ref(db::Conn& c, int64_t site_id, int64_t lot_id, const char* field = "lot_id");
Lane lane_ref(db::Conn& c, int64_t site_id, int64_t lane_id, const char* field = "lane_id");
Visit visit_ref(db::Conn& c, int64_t site_id, int64_t visit_id, const char* field = "visit_id");
// An exit lane of the stay's own car park, where it is let out (422 lane_id otherwise).
Lane exit_lane_of_lot(db::Conn& c, const Visit& v, int64_t lane_id);
void unit_ref(db::Conn& c, int64_t site_id, int64_t unit_id, const char* field = "unit_id");
// A plate as kept on a card or vehicle file: as typed, letters in capitals ("粵b 123" → "粵B 123").
std::string plate_text(std::string plate);

}  // namespace propdesk::parking::detail
