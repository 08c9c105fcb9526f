#pragma once
// Not-true distillation (FedNTD): a client keeps the global model's view of the classes other
// than each sample's own, which label skew would otherwise let it forget.
#include <torch/types.h>

namespace fedhap {

// T²·KL(softmax(t/T) ‖ softmax(s/T)) over each row's logits without its true class, averaged over
// the rows. student, teacher: N×C logits (the teacher's carry no gradient); labels: N (int64).
// Zero when C < 2 (nothing but the true class).
torch::Tensor not_true_distillation(const torch::Tensor& student, const torch::Tensor& teacher, const torch::Tensor& labels,
                                    double temperature);

}  // namespace fedhap
