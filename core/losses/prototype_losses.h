#pragma once
// Pulling relaxed codes u (N×B, in (−1,1)) towards class prototypes / hash centres (±1).
#include <torch/types.h>

namespace fedhap {

// BCE((u+1)/2, (t+1)/2) averaged over N×B; t: N×B targets (each code's own prototype). CSQ's loss.
torch::Tensor prototype_bce_loss(const torch::Tensor& u, const torch::Tensor& targets);
// mean((u − t)²); FedProto's pull.
torch::Tensor prototype_mse_loss(const torch::Tensor& u, const torch::Tensor& targets);
// Cross-entropy over scaled cosine similarity to ALL C prototypes P (C×B) with an additive margin
// on the true class: logits = s·(cos(u, P_c) − m·[c = y]). Classes a client lacks still act as
// negatives. labels: N (int64). `logit_scale` (C, optional) multiplies each class's logits
// (FedRS: α for classes the client lacks); `logit_offset` (C, optional) is then added to every
// row's logits (logit adjustment: τ·log of the class prior).
torch::Tensor prototype_ce_loss(const torch::Tensor& u, const torch::Tensor& prototypes, const torch::Tensor& labels,
                                double scale, double margin, const torch::Tensor& logit_offset = {},
                                const torch::Tensor& logit_scale = {});
// cos(u_i, P_c): N×C, the similarity the cosine cross-entropy and the distillation share.
torch::Tensor cosine_to_prototypes(const torch::Tensor& u, const torch::Tensor& prototypes);

}  // namespace fedhap
