// Bad input across the commands and file kinds, as a table: each case must end with a non-zero
// exit, one stderr line naming the file, key or option and the fault, and no output file left
// half-written (or written at all). Hostile local files (FIFOs, devices, folders, files over the
// cap, unwritable output places, control bytes in names) have a table of their own: each must end
// within 5 s with exactly the expected line.
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

#include <QElapsedTimer>
#include <filesystem>
#include <functional>

#include "io/npy.h"
#include "test_files.h"

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

struct Case {
    const char* name;
    std::vector<std::string> args;  // {dir} is replaced by the case's folder
    const char* expect;             // a substring of the error line
};

std::vector<std::uint8_t> bytes_of(const std::string& s) { return std::vector<std::uint8_t>(s.begin(), s.end()); }

std::string replace_dir(std::string arg, const std::string& dir) {
    for (std::size_t at; (at = arg.find("{dir}")) != std::string::npos;) arg.replace(at, 5, dir);
    return arg;
}

// A hostile file: the whole stderr must be this one line ({dir} replaced), within the deadline.
struct HostileCase {
    const char* name;
    std::vector<std::string> args;
    std::string line;  // without its newline
};

constexpr int kHostileDeadlineMs = 5000;

// `size` bytes that take no disk space.
void sparse_file(const std::string& path, off_t size) {
    test::write_bytes(path, {});
    if (::truncate(path.c_str(), size) != 0) throw std::runtime_error("cannot truncate " + path);
}

// Runs each case with the deadline as its timeout (a hang fails, it does not stall the test);
// returns the failures, one paragraph each.
std::string run_hostile(const std::vector<HostileCase>& all, const std::string& dir) {
    std::string failures;
    for (const HostileCase& c : all) {
        std::vector<std::string> args;
        for (const auto& a : c.args) args.push_back(replace_dir(a, dir));
        QElapsedTimer clock;
        clock.start();
        const auto r = test::run_cli(args, kHostileDeadlineMs);
        const qint64 ms = clock.elapsed();
        const std::string want = replace_dir(c.line, dir) + "\n";
        if (r.exit_code <= 0 || r.err != want || ms >= kHostileDeadlineMs)
            failures += std::string(c.name) + ": exit " + std::to_string(r.exit_code) + " after " + std::to_string(ms) +
                        " ms\n  stderr: " + r.err + "\n  wanted: " + want;
    }
    return failures;
}

}  // namespace

class BadInputTest : public QObject {
    Q_OBJECT
private:
    TempDir dir_;

    // The files the cases read: good ones to pair with a bad one, and the bad ones.
    void write_inputs() {
        const auto d = [&](const char* name) { return dir_.file(name); };
        write_npy(d("q.npy"), npy_from_floats({4, 8}, std::vector<float>(32, 1.0f)));
        write_npy(d("ql.npy"), npy_from_int64({4}, {0, 1, 0, 1}));
        write_npy(d("db.npy"), npy_from_floats({6, 8}, std::vector<float>(48, -1.0f)));
        write_npy(d("dbl.npy"), npy_from_int64({6}, {0, 1, 0, 1, 0, 1}));
        write_npy(d("db16.npy"), npy_from_floats({6, 16}, std::vector<float>(96, 1.0f)));
        write_npy(d("labels5.npy"), npy_from_int64({5}, {0, 1, 0, 1, 0}));
        write_npy(d("float_labels.npy"), npy_from_floats({4}, {0, 1, 0.5f, 1}));
        write_npy(d("nan.npy"), npy_from_floats({4, 8}, std::vector<float>(32, std::nanf(""))));
        std::string npy = npy_bytes(npy_from_floats({4, 8}, std::vector<float>(32, 1.0f)));
        test::write_bytes(d("truncated.npy"), bytes_of(npy.substr(0, npy.size() - 7)));
        test::write_bytes(d("huge_shape.npy"), bytes_of(std::string("\x93NUMPY\x01\x00\x76\x00", 10) +
                                                        "{'descr': '<f4', 'fortran_order': False, 'shape': (4000000000, 4000000000), }" +
                                                        std::string(41, ' ') + "\n"));
        test::write_bytes(d("not.npy"), bytes_of("hello, world"));
        test::write_bytes(d("empty.npy"), {});
        test::write_gzip(d("bomb.gz"), std::vector<std::uint8_t>(1u << 20, 0));
        test::write_bytes(d("bad.json"), bytes_of("{\"training\": {\"rounds\": 3,}"));
        test::write_bytes(d("lr.json"), bytes_of("{\"training\": {\"lr\": 1e999}}"));
        test::write_bytes(d("neg_rounds.json"), bytes_of("{\"training\": {\"rounds\": -2}}"));
        test::write_bytes(d("big_rounds.json"), bytes_of("{\"training\": {\"rounds\": 4294967297}}"));
        test::write_bytes(d("unknown_key.json"), bytes_of("{\"training\": {\"round\": 3}}"));
        test::write_bytes(d("bad_method.json"), bytes_of("{\"method\": {\"name\": \"fedmagic\"}}"));
        test::write_bytes(d("bad_scheme.json"), bytes_of("{\"partition\": {\"scheme\": \"zigzag\"}}"));
        test::write_bytes(d("zero_clients.json"), bytes_of("{\"partition\": {\"clients\": 0}}"));
        test::write_bytes(d("bits.json"), bytes_of("{\"model\": {\"bits\": 129}}"));
        test::write_bytes(d("string_bits.json"), bytes_of("{\"model\": {\"bits\": \"32\"}}"));
        test::write_bytes(d("array.json"), bytes_of("[1, 2, 3]"));
        test::write_bytes(d("secret"), bytes_of("short\n"));
        write_hostile_inputs();
        std::filesystem::create_directories(d("idx"));
        test::write_bytes(d("idx/train-images-idx3-ubyte"), {0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3});
    }

    // FIFOs, a device behind a symlink, folders as files, files over the caps (sparse), files
    // where folders should be, names with control bytes, and codes that cannot be laid out.
    void write_hostile_inputs() {
        const auto d = [&](const char* name) { return dir_.file(name); };
        for (const char* fifo : {"fifo.npy", "fifo.json", "new\nline.npy"})
            if (::mkfifo(d(fifo).c_str(), 0600) != 0) throw std::runtime_error("mkfifo failed");
        std::filesystem::create_symlink("/dev/zero", d("zero.json"));
        std::filesystem::create_symlink("/dev/zero", d("zero.npy"));
        std::filesystem::create_directories(d("folder.npy"));
        std::filesystem::create_directories(d("folder.json"));
        sparse_file(d("big.json"), (off_t{16} << 20) + 1);
        sparse_file(d("big.npy"), (off_t{4} << 30) + 1);
        test::write_bytes(d("plain"), bytes_of("a regular file where a folder should be"));
        test::write_bytes(d("plain\nout"), bytes_of("a regular file with a newline in its name"));
        test::write_bytes(d("ok.json"), bytes_of("{}"));
        test::write_bytes(d("grid.json"), bytes_of("{\"config\": \"ok.json\", \"seeds\": [0]}"));
        test::write_bytes(d("good_secret"), bytes_of("0123456789abcdef0123456789abcdef\n"));
        write_npy(d("two_same.npy"), npy_from_floats({2, 8}, std::vector<float>(16, 1.0f)));
        write_npy(d("one.npy"), npy_from_floats({1, 8}, std::vector<float>(8, 1.0f)));
        write_npy(d("ten_same.npy"), npy_from_floats({10, 8}, std::vector<float>(80, -1.0f)));
        std::vector<float> distinct(48);
        for (std::size_t i = 0; i < distinct.size(); ++i) distinct[i] = (i * 7 % 5) < 2 ? 1.0f : -1.0f;
        write_npy(d("distinct.npy"), npy_from_floats({6, 8}, distinct));
    }

    std::vector<HostileCase> hostile_cases() const {
        const auto eval = [](const char* qc, const char* ql, const char* dc, const char* dl) {
            return std::vector<std::string>{"eval", "--query-codes", qc, "--query-labels", ql, "--db-codes", dc, "--db-labels", dl};
        };
        const std::string fifo = ": is a FIFO, not a regular file", device = ": is a character device, not a regular file",
                          folder = ": is a folder, not a file";
        return {
            // A FIFO as every input: refused at once, never waited on.
            {"eval: a FIFO as query codes", eval("{dir}/fifo.npy", "{dir}/ql.npy", "{dir}/db.npy", "{dir}/dbl.npy"), "fedhap eval: {dir}/fifo.npy" + fifo},
            {"eval: a FIFO as query labels", eval("{dir}/q.npy", "{dir}/fifo.npy", "{dir}/db.npy", "{dir}/dbl.npy"), "fedhap eval: {dir}/fifo.npy" + fifo},
            {"eval: a FIFO as database codes", eval("{dir}/q.npy", "{dir}/ql.npy", "{dir}/fifo.npy", "{dir}/dbl.npy"), "fedhap eval: {dir}/fifo.npy" + fifo},
            {"eval: a FIFO as database labels", eval("{dir}/q.npy", "{dir}/ql.npy", "{dir}/db.npy", "{dir}/fifo.npy"), "fedhap eval: {dir}/fifo.npy" + fifo},
            {"search: a FIFO as query codes", {"search", "--query-codes", "{dir}/fifo.npy", "--db-codes", "{dir}/db.npy", "--k", "3", "--out", "{dir}/out/h1.npy"}, "fedhap search: {dir}/fifo.npy" + fifo},
            {"search: a FIFO as database codes", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/fifo.npy", "--k", "3", "--out", "{dir}/out/h2.npy"}, "fedhap search: {dir}/fifo.npy" + fifo},
            {"embed: a FIFO as codes", {"embed", "--codes", "{dir}/fifo.npy", "--out", "{dir}/out/h1.csv"}, "fedhap embed: {dir}/fifo.npy" + fifo},
            {"embed: a FIFO as labels", {"embed", "--codes", "{dir}/db.npy", "--labels", "{dir}/fifo.npy", "--out", "{dir}/out/h2.csv"}, "fedhap embed: {dir}/fifo.npy" + fifo},
            {"run: a FIFO as config", {"run", "--config", "{dir}/fifo.json", "--out", "{dir}/out/h1"}, "fedhap run: {dir}/fifo.json" + fifo},
            {"sweep: a FIFO as grid", {"sweep", "--grid", "{dir}/fifo.json", "--out", "{dir}/out/h2"}, "fedhap sweep: {dir}/fifo.json" + fifo},
            {"serve: a FIFO as secret file", {"serve", "--secret-file", "{dir}/fifo.json", "--out", "{dir}/out/h3"}, "fedhap serve: {dir}/fifo.json" + fifo},
            // /dev/zero behind a symlink: refused by what it is, not read until memory runs out.
            {"run: /dev/zero as config", {"run", "--config", "{dir}/zero.json", "--out", "{dir}/out/h4"}, "fedhap run: {dir}/zero.json" + device},
            {"eval: /dev/zero as codes", eval("{dir}/zero.npy", "{dir}/ql.npy", "{dir}/db.npy", "{dir}/dbl.npy"), "fedhap eval: {dir}/zero.npy" + device},
            {"embed: /dev/zero as codes", {"embed", "--codes", "{dir}/zero.npy", "--out", "{dir}/out/h3.csv"}, "fedhap embed: {dir}/zero.npy" + device},
            // A folder given as a file.
            {"run: a folder as config", {"run", "--config", "{dir}/folder.json", "--out", "{dir}/out/h5"}, "fedhap run: {dir}/folder.json" + folder},
            {"search: a folder as codes", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/folder.npy", "--k", "3", "--out", "{dir}/out/h3.npy"}, "fedhap search: {dir}/folder.npy" + folder},
            // Over the caps (sparse files: refused by their size, never read).
            {"run: a config over 16 MiB", {"run", "--config", "{dir}/big.json", "--out", "{dir}/out/h6"}, "fedhap run: {dir}/big.json: is larger than 16 MiB; refused"},
            {"eval: codes over 4 GiB", eval("{dir}/big.npy", "{dir}/ql.npy", "{dir}/db.npy", "{dir}/dbl.npy"), "fedhap eval: {dir}/big.npy: is larger than 4 GiB; refused"},
            // Output places that cannot be written, refused before any data is loaded or trained
            // (a regular file where the folder should be: root cannot write through that either).
            {"run: --out is a file", {"run", "--config", "{dir}/ok.json", "--out", "{dir}/plain"}, "fedhap run: cannot create the run folder {dir}/plain: a file of that name is in the way"},
            {"run: --out under a file", {"run", "--config", "{dir}/ok.json", "--out", "{dir}/plain/run"}, "fedhap run: cannot create the run folder {dir}/plain/run: Not a directory"},
            {"compare: --out is a file", {"compare", "--config", "{dir}/ok.json", "--methods", "fedhap", "--seeds", "0", "--out", "{dir}/plain"}, "fedhap compare: cannot create the study folder {dir}/plain: a file of that name is in the way"},
            {"ablate: --out is a file", {"ablate", "--config", "{dir}/ok.json", "--seeds", "0", "--out", "{dir}/plain"}, "fedhap ablate: cannot create the study folder {dir}/plain: a file of that name is in the way"},
            {"sweep: --out is a file", {"sweep", "--grid", "{dir}/grid.json", "--out", "{dir}/plain"}, "fedhap sweep: cannot create the sweep folder {dir}/plain: a file of that name is in the way"},
            {"serve: --out is a file", {"serve", "--config", "{dir}/ok.json", "--secret-file", "{dir}/good_secret", "--out", "{dir}/plain"}, "fedhap serve: cannot create the run folder {dir}/plain: a file of that name is in the way"},
            {"search: --out under a file", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/db.npy", "--k", "3", "--out", "{dir}/plain/i.npy"}, "fedhap search: cannot write {dir}/plain/i.npy: its folder {dir}/plain: Not a directory"},
            {"embed: --out is a folder", {"embed", "--codes", "{dir}/distinct.npy", "--perplexity", "1", "--out", "{dir}/folder.npy"}, "fedhap embed: cannot write {dir}/folder.npy: it is a folder"},
            // Control bytes in a name are escaped: the message stays one line.
            {"eval: a newline in a FIFO's name", eval("{dir}/new\nline.npy", "{dir}/ql.npy", "{dir}/db.npy", "{dir}/dbl.npy"), "fedhap eval: {dir}/new\\nline.npy" + fifo},
            {"run: a newline in a missing config's name", {"run", "--config", "{dir}/no\nsuch\t.json", "--out", "{dir}/out/h7"}, "fedhap run: {dir}/no\\nsuch\\t.json: file not found"},
            {"run: a newline in --out", {"run", "--config", "{dir}/ok.json", "--out", "{dir}/plain\nout"}, "fedhap run: cannot create the run folder {dir}/plain\\nout: a file of that name is in the way"},
            // Codes that cannot be laid out: refused, naming the file, and no CSV written.
            {"embed: two identical codes, perplexity 0.5", {"embed", "--codes", "{dir}/two_same.npy", "--perplexity", "0.5", "--out", "{dir}/out/h4.csv"}, "fedhap embed: {dir}/two_same.npy: t-SNE needs at least 4 points (N > 3 x perplexity, perplexity >= 1), got 2"},
            {"embed: one code, perplexity 0.2", {"embed", "--codes", "{dir}/one.npy", "--perplexity", "0.2", "--out", "{dir}/out/h5.csv"}, "fedhap embed: {dir}/one.npy: t-SNE needs at least 4 points (N > 3 x perplexity, perplexity >= 1), got 1"},
            {"embed: ten identical codes", {"embed", "--codes", "{dir}/ten_same.npy", "--perplexity", "2", "--out", "{dir}/out/h6.csv"}, "fedhap embed: {dir}/ten_same.npy: all 10 rows are identical; a map needs at least two distinct points"},
            {"embed: PCA of one code", {"embed", "--codes", "{dir}/one.npy", "--method", "pca", "--out", "{dir}/out/h7.csv"}, "fedhap embed: {dir}/one.npy: holds one point; a map needs at least two distinct points"},
            {"embed: a perplexity below 1", {"embed", "--codes", "{dir}/db.npy", "--perplexity", "0.5", "--out", "{dir}/out/h8.csv"}, "fedhap embed: {dir}/db.npy: --perplexity must be in [1, N/3) = [1, 2) for 6 points, got 0.5"},
        };
    }

    std::vector<Case> cases() const {
        return {
            // eval: each of its four files, and its options
            {"eval: missing query codes", {"eval", "--query-codes", "{dir}/nope.npy", "--query-labels", "{dir}/ql.npy", "--db-codes", "{dir}/db.npy", "--db-labels", "{dir}/dbl.npy"}, "nope.npy"},
            {"eval: not an npy file", {"eval", "--query-codes", "{dir}/not.npy", "--query-labels", "{dir}/ql.npy", "--db-codes", "{dir}/db.npy", "--db-labels", "{dir}/dbl.npy"}, "not.npy"},
            {"eval: empty npy file", {"eval", "--query-codes", "{dir}/empty.npy", "--query-labels", "{dir}/ql.npy", "--db-codes", "{dir}/db.npy", "--db-labels", "{dir}/dbl.npy"}, "empty.npy"},
            {"eval: truncated npy", {"eval", "--query-codes", "{dir}/truncated.npy", "--query-labels", "{dir}/ql.npy", "--db-codes", "{dir}/db.npy", "--db-labels", "{dir}/dbl.npy"}, "truncated.npy"},
            {"eval: a huge claimed shape", {"eval", "--query-codes", "{dir}/huge_shape.npy", "--query-labels", "{dir}/ql.npy", "--db-codes", "{dir}/db.npy", "--db-labels", "{dir}/dbl.npy"}, "huge_shape.npy"},
            {"eval: NaN codes", {"eval", "--query-codes", "{dir}/nan.npy", "--query-labels", "{dir}/ql.npy", "--db-codes", "{dir}/db.npy", "--db-labels", "{dir}/dbl.npy"}, "NaN"},
            {"eval: bit counts differ", {"eval", "--query-codes", "{dir}/q.npy", "--query-labels", "{dir}/ql.npy", "--db-codes", "{dir}/db16.npy", "--db-labels", "{dir}/dbl.npy"}, "bits"},
            {"eval: labels and codes differ in count", {"eval", "--query-codes", "{dir}/q.npy", "--query-labels", "{dir}/labels5.npy", "--db-codes", "{dir}/db.npy", "--db-labels", "{dir}/dbl.npy"}, "label"},
            {"eval: float labels", {"eval", "--query-codes", "{dir}/q.npy", "--query-labels", "{dir}/float_labels.npy", "--db-codes", "{dir}/db.npy", "--db-labels", "{dir}/dbl.npy"}, "float_labels.npy"},
            {"eval: negative top-k", {"eval", "--query-codes", "{dir}/q.npy", "--query-labels", "{dir}/ql.npy", "--db-codes", "{dir}/db.npy", "--db-labels", "{dir}/dbl.npy", "--topk", "-3"}, "--topk"},
            {"eval: threads wrap", {"eval", "--query-codes", "{dir}/q.npy", "--query-labels", "{dir}/ql.npy", "--db-codes", "{dir}/db.npy", "--db-labels", "{dir}/dbl.npy", "--threads", "4294967297"}, "--threads"},
            {"eval: unknown format", {"eval", "--query-codes", "{dir}/q.npy", "--query-labels", "{dir}/ql.npy", "--db-codes", "{dir}/db.npy", "--db-labels", "{dir}/dbl.npy", "--format", "xml"}, "--format"},
            {"eval: a missing option", {"eval", "--query-codes", "{dir}/q.npy"}, "--"},
            // search: its two code files, and its options
            {"search: missing database codes", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/nope.npy", "--k", "3", "--out", "{dir}/out/s1.npy"}, "nope.npy"},
            {"search: not an npy file", {"search", "--query-codes", "{dir}/not.npy", "--db-codes", "{dir}/db.npy", "--k", "3", "--out", "{dir}/out/s2.npy"}, "not.npy"},
            {"search: truncated npy", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/truncated.npy", "--k", "3", "--out", "{dir}/out/s3.npy"}, "truncated.npy"},
            {"search: a huge claimed shape", {"search", "--query-codes", "{dir}/huge_shape.npy", "--db-codes", "{dir}/db.npy", "--k", "3", "--out", "{dir}/out/s4.npy"}, "huge_shape.npy"},
            {"search: NaN codes", {"search", "--query-codes", "{dir}/nan.npy", "--db-codes", "{dir}/db.npy", "--k", "3", "--out", "{dir}/out/s5.npy"}, "NaN"},
            {"search: bit counts differ", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/db16.npy", "--k", "3", "--out", "{dir}/out/s6.npy"}, "db16.npy"},
            {"search: labels as codes", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/dbl.npy", "--k", "3", "--out", "{dir}/out/s7.npy"}, "dbl.npy"},
            {"search: k zero", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/db.npy", "--k", "0", "--out", "{dir}/out/s8.npy"}, "--k"},
            {"search: negative k", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/db.npy", "--k", "-3", "--out", "{dir}/out/s9.npy"}, "--k"},
            {"search: k not a number", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/db.npy", "--k", "ten", "--out", "{dir}/out/s10.npy"}, "--k"},
            {"search: k past 2^64", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/db.npy", "--k", "18446744073709551617", "--out", "{dir}/out/s11.npy"}, "--k"},
            {"search: no --out for a text result", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/db.npy", "--k", "3"}, "--out"},
            {"search: unknown format", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/db.npy", "--k", "3", "--out", "{dir}/out/s12.npy", "--format", "csv"}, "--format"},
            {"search: threads wrap", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/db.npy", "--k", "3", "--out", "{dir}/out/s13.npy", "--threads", "4294967297"}, "--threads"},
            {"search: out in a missing folder", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/db.npy", "--k", "3", "--out", "{dir}/no-such-folder/i.npy"}, "no-such-folder"},
            {"search: a missing option", {"search", "--query-codes", "{dir}/q.npy", "--db-codes", "{dir}/db.npy"}, "--k"},
            // embed
            {"embed: missing codes", {"embed", "--codes", "{dir}/nope.npy", "--out", "{dir}/out/e1.csv"}, "nope.npy"},
            {"embed: perplexity too large", {"embed", "--codes", "{dir}/db.npy", "--out", "{dir}/out/e2.csv", "--perplexity", "50"}, "perplexity"},
            {"embed: perplexity not a number", {"embed", "--codes", "{dir}/db.npy", "--out", "{dir}/out/e3.csv", "--perplexity", "lots"}, "--perplexity"},
            {"embed: iterations wrap", {"embed", "--codes", "{dir}/db.npy", "--out", "{dir}/out/e4.csv", "--iters", "18446744073709551617"}, "--iters"},
            {"embed: labels of another length", {"embed", "--codes", "{dir}/db.npy", "--labels", "{dir}/labels5.npy", "--out", "{dir}/out/e5.csv"}, "labels"},
            {"embed: threads wrap", {"embed", "--codes", "{dir}/db.npy", "--out", "{dir}/out/e7.csv", "--threads", "4294967297"}, "--threads"},
            {"compare: a negative seed", {"compare", "--seeds", "-1", "--methods", "fedhap"}, "-1"},
            {"embed: unknown method", {"embed", "--codes", "{dir}/db.npy", "--out", "{dir}/out/e6.csv", "--method", "umap"}, "--method"},
            // partition
            {"partition: negative seed", {"partition", "--seed", "-1"}, "--seed"},
            {"partition: zero clients", {"partition", "--clients", "0"}, "--clients"},
            {"partition: unknown scheme", {"partition", "--scheme", "zigzag"}, "zigzag"},
            {"partition: alpha not a number", {"partition", "--alpha", "x"}, "--alpha"},
            {"partition: a missing data folder", {"partition", "--dataset", "mnist", "--data", "{dir}/no-such-folder"}, "no-such-folder"},
            {"partition: a truncated IDX file", {"partition", "--dataset", "mnist", "--data", "{dir}/idx/train-images-idx3-ubyte"}, "train-images-idx3-ubyte"},
            {"partition: a gzip bomb posing as IDX", {"partition", "--dataset", "mnist", "--data", "{dir}/bomb.gz"}, "bomb.gz"},
            {"partition: unknown dataset", {"partition", "--dataset", "imagenet"}, "imagenet"},
            // run: configs and options (refused before training)
            {"run: config not JSON", {"run", "--config", "{dir}/bad.json", "--out", "{dir}/out/r1"}, "bad.json"},
            {"run: lr 1e999", {"run", "--config", "{dir}/lr.json", "--out", "{dir}/out/r2"}, "lr"},
            {"run: negative rounds", {"run", "--config", "{dir}/neg_rounds.json", "--out", "{dir}/out/r3"}, "rounds"},
            {"run: rounds past 2^32", {"run", "--config", "{dir}/big_rounds.json", "--out", "{dir}/out/r4"}, "rounds"},
            {"run: an unknown key", {"run", "--config", "{dir}/unknown_key.json", "--out", "{dir}/out/r5"}, "round"},
            {"run: an unknown method", {"run", "--config", "{dir}/bad_method.json", "--out", "{dir}/out/r6"}, "fedmagic"},
            {"run: an unknown scheme", {"run", "--config", "{dir}/bad_scheme.json", "--out", "{dir}/out/r7"}, "zigzag"},
            {"run: zero clients", {"run", "--config", "{dir}/zero_clients.json", "--out", "{dir}/out/r8"}, "clients"},
            {"run: 129 bits", {"run", "--config", "{dir}/bits.json", "--out", "{dir}/out/r9"}, "bits"},
            {"run: bits as a string", {"run", "--config", "{dir}/string_bits.json", "--out", "{dir}/out/r10"}, "bits"},
            {"run: a JSON array", {"run", "--config", "{dir}/array.json", "--out", "{dir}/out/r11"}, "array.json"},
            {"run: a missing config", {"run", "--config", "{dir}/nope.json", "--out", "{dir}/out/r12"}, "nope.json"},
            {"run: --rounds past 2^32", {"run", "--rounds", "4294967297", "--out", "{dir}/out/r13"}, "--rounds"},
            {"run: seed past 2^53", {"run", "--seed", "9007199254740993", "--out", "{dir}/out/r14"}, "--seed"},
            {"run: --resume without a folder", {"run", "--resume"}, "--out"},
            {"run: cuda on a machine without", {"run", "--device", "cuda:7", "--out", "{dir}/out/r15"}, "cuda"},
            // cross-silo
            {"serve: a bad listen address", {"serve", "--listen", "localhost", "--out", "{dir}/out/s1"}, "--listen"},
            {"serve: a short secret", {"serve", "--secret-file", "{dir}/secret", "--out", "{dir}/out/s2"}, "secret"},
            {"serve: no run folder", {"serve"}, "--out"},
            {"join: a negative silo", {"join", "--server", "127.0.0.1:1", "--silo", "-1"}, "--silo"},
            {"join: a bad port", {"join", "--server", "127.0.0.1:99999", "--silo", "0"}, "--server"},
            // anything
            {"an unknown command", {"frobnicate"}, "frobnicate"},
            {"an unknown option", {"eval", "--bogus"}, "--bogus"},
        };
    }

private Q_SLOTS:
    void initTestCase() { write_inputs(); }

    void every_case_says_what_and_where_and_writes_nothing() {
        const auto all = cases();
        QVERIFY(all.size() >= 40);
        std::string failures;  // every case is tried; all that fail are listed
        for (const Case& c : all) {
            std::vector<std::string> args;
            for (const auto& a : c.args) args.push_back(replace_dir(a, dir_.path()));
            const auto r = test::run_cli(args, 60000);
            const std::string first = r.err.substr(0, r.err.find('\n'));
            const bool ok = r.exit_code > 0 && r.err.find(c.expect) != std::string::npos &&
                            first.size() < 400 &&  // one readable line, not a dump
                            r.err.find("terminate called") == std::string::npos && r.err.find("_M_create") == std::string::npos &&
                            r.err.find("stoull") == std::string::npos && r.err.find("bad_alloc") == std::string::npos;
            if (!ok) failures += std::string(c.name) + ": exit " + std::to_string(r.exit_code) + ", stderr: " + r.err + "\n";
        }
        QVERIFY2(failures.empty(), failures.c_str());
        // No output of a refused command: no coordinates, no run files.
        for (const char* f : {"out/e1.csv", "out/e2.csv", "out/e3.csv", "out/e4.csv", "out/e5.csv", "out/e6.csv", "out/e7.csv"})
            QVERIFY2(!std::filesystem::exists(dir_.file(f)), f);
        QVERIFY2(!std::filesystem::exists(dir_.file("out/r15")), "a run refused for its device made its folder");
        std::error_code none;  // no "out" folder at all is the best outcome
        for (const auto& run : std::filesystem::directory_iterator(dir_.file("out"), none))
            QVERIFY2(!std::filesystem::exists(run.path() / "summary.json") && !std::filesystem::exists(run.path() / "checkpoint.bin"),
                     run.path().c_str());
    }

    void hostile_files_end_at_once_with_one_exact_line() {
        const auto all = hostile_cases();
        const std::string failures = run_hostile(all, dir_.path());
        QVERIFY2(failures.empty(), failures.c_str());
        for (const char* f : {"out/h1.csv", "out/h2.csv", "out/h3.csv", "out/h4.csv", "out/h5.csv", "out/h6.csv", "out/h7.csv", "out/h8.csv",
                              "out/h1.npy", "out/h2.npy", "out/h3.npy"})
            QVERIFY2(!std::filesystem::exists(dir_.file(f)), f);
        QCOMPARE(test::read_text(dir_.file("plain")), std::string("a regular file where a folder should be"));  // left as it was
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir_.path()))  // no probe file left behind
            QVERIFY2(e.path().filename().string().find(".fedhap-probe") == std::string::npos, e.path().c_str());
    }

    // A folder of mode 0555: only a user other than root is kept out by it.
    void a_read_only_out_folder_is_refused_before_training() {
        if (::geteuid() == 0) QSKIP("root writes into a folder of mode 0555 all the same; the --out-is-a-file cases cover root");
        std::filesystem::create_directories(dir_.file("ro"));
        QCOMPARE(::chmod(dir_.file("ro").c_str(), 0555), 0);
        const std::string failures = run_hostile(
            {{"run: a read-only --out", {"run", "--config", "{dir}/ok.json", "--out", "{dir}/ro"}, "fedhap run: cannot write in the run folder {dir}/ro: Permission denied"},
             {"run: --out inside a read-only folder", {"run", "--config", "{dir}/ok.json", "--out", "{dir}/ro/run"}, "fedhap run: cannot create the run folder {dir}/ro/run: Permission denied"},
             {"embed: --out in a read-only folder", {"embed", "--codes", "{dir}/distinct.npy", "--perplexity", "1", "--out", "{dir}/ro/xy.csv"}, "fedhap embed: cannot write {dir}/ro/xy.csv: Permission denied"}},
            dir_.path());
        ::chmod(dir_.file("ro").c_str(), 0755);
        QVERIFY2(failures.empty(), failures.c_str());
    }
};

QTEST_APPLESS_MAIN(BadInputTest)
#include "test_bad_input.moc"
