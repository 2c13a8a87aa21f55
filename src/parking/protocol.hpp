// The Vzenith "HTTP push" wire format (GATE-PROTOCOL.md) as pure functions: reading a plate
// push or heartbeat, writing the replies with their LED/voice frames. No I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parking/model.hpp"

namespace propdesk::parking::protocol {

inline constexpr int kWhitelistPerReply = 5;  // the doc's "about 5" entries per reply

struct Parsed {
    std::optional<PlatePush> push;
    std::string error;  // why not, naming the missing or bad field
};
// Only serialno, license and plateid are required; everything else may be missing.
Parsed parse_push(std::string_view body);

// The serialno of a heartbeat: multipart/form-data (field serialno) or JSON {"heartbeat":{…}}.
std::optional<std::string> heartbeat_serialno(std::string_view body, std::string_view content_type);

struct Reply {
    bool open = false;
    int64_t plateid = 0;
    int64_t channel = 0;
    std::vector<std::string> led_lines;  // shown on the board, line by line
    std::string speak;                   // spoken
    bool continue_offline = false;       // ask for the next stored record
    std::vector<WhitelistEntry> whitelist;
    std::string zone = "UTC";  // whitelist times are the camera's local wall time
};
std::string plate_reply(const Reply& r);
std::string heartbeat_reply(const Reply& r);
// {"Response_AlarmInfoPlate":{"info":"no",…}}: refused, barrier down.
std::string refusal_reply(int64_t plateid);

}  // namespace propdesk::parking::protocol
