#include "method/local_loss.h"

#include <torch/torch.h>

#include "losses/adversarial_loss.h"
#include "losses/distillation.h"
#include "losses/dpsh_loss.h"
#include "losses/prototype_losses.h"
#include "losses/regularizers.h"

namespace fedhap {
namespace {

// The pull of the codes whose class has a global prototype towards it.
torch::Tensor prototype_pull(const MethodOptions& o, const LossBatch& b) {
    const torch::Tensor uk = b.codes.index_select(0, b.with_prototype), yk = b.labels.index_select(0, b.with_prototype);
    switch (o.prototype_loss) {
        case PrototypeLoss::Bce: return prototype_bce_loss(uk, b.prototypes.index_select(0, yk));
        case PrototypeLoss::Mse: return prototype_mse_loss(uk, b.prototypes.index_select(0, yk));
        case PrototypeLoss::Ce:
            return prototype_ce_loss(uk, b.prototypes, yk, o.ce_scale, o.ce_margin, b.logit_offset, b.logit_scale);
        case PrototypeLoss::None: break;
    }
    return {};
}

// The student's and the teacher's cosine logits over all prototypes (no margin: the distillation
// compares the two models' views, not the training target).
torch::Tensor not_true_term(const MethodOptions& o, const LossBatch& b) {
    const torch::Tensor student = o.ce_scale * cosine_to_prototypes(b.codes, b.prototypes);
    const torch::Tensor teacher = o.ce_scale * cosine_to_prototypes(b.teacher_codes, b.prototypes);
    return not_true_distillation(student, teacher, b.labels, o.ntd_temperature);
}

}  // namespace

torch::Tensor discriminator_view(const torch::Tensor& rows, DiscriminatorInput input) {
    switch (input) {
        case DiscriminatorInput::Raw: return rows;
        case DiscriminatorInput::Direction: return code_directions(rows);
    }
    return rows;
}

torch::Tensor local_loss(const MethodOptions& o, const LossBatch& b, const LossModels& m) {
    const torch::Tensor& u = b.codes;
    torch::Tensor loss = torch::zeros({}, u.options());
    if (o.similarity == SimilarityLoss::Dpsh) loss = loss + o.lambda_similarity * dpsh_loss(u, b.labels);
    if (b.prototypes.defined() && o.prototype_loss != PrototypeLoss::None && b.with_prototype.numel() > 0)
        loss = loss + o.lambda_prototype * prototype_pull(o, b);
    if (o.lambda_not_true > 0 && b.teacher_codes.defined() && b.prototypes.defined())
        loss = loss + o.lambda_not_true * not_true_term(o, b);
    if (o.lambda_quantization > 0) loss = loss + o.lambda_quantization * quantization_loss(u);
    if (o.lambda_decorrelation > 0) loss = loss + o.lambda_decorrelation * decorrelation_loss(u);
    if (o.adversarial && b.prototypes.defined()) {
        const torch::Tensor onehot = torch::nn::functional::one_hot(b.labels, b.classes).to(u.dtype());
        loss = loss + o.lambda_adversarial * generator_loss(m.discriminate(discriminator_view(u, o.disc_input), onehot));
    }
    if (o.fedprox_mu > 0 && m.anchor && !m.anchor->empty()) loss = loss + proximal_term(*m.network, *m.anchor, o.fedprox_mu);
    return loss;
}

}  // namespace fedhap
