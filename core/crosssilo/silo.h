#pragma once
// One silo of a cross-silo run (`fedhap join`): reads the experiment from the server, loads only
// its own data, trains each round it is sent and answers with the same encoded update the
// in-process federation makes. It waits for a server that is not up yet, reconnects after a lost
// link or a restarted server, and returns when the server says the run is over.
#include <functional>
#include <string>

#include "crosssilo/c10d_link.h"
#include "crosssilo/endpoint.h"
#include "crosssilo/frame.h"
#include "fl/stop_token.h"

namespace fedhap {

struct JoinSettings {
    Endpoint server;
    int silo = 0;
    std::string data_path;  // its own dataset folder; empty: its partition of the server's dataset
    std::string device = "cpu";
    std::string bind_host;  // the address the server reaches this silo at; empty: the one on the route to it
    FrameKey key;
    Millis wait{600000};          // for a server that is not up (yet, or again)
    Millis connect_timeout{30000};
    Millis idle_timeout{3600000};  // between two messages of the server
    int threads = 1;               // LibTorch threads (1 = as one client of the in-process run)
};

// Throws std::runtime_error (and subclasses) with a one-line message when it gives up: no server
// within `wait`, a config it cannot use, a secret that does not match.
void run_silo(const JoinSettings& settings, const std::function<void(const std::string&)>& log, StopToken& stop);

}  // namespace fedhap
