#include "method/method_traits.h"

#include "method/prototype_aggregation.h"

namespace fedhap {

MethodTraits method_traits(const MethodOptions& o) {
    MethodTraits t;
    t.similarity_term = o.similarity != SimilarityLoss::None;
    t.prototype_term = o.prototype_loss != PrototypeLoss::None;
    t.cosine_ce_term = o.prototype_loss == PrototypeLoss::Ce;
    t.adversarial_term = o.adversarial;
    const AggregationTraits rule = aggregation_traits(o.aggregation);
    t.separation_guard = rule.learned && rule.binary;
    t.distillation_term = t.prototype_term;
    t.smoothed_prototypes = o.aggregation == PrototypeAggregation::SmoothedMean;
    t.shares_weights = shares_weights(o.upload);
    t.shares_prototypes = shares_prototypes(o.upload);
    return t;
}

}  // namespace fedhap
