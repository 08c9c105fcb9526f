#pragma once
// A small complex FFT for the grid convolutions of the interpolated t-SNE repulsion: Stockham
// (self-sorting, no bit reversal) with radix 4, 2, 3 and 5 stages, lengths 2^a 3^b 5^c. It
// transforms many sequences at once, interleaved, so the innermost loop runs over contiguous
// sequences and vectorises; real and imaginary parts are kept in separate arrays for the same reason.
#include <cstddef>
#include <vector>

namespace fedhap {

class ThreadPool;

class Fft {
public:
    explicit Fft(std::size_t n);  // n = 2^a 3^b 5^c, else std::invalid_argument
    std::size_t size() const { return n_; }

    // The smallest length ≥ at_least of the fast ones: 2^a, 3·2^a, 5·2^a.
    static std::size_t good_size(std::size_t at_least);

    // In place, unnormalised: X[k] = Σ_t x[t] exp(∓2πi·t·k/n), minus sign forward, plus inverse.
    // Element t of sequence b is at [t · batch + b]; work holds 2 · n · batch values.
    void transform(double* re, double* im, std::size_t batch, bool inverse, double* work) const;

    // The 2-D transform of an n × n row-major array, on the pool; the result does not depend on
    // the thread count. `corner` < n skips work for zero padding: forward, the input must be zero
    // outside its top-left corner × corner block; inverse, only that block of the output is made.
    void transform_2d(double* re, double* im, bool inverse, ThreadPool& pool, std::size_t corner = 0) const;

private:
    struct Stage {
        std::size_t radix, span;  // span: the sub-transform length m = length / radix at this stage
        std::vector<double> twiddle_re, twiddle_im;  // [p · radix + u] = exp(−2πi·p·u/length)
    };
    std::size_t n_;
    std::vector<Stage> stages_;
};

}  // namespace fedhap
