#include "io/csv_writer.h"

#include <charconv>
#include <stdexcept>

#include "data/data_error.h"
#include "io/atomic_file.h"

namespace fedhap {
namespace {

std::string field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

}  // namespace

std::string to_csv(const std::vector<std::string>& header, const std::vector<std::vector<double>>& rows) {
    std::string out;
    for (std::size_t i = 0; i < header.size(); ++i) out += (i ? "," : "") + field(header[i]);
    out += '\n';
    char buf[32];
    for (const auto& row : rows) {
        if (row.size() != header.size())
            throw std::invalid_argument("csv row has " + std::to_string(row.size()) + " values, header has " +
                                        std::to_string(header.size()));
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i) out += ',';
            out.append(buf, std::to_chars(buf, buf + sizeof(buf), row[i]).ptr);
        }
        out += '\n';
    }
    return out;
}

void write_csv(const std::string& path, const std::vector<std::string>& header,
               const std::vector<std::vector<double>>& rows) {
    // Atomic: a reader never sees half a table, and a FIFO in the way is replaced, not blocked on.
    write_file_atomic(path, to_csv(header, rows));
}

}  // namespace fedhap
