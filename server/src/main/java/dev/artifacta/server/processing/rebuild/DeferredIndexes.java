package dev.artifacta.server.processing.rebuild;

import dev.artifacta.server.processing.config.ProcessorSettings;
import io.micronaut.transaction.SynchronousTransactionManager;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
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
     * side, each statement its own transaction and its own task: a session takes the next statement
     * as soon as its last one is built, so one large index does not leave the others idle. Fails
     * (and the caller drops the copy) at the first that fails; the statements not yet started are
     * dropped.
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
            CompletionService<Void> builds = new ExecutorCompletionService<>(builders);
            for (String index : indexes) {
                builds.submit(() -> transactions.executeWrite(status -> {
                    CopyTables.execute(status.getConnection(), index);
                    return null;
                }));
            }
            for (int i = 0; i < indexes.size(); i++) {
                builds.take().get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } finally {
            builders.shutdownNow();
        }
    }
}
