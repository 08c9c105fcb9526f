#include "stop_on_interrupt.h"

#include <csignal>

namespace fedhap::cli {
namespace {

StopToken* g_stop = nullptr;

extern "C" void request_stop_on_signal(int) {
    if (g_stop) g_stop->request_stop();  // lock-free: safe in a signal handler
}

}  // namespace

StopOnInterrupt::StopOnInterrupt(StopToken& stop) {
    g_stop = &stop;
    std::signal(SIGINT, request_stop_on_signal);
    std::signal(SIGTERM, request_stop_on_signal);
}

StopOnInterrupt::~StopOnInterrupt() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_stop = nullptr;
}

}  // namespace fedhap::cli
