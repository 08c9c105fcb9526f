#include "crosssilo/endpoint.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace fedhap {

Endpoint parse_endpoint(const std::string& text, const std::string& option) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon + 1 == text.size())
        throw std::invalid_argument(option + " '" + text + "': expected HOST:PORT, e.g. 127.0.0.1:29500");
    Endpoint e;
    e.host = text.substr(0, colon);
    if (e.host.size() >= 2 && e.host.front() == '[' && e.host.back() == ']') e.host = e.host.substr(1, e.host.size() - 2);
    const std::string port = text.substr(colon + 1);
    if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 || std::stoi(port) > 65535)
        throw std::invalid_argument(option + " '" + text + "': the port must be a number from 0 to 65535");
    e.port = std::stoi(port);
    if (e.host.empty()) throw std::invalid_argument(option + " '" + text + "': no host before the port");
    return e;
}

std::string to_string(const Endpoint& e) {
    return (e.host.find(':') != std::string::npos ? "[" + e.host + "]" : e.host) + ":" + std::to_string(e.port);
}

bool is_wildcard_address(const std::string& host) { return host.empty() || host == "0.0.0.0" || host == "::"; }

std::string local_address_towards(const std::string& host) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(host.c_str(), "9", &hints, &found) != 0 || !found)
        throw std::invalid_argument("cannot resolve '" + host + "'");
    std::string out;
    // Connecting a UDP socket only picks the route; nothing is sent.
    const int fd = socket(found->ai_family, SOCK_DGRAM, 0);
    if (fd >= 0 && connect(fd, found->ai_addr, found->ai_addrlen) == 0) {
        sockaddr_storage local{};
        socklen_t length = sizeof local;
        char text[INET6_ADDRSTRLEN] = {};
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) == 0) {
            const void* addr = local.ss_family == AF_INET6 ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(&local)->sin6_addr)
                                                           : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(&local)->sin_addr);
            if (inet_ntop(local.ss_family, addr, text, sizeof text)) out = text;
        }
    }
    if (fd >= 0) close(fd);
    freeaddrinfo(found);
    if (out.empty()) throw std::invalid_argument("no route to '" + host + "'");
    return out;
}

}  // namespace fedhap
