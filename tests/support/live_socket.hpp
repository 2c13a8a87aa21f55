// The live channel (/api/v1/events) as a signed-in page opens it, for tests that watch what the
// server pushes (camera events, lane changes, notifications).
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "support/test_server.hpp"

namespace propdesk::testing {

struct LiveSocket {
    boost::asio::io_context ioc;
    boost::beast::websocket::stream<boost::beast::tcp_stream> ws{ioc};
    // The next message; throws after five seconds without one.
    std::string next() {
        boost::beast::flat_buffer buf;
        boost::beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(5));
        ws.read(buf);
        return boost::beast::buffers_to_string(buf.data());
    }
};

inline std::unique_ptr<LiveSocket> open_live(uint16_t port, const HttpClient& c) {
    namespace websocket = boost::beast::websocket;
    auto s = std::make_unique<LiveSocket>();
    boost::beast::get_lowest_layer(s->ws).connect({boost::asio::ip::make_address("127.0.0.1"), port});
    std::string cookie = c.cookie_header();
    std::string origin = "http://127.0.0.1:" + std::to_string(port);
    s->ws.set_option(websocket::stream_base::decorator([cookie, origin](websocket::request_type& req) {
        req.set(boost::beast::http::field::cookie, cookie);
        req.set(boost::beast::http::field::origin, origin);
    }));
    s->ws.handshake("127.0.0.1:" + std::to_string(port), "/api/v1/events");
    return s;
}

}  // namespace propdesk::testing
