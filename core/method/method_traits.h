#pragma once
// Which settings of a method take effect under its switches: one function of the switches, so
// the workbench greys out what does not apply without comparing names, and the CLI and a sweep
// can tell the same. Adding a switch: its field here, set in method_traits().
#include "method/method_options.h"

namespace fedhap {

struct MethodTraits {
    bool similarity_term = false;     // λ_sim applies: a pairwise similarity loss is on
    bool prototype_term = false;      // λ_p applies: codes are pulled towards global prototypes
    bool cosine_ce_term = false;      // the cosine cross-entropy's scale, margin and logit adjustment apply
    bool adversarial_term = false;    // λ_a, the discriminator's input, noise and sharing apply
    bool separation_guard = false;    // proto_min_distance applies: learned ±1 prototypes
    bool distillation_term = false;   // λ_ntd and its temperature apply: logits over prototypes exist
    bool smoothed_prototypes = false; // proto_smoothing applies: the smoothed-mean rule
    bool shares_weights = false;      // one global model (else every client keeps its own)
    bool shares_prototypes = false;   // clients upload local prototypes, the server aggregates them
};

MethodTraits method_traits(const MethodOptions& options);

}  // namespace fedhap
