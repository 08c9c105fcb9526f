#pragma once
// HOST:PORT as the commands take it, and the local address a silo's Gloo listens on. Plain C++.
#include <string>

namespace fedhap {

struct Endpoint {
    std::string host;
    int port = 0;
};

// "127.0.0.1:29500", "localhost:0", "[::1]:29500"; throws std::invalid_argument naming `option`.
Endpoint parse_endpoint(const std::string& text, const std::string& option);
std::string to_string(const Endpoint& e);

// The address of this machine on the route to `host` (no packet is sent); "127.0.0.1" for a
// loopback host. Throws std::invalid_argument when `host` does not resolve.
std::string local_address_towards(const std::string& host);

bool is_wildcard_address(const std::string& host);  // 0.0.0.0, ::, or empty

}  // namespace fedhap
