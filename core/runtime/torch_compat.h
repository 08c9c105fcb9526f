#pragma once
// The one place where the sources meet LibTorch API differences between Debian 12's 1.13 and
// 2.x (Debian 13's 2.6, the pip wheels on GPU machines). Each seam tests for the member it needs
// rather than for a version number, so a point release that adds or drops it needs no edit here.
#include <utility>

namespace fedhap::torch_compat {

namespace detail {
template <typename Options>
auto use_plain_socket_store(Options& o, int) -> decltype(o.useLibUV = false, void()) {
    o.useLibUV = false;
}
template <typename Options>
void use_plain_socket_store(Options&, long) {}
}  // namespace detail

// c10d::TCPStoreOptions: LibTorch 2.4+ defaults to a libuv backend that Debian's build leaves
// out ("use_libuv was requested but PyTorch was build without libuv support"); the classic
// socket backend is in every build and is what 1.13 always uses.
template <typename Options>
void use_plain_socket_store(Options& o) {
    detail::use_plain_socket_store(o, 0);
}

}  // namespace fedhap::torch_compat
