package dev.artifacta.server.processing.rebuild;

import dev.artifacta.server.processing.config.ProcessorSettings;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
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
     * side, each statement its own transaction; a session takes the next statement as soon as its
     * last one is built, so one large index does not leave the other sessions idle with their
     * shares done. Fails (and the caller drops the copy) if any of them fails.
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
        Queue<String> next = new ConcurrentLinkedQueue<>(indexes);
        try {
            var builds = new ArrayList<CompletableFuture<Void>>();
            for (int session = 0; session < sessions; session++) {
                builds.add(CompletableFuture.runAsync(
                        () -> {
                            for (String index = next.poll(); index != null; index = next.poll()) {
                                String statement = index;
                                try {
                                    transactions.executeWrite(status -> {
                                        CopyTables.execute(status.getConnection(), statement);
                                        return null;
                                    });
                                } catch (RuntimeException e) {
                                    next.clear(); // the copy is dropped: the other sessions stop too
                                    throw e;
                                }
                            }
                        },
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
