// t-SNE at sizes where the scalable parts take over: the grid repulsion's KL against the
// quadtree's, and 20,000 codes (above the grid's threshold, through the pivot index). Apart from
// test_embed_tsne because they take tens of seconds, minutes under ThreadSanitizer.
#include <QtTest>

#include "clustered_codes.h"
#include "embed/tsne.h"

using namespace fedhap;
using fedhap::test::Codes;
using fedhap::test::clustered_codes;
using fedhap::test::one_nn_accuracy;

class EmbedScaleTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void grid_repulsion_reaches_the_quadtree_kl() {
        // The grid in every iteration (normally only where it is cheaper) against the quadtree.
        const Codes c = clustered_codes(2500, 64, 8, 0.15, 41);
        TsneOptions o;
        o.threads = 2;
        o.repulsion = TsneRepulsion::QuadTree;
        TsneEmbedding tree(c.x, c.bits, o);
        o.repulsion = TsneRepulsion::Grid;
        TsneEmbedding grid(c.x, c.bits, o);
        tree.step(o.iterations);
        grid.step(o.iterations);
        const double kl_tree = tree.exact_kl_divergence(), kl_grid = grid.exact_kl_divergence();
        qInfo("KL quadtree %.4f, grid %.4f; 1-NN accuracy on the grid's map %.4f", kl_tree, kl_grid,
              one_nn_accuracy(grid.coordinates(), c.label));
        QVERIFY(kl_grid < kl_tree * 1.03);
        QVERIFY(one_nn_accuracy(grid.coordinates(), c.label) >= 0.99);
        // That grid iterations do not depend on the thread count: test_embed_tsne (also under TSan).
    }

    void above_the_grid_threshold_clusters_stay_separated() {
        // 20,000 codes: the pivot index and, in the compact iterations, the grid.
        const Codes c = clustered_codes(20000, 64, 10, 0.1, 42);
        TsneOptions o;
        o.threads = 2;
        TsneEmbedding e(c.x, c.bits, o);
        e.step(o.iterations);
        const double acc = one_nn_accuracy(e.coordinates(), c.label);
        qInfo("20,000 codes: 1-NN accuracy %.4f, KL (Barnes-Hut estimate) %.4f", acc, e.kl_divergence());
        QVERIFY(acc >= 0.99);
    }

};

QTEST_APPLESS_MAIN(EmbedScaleTest)
#include "test_embed_scale.moc"
