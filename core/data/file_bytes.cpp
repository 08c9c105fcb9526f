#include "data/file_bytes.h"

#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "data/data_error.h"

namespace fedhap {
namespace {

std::string size_text(std::size_t bytes) {
    return bytes >= (std::size_t{1} << 30) ? std::to_string(bytes >> 30) + " GiB" : std::to_string(bytes >> 20) + " MiB";
}

std::vector<std::uint8_t> inflate_gzip(const std::vector<std::uint8_t>& in, const std::string& path, std::size_t max_bytes) {
    z_stream zs{};
    // 16 + MAX_WBITS: expect a gzip header.
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw DataError(path, "zlib init failed");
    std::vector<std::uint8_t> out;
    out.reserve(in.size() * 4);
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
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw DataError(path, "file not found");
    if (std::filesystem::is_directory(path, ec)) throw DataError(path, "is a folder, not a file");
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    if (!f) throw DataError(path, "cannot open for reading");
    const auto size = static_cast<std::size_t>(f.tellg());
    if (size > max_bytes) throw DataError(path, "is larger than " + size_text(max_bytes) + "; refused");
    f.seekg(0);
    std::vector<std::uint8_t> bytes(size);
    if (size > 0 && !f.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)))
        throw DataError(path, "read error");
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
