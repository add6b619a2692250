package dev.artifacta.server.processing.rebuild;

import dev.artifacta.server.processing.config.ProcessorSettings;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds a copy's plain indexes once the copy is full ({@link CopyTables#create} defers them):
 * building an index over the finished table is much cheaper than maintaining it on every insert.
 */
@Singleton
class DeferredIndexes {

    private final SynchronousTransactionManager<Connection> transactions;
    private final ProcessorSettings settings;

    DeferredIndexes(SynchronousTransactionManager<Connection> transactions, ProcessorSettings settings) {
        this.transactions = transactions;
        this.settings = settings;
    }

    /**
     * Runs the {@code CREATE INDEX} statements in {@code rebuild-index-builds} sessions side by
     * side, each its own transaction; fails (and the caller drops the copy) if any of them fails.
     */
    void build(List<String> indexes) throws InterruptedException {
        int sessions = Math.min(settings.getRebuildIndexBuilds(), indexes.size());
        if (sessions == 0) {
            return;
        }
        ExecutorService builders = Executors.newFixedThreadPool(sessions, task -> {
            Thread thread = new Thread(task, "view-rebuild-index");
            thread.setDaemon(true);
            return thread;
        });
        try {
            var builds = new ArrayList<CompletableFuture<Void>>();
            for (int session = 0; session < sessions; session++) {
                List<String> share = new ArrayList<>();
                for (int i = session; i < indexes.size(); i += sessions) {
                    share.add(indexes.get(i));
                }
                builds.add(CompletableFuture.runAsync(
                        () -> transactions.executeWrite(status -> {
                            for (String index : share) {
                                CopyTables.execute(status.getConnection(), index);
                            }
                            return null;
                        }),
                        builders));
            }
            CompletableFuture.allOf(builds.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } finally {
            builders.shutdownNow();
        }
    }
}
