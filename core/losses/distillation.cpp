#include "losses/distillation.h"

#include <torch/torch.h>

namespace fedhap {

torch::Tensor not_true_distillation(const torch::Tensor& student, const torch::Tensor& teacher, const torch::Tensor& labels,
                                    double temperature) {
    namespace F = torch::nn::functional;
    const std::int64_t n = student.size(0), classes = student.size(1);
    if (classes < 2 || n == 0) return torch::zeros({}, student.options());
    const torch::Tensor not_true = F::one_hot(labels, classes).logical_not();
    const auto rows = [&](const torch::Tensor& logits) { return logits.masked_select(not_true).view({n, classes - 1}) / temperature; };
    const torch::Tensor log_student = F::log_softmax(rows(student), F::LogSoftmaxFuncOptions(1));
    const torch::Tensor log_teacher = F::log_softmax(rows(teacher.detach()), F::LogSoftmaxFuncOptions(1));
    const torch::Tensor kl = (log_teacher.exp() * (log_teacher - log_student)).sum(1).mean();
    return temperature * temperature * kl;
}

}  // namespace fedhap
