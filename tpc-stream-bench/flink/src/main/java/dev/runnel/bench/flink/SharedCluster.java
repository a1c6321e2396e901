package dev.runnel.bench.flink;

import java.util.stream.Stream;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * One MiniCluster for the whole process, made the context execution environment, so that every job
 * of every table environment runs on it: Flink's default local executor would start and stop a
 * cluster per job, and every measured run would pay for that. (The idea is the shared oracle's.)
 */
final class SharedCluster extends StreamExecutionEnvironment {
    private static final String TARGET = "runnel-bench-shared-minicluster";

    private SharedCluster(PipelineExecutorServiceLoader loader, Configuration conf) {
        super(loader, conf, null);
    }

    /** Starts the cluster (one task manager, {@code slots} slots) and installs it as the context environment. */
    static MiniCluster start(Configuration base, int slots) throws Exception {
        Configuration conf = new Configuration(base);
        if (!conf.contains(RestOptions.BIND_PORT)) {
            conf.set(RestOptions.BIND_PORT, "0");
        }
        MiniCluster mc = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(slots)
                .setRpcServiceSharing(RpcServiceSharing.SHARED).build());
        mc.start();
        PipelineExecutor executor = (pipeline, configuration, classLoader) -> {
            StreamGraph graph = PipelineExecutorUtils.getStreamGraph(pipeline, configuration);
            graph.serializeUserDefinedInstances();
            return mc.submitJob(graph).thenApply(r -> (JobClient) new MiniClusterJobClient(r.getJobID(), mc,
                    classLoader, MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
        };
        PipelineExecutorFactory factory = new PipelineExecutorFactory() {
            @Override
            public String getName() {
                return TARGET;
            }

            @Override
            public boolean isCompatibleWith(Configuration configuration) {
                return true;
            }

            @Override
            public PipelineExecutor getExecutor(Configuration configuration) {
                return executor;
            }
        };
        PipelineExecutorServiceLoader loader = new PipelineExecutorServiceLoader() {
            @Override
            public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
                return factory;
            }

            @Override
            public Stream<String> getExecutorNames() {
                return Stream.of(TARGET);
            }
        };
        initializeContextEnvironment(c -> {
            Configuration merged = new Configuration(base);
            merged.addAll(c);
            merged.set(DeploymentOptions.TARGET, TARGET);
            return new SharedCluster(loader, merged);
        });
        return mc;
    }

    static void stop(MiniCluster mc) throws Exception {
        resetContextEnvironment();
        mc.closeAsync().get();
    }
}
