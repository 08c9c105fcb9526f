#include "crosssilo/serve.h"

#include <malloc.h>

#include "crosssilo/c10d_link.h"
#include "crosssilo/remote_client_pool.h"
#include "crosssilo/silo_protocol.h"

namespace fedhap {

RunSummary serve_experiment(const ExperimentConfig& config, const RunOptions& options, const ServeSettings& settings,
                            RunObserver& observer, SiloObserver& silos, StopToken& stop) {
    validate_config(config);
    if (config.pooled || config.method.method == Method::Centralized)
        throw std::invalid_argument("serve: a pooled or centralized run has one node and no silos; use fedhap run");
    if (!shares_weights(config.method.upload))
        throw std::invalid_argument("serve: method '" + to_string(config.method.method) +
                                    "' keeps every silo's weights local, so the server has no model to evaluate");
    if (is_wildcard_address(settings.listen.host))
        throw std::invalid_argument("serve: --listen needs the address silos reach this machine at, not " +
                                    settings.listen.host);
    // A thread per silo exchange and Gloo's own threads would each get a malloc arena holding
    // freed message buffers: measured +180 MiB peak on the classroom run with 10 silos.
    mallopt(M_ARENA_MAX, 2);
    const auto store = RendezvousStore::host(settings.listen.host, settings.listen.port, settings.connect_timeout);
    const Endpoint actual{settings.listen.host, store->port()};
    silos.on_listening(to_string(actual));
    const SessionId session = random_session();

    RunOptions remote = options;
    remote.client_pool = [&](const FederationSetup& setup) -> std::unique_ptr<ClientPool> {
        const FederationBrief brief{config, setup.classes, setup.net};
        store->set(silo_keys::kConfig, seal({FrameKind::Config, 0, 0, session, encode(brief)}, settings.key));
        RemotePoolSettings pool;
        pool.store_host = actual.host;
        pool.store_port = actual.port;
        pool.gloo_host = actual.host;
        pool.key = settings.key;
        pool.session = session;
        pool.round_timeout = settings.round_timeout;
        pool.join_timeout = settings.join_timeout;
        pool.connect_timeout = settings.connect_timeout;
        return std::make_unique<RemoteClientPool>(setup, pool, silos);
    };
    return run_experiment(config, remote, observer, stop);
}

}  // namespace fedhap
