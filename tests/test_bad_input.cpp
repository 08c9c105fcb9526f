// Bad input across the commands and file kinds, as a table: each case must end with a non-zero
// exit, one stderr line naming the file, key or option and the fault, and no output file left
// half-written (or written at all).
#include <QtTest>

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
        std::filesystem::create_directories(d("idx"));
        test::write_bytes(d("idx/train-images-idx3-ubyte"), {0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3});
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
        std::error_code none;  // no "out" folder at all is the best outcome
        for (const auto& run : std::filesystem::directory_iterator(dir_.file("out"), none))
            QVERIFY2(!std::filesystem::exists(run.path() / "summary.json") && !std::filesystem::exists(run.path() / "checkpoint.bin"),
                     run.path().c_str());
    }
};

QTEST_APPLESS_MAIN(BadInputTest)
#include "test_bad_input.moc"
