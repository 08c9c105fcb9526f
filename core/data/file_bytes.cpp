#include "data/file_bytes.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>

#include "data/data_error.h"
#include "io/input_file.h"

namespace fedhap {
namespace {

std::vector<std::uint8_t> inflate_gzip(const std::vector<std::uint8_t>& in, const std::string& path, std::size_t max_bytes) {
    z_stream zs{};
    // 16 + MAX_WBITS: expect a gzip header.
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw DataError(path, "zlib init failed");
    std::vector<std::uint8_t> out;
    out.reserve(std::min(in.size() * 4, max_bytes));  // a claimed ratio is no reason to hold more than the cap
    zs.next_in = const_cast<Bytef*>(in.data());
    zs.avail_in = static_cast<uInt>(in.size());
    std::uint8_t chunk[1 << 16];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = chunk;
        zs.avail_out = sizeof(chunk);
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            throw DataError(path, rc == Z_BUF_ERROR ? "gzip stream is truncated"
                                                    : "gzip stream is corrupt");
        }
        // Checked before growing: a small file that inflates without end (a gzip bomb) stops here.
        if (out.size() + (sizeof(chunk) - zs.avail_out) > max_bytes) {
            inflateEnd(&zs);
            throw DataError(path, "inflates to more than " + size_text(max_bytes) + "; refused (damaged, or a gzip bomb)");
        }
        out.insert(out.end(), chunk, chunk + (sizeof(chunk) - zs.avail_out));
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            throw DataError(path, "gzip stream is truncated");
        }
    }
    inflateEnd(&zs);
    return out;
}

}  // namespace

std::vector<std::uint8_t> read_file_bytes(const std::string& path, std::size_t max_bytes) {
    std::vector<std::uint8_t> bytes = read_input_bytes(path, max_bytes);
    if (bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) return inflate_gzip(bytes, path, max_bytes);
    return bytes;
}

std::string find_raw_or_gz(const std::string& base) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(base, ec)) return base;
    if (std::filesystem::is_regular_file(base + ".gz", ec)) return base + ".gz";
    return {};
}

}  // namespace fedhap
