package dev.artifacta.server.processing.views;

import dev.artifacta.server.processing.store.DatabaseUnavailable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;

/**
 * Axon's tracking processor, back at work soon after a database outage. After a failed batch Axon
 * releases the segment and waits 1, 2, 4… up to 60 s before the next attempt, so that an event the
 * handlers cannot apply does not spin; after a database outage that back-off kept the views still
 * for up to a minute once the database was back (and every write's read-your-writes wait with
 * them). While this processor's transactions have lately failed because the database was out of
 * reach, a failed segment waits at most {@code artifacta.processors.outage-retry-interval} before
 * its next attempt (each attempt itself waits up to the pool's connection timeout, and so does
 * Axon's release of the segment's claim); otherwise Axon's back-off stays.
 *
 * <p>The processor's transactions note the outage (beginning, committing and rolling back are where
 * a lost database shows); the segment's error cannot tell: when a batch's transaction cannot begin,
 * Axon's {@code UnitOfWork.attachTransaction} rolls back a unit of work that has not started, and
 * its "incompatible phase" error replaces the database's. The note is per processor and lasts
 * {@link #OUTAGE_MEMORY}: a segment that failed for want of the database fails again within
 * seconds while it is gone, and resumes within seconds once it is back, so a segment still failing
 * after that fails for another reason (an event its handlers cannot apply) and gets Axon's
 * back-off again.
 */
final class OutageAwareTrackingProcessor extends TrackingEventProcessor {

    /** How long a failure for want of the database counts as the reason segments are failing. */
    static final Duration OUTAGE_MEMORY = Duration.ofSeconds(30);

    private final long outageRetryMillis;
    private final AtomicLong lastOutage;
    private final ColdViews cold;

    private OutageAwareTrackingProcessor(
            Builder builder, AtomicLong lastOutage, Duration outageRetryInterval, ColdViews cold) {
        super(builder);
        this.lastOutage = lastOutage;
        this.outageRetryMillis = outageRetryInterval.toMillis();
        this.cold = cold;
    }

    /**
     * The processor {@code builder} describes, its transactions from {@code transactions}, held
     * while {@code cold} says its view starts by a copy.
     */
    static OutageAwareTrackingProcessor build(
            Builder builder, TransactionManager transactions, Duration outageRetryInterval, ColdViews cold) {
        AtomicLong lastOutage = new AtomicLong(System.nanoTime() - OUTAGE_MEMORY.toNanos());
        builder.transactionManager(new NotingOutages(transactions, lastOutage));
        return new OutageAwareTrackingProcessor(builder, lastOutage, outageRetryInterval, cold);
    }

    /** Starts, unless the view is being built by a copy: {@link ColdViews#release} starts it then. */
    @Override
    public void start() {
        if (!cold.held(getName())) {
            super.start();
        }
    }

    /**
     * Whether segments of this processor are failing because the database is, or was until a
     * moment ago, out of reach: they resume once it is back.
     */
    boolean awaitingDatabase() {
        return outageLately() && processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
    }

    /**
     * Axon's processing loop calls this one-argument form only to wait before retrying a failed
     * segment (its worker launcher and claim polling use the two-argument form).
     */
    @Override
    protected void doSleepFor(long millisToSleep) {
        super.doSleepFor(outageLately() ? Math.min(millisToSleep, outageRetryMillis) : millisToSleep);
    }

    private boolean outageLately() {
        return System.nanoTime() - lastOutage.get() < OUTAGE_MEMORY.toNanos();
    }

    /** The processor's transactions, noting when one failed because the database was out of reach. */
    private record NotingOutages(TransactionManager transactions, AtomicLong lastOutage) implements TransactionManager {

        @Override
        public Transaction startTransaction() {
            Transaction transaction;
            try {
                transaction = transactions.startTransaction();
            } catch (RuntimeException | Error e) {
                note(e);
                throw e;
            }
            return new Transaction() {
                @Override
                public void commit() {
                    try {
                        transaction.commit();
                    } catch (RuntimeException | Error e) {
                        note(e);
                        throw e;
                    }
                }

                @Override
                public void rollback() {
                    try {
                        transaction.rollback();
                    } catch (RuntimeException | Error e) {
                        note(e);
                        throw e;
                    }
                }
            };
        }

        private void note(Throwable failure) {
            if (DatabaseUnavailable.causedBy(failure)) {
                lastOutage.set(System.nanoTime());
            }
        }
    }
}
