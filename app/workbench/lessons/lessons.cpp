#include "lessons/lessons.h"

#include <QCoreApplication>
#include <QStringList>

#include "method/method_options.h"

namespace fedhap::workbench {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("Lessons", text); }

void split(ExperimentConfig& c, PartitionScheme scheme) {
    c.partition.scheme = scheme;
    c.partition.alpha = 0.1;
    c.partition.classes_per_client = 2;
}

auto method(Method m) {
    return [m](ExperimentConfig& c) {
        c.method = method_preset(m);
        c.eval_every = 1;  // a point on the mAP curve every round
    };
}

Lesson non_iid() {
    Lesson l{"non-iid", tr("What non-IID means"), 0, {}, {}};
    l.splits = {{tr("IID"), [](ExperimentConfig& c) { split(c, PartitionScheme::Iid); }},
                {tr("Dirichlet α = 0.1"), [](ExperimentConfig& c) { split(c, PartitionScheme::Dirichlet); }},
                {tr("two classes per client"), [](ExperimentConfig& c) { split(c, PartitionScheme::Pathological); }}};
    l.steps = {
        {tr("Ten silos, one training set"),
         tr("Each row of the heat map is a client — a hospital, a bank, a phone — and each column a class. "
            "<b>IID</b>: the training images are dealt out at random, so every client sees every class in about "
            "the same proportion. The rows look alike."),
         ViewId::Partition, LessonAction::Configure, l.splits[0].second},
        {tr("Skewed silos: Dirichlet α = 0.1"),
         tr("Real silos are not alike. Here each client's class mix is drawn from a Dirichlet distribution with "
            "<b>α = 0.1</b>: the smaller α, the more a few classes dominate a row. Most clients hold two or three "
            "classes, some almost one."),
         ViewId::Partition, LessonAction::Configure, l.splits[1].second},
        {tr("The extreme: two classes per client"),
         tr("The <b>pathological</b> split gives each client exactly two classes. A client never sees the other "
            "eight: trained alone, it cannot tell them apart, and its updates pull the shared model towards its "
            "own two classes."),
         ViewId::Partition, LessonAction::Configure, l.splits[2].second},
        {tr("Side by side"),
         tr("The same 5,000 training images, three ways. Federated methods must learn one hash function from "
            "clients like the middle and right ones — without ever pooling the images."),
         ViewId::Splits, LessonAction::CompareSplits, nullptr},
    };
    return l;
}

Lesson fedavg_breaks() {
    Lesson l{"fedavg-breaks", tr("Why FedAvg breaks"), 5, {}, {}};
    l.steps = {
        {tr("FedAvg with a DPSH loss"),
         tr("<b>FedAvg</b>: every round each client trains the shared model on its own images, then the server "
            "averages the weights. With the skewed Dirichlet α = 0.1 split each client's update serves its own "
            "few classes. Watch the mAP curve and the loss of each client."),
         ViewId::Curves, LessonAction::Train, [](ExperimentConfig& c) {
             split(c, PartitionScheme::Dirichlet);
             method(Method::FedAvgDpsh)(c);
         }},
        {tr("FedHAP on the same clients"),
         tr("<b>FedHAP</b> adds one hash code per class — a <i>prototype</i> — that clients send up and the server "
            "averages into global prototypes. Each client pulls its codes towards the global prototypes of "
            "their classes, so the classes a client never sees keep their place."),
         ViewId::Curves, LessonAction::Train, [](ExperimentConfig& c) {
             split(c, PartitionScheme::Dirichlet);
             method(Method::FedHap)(c);
         }},
        {tr("The race, on one chart"),
         tr("Both runs' mAP per round, overlaid: same seed, same clients, same rounds; the table gives each run's "
            "final mAP@all. One seed is an anecdote. Measured over seeds 0–2 with the classroom's 20 rounds: "
            "FedAvg-DPSH 0.355 ± 0.037, FedHAP 0.709 ± 0.050. Most of the gap is the loss: FedAvg with FedHAP's "
            "own loss (fedavg-ce, no prototypes exchanged) reaches 0.681 ± 0.041 (docs/RESULTS.md)."),
         ViewId::Runs, LessonAction::Show, nullptr},
    };
    return l;
}

Lesson prototypes() {
    Lesson l{"prototypes", tr("What a prototype is"), 5, {}, {}};
    auto fedhap = [](ExperimentConfig& c) {
        split(c, PartitionScheme::Dirichlet);
        method(Method::FedHap)(c);
    };
    l.steps = {
        {tr("One code per class"),
         tr("After one round of FedHAP: each row is the <b>global prototype</b> of a class — the sign of the "
            "clients' mean codes for that class, weighted by how many images each holds; one ±1 cell per bit. A client only sends prototypes of "
            "classes it holds."),
         ViewId::Prototypes, LessonAction::TrainOneRound, fedhap},
        {tr("Prototypes settle"),
         tr("Training carries on. The outlined cells are bits that flipped this round: early on many flip, then "
            "fewer as the prototypes settle. The matrix on the right is the Hamming distance between each pair of "
            "prototypes: far apart is what makes classes easy to tell apart by code."),
         ViewId::Prototypes, LessonAction::Resume, nullptr},
        {tr("Codes around their prototypes"),
         tr("The database images' codes laid out in 2-D by t-SNE, coloured by class, with the prototypes "
            "marked ◆: classes whose codes the network tells apart get regions of their own, each with its "
            "prototype beside it (t-SNE keeps neighbours together, not distances: a diamond marks its class's "
            "region, not its centre). Hover a point to see its image."),
         ViewId::Embedding, LessonAction::Show, nullptr},
    };
    return l;
}

Lesson retrieval() {
    Lesson l{"retrieval", tr("Is retrieval good?"), 5, {}, {}};
    l.steps = {
        {tr("After one round"),
         tr("Retrieval: a query image's code is compared with every database code; the closest in Hamming "
            "distance come back first. ✓ marks an image of the query's class, × one of another. After one round "
            "the network has barely learned: many ×."),
         ViewId::Retrieval, LessonAction::TrainOneRound,
         [](ExperimentConfig& c) {
             split(c, PartitionScheme::Dirichlet);
             method(Method::FedHap)(c);
         },
         true},
        {tr("After the last round"),
         tr("The same query after every round has run (the picture of round 1 is kept beside this text). "
            "The precision–recall curve over Hamming radius climbs: mAP sums it up in one number."),
         ViewId::Retrieval, LessonAction::Resume, nullptr},
    };
    return l;
}

// Measured over seeds (docs/RESULTS.md), quoted by the lesson's last step.
const char* const kPartsVerdict = QT_TRANSLATE_NOOP(
    "Lessons",
    "The three runs' mAP per round, overlaid. One seed is an anecdote: measured at Dir α = 0.1 over seeds 0–4 "
    "(docs/RESULTS.md), FedHAP 0.708 ± 0.038 against fedavg-ce 0.686 ± 0.034. Most of that gap is the logit "
    "adjustment (0.027 lower without it, on every seed); the discriminator adds 0.009 over eight seeds, just "
    "above noise, and the learned prototypes nothing measurable.");

Lesson parts() {
    Lesson l{"fedhap-parts", tr("Which of FedHAP's parts help"), 5, {}, {}};
    auto fedhap_without = [](std::function<void(MethodOptions&)> change) {
        return [change](ExperimentConfig& c) {
            split(c, PartitionScheme::Dirichlet);
            method(Method::FedHap)(c);
            if (change) change(c.method);
        };
    };
    l.steps = {
        {tr("FedHAP, every part on"),
         tr("FedHAP on the skewed Dirichlet α = 0.1 clients, as the classroom runs it: the cosine cross-entropy to "
            "the global prototypes, prototypes learned from the clients' codes, logit adjustment by each client's "
            "own class mix, and the discriminator."),
         ViewId::Curves, LessonAction::Train, fedhap_without(nullptr)},
        {tr("The same loss, nothing else"),
         tr("<b>fedavg-ce</b> keeps FedHAP's loss but turns its three parts off: the prototypes stay fixed "
            "Hadamard centres, no discriminator, no logit adjustment. Only weights travel."),
         ViewId::Curves, LessonAction::Train, [](ExperimentConfig& c) {
             split(c, PartitionScheme::Dirichlet);
             method(Method::FedAvgCe)(c);
         }},
        {tr("FedHAP without its discriminator"),
         tr("FedHAP again, with only the discriminator turned off: prototypes are still learned and exchanged."),
         ViewId::Curves, LessonAction::Train, fedhap_without([](MethodOptions& m) { m.adversarial = false; })},
        {tr("What the seeds say"),
         tr(kPartsVerdict),
         ViewId::Runs, LessonAction::Show, nullptr},
    };
    return l;
}

}  // namespace

const std::vector<Lesson>& lessons() {
    static const std::vector<Lesson> all{non_iid(), fedavg_breaks(), prototypes(), parts(), retrieval()};
    return all;
}

const Lesson* find_lesson(const QString& name) {
    for (const Lesson& l : lessons())
        if (l.name == name) return &l;
    return nullptr;
}

QString lesson_names() {
    QStringList names;
    for (const Lesson& l : lessons()) names << l.name;
    return names.join(", ");
}

}  // namespace fedhap::workbench
