package dev.artifacta.query.infrastructure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a projection as a streaming view, beside its {@code @ProcessingGroup} (whose name is the
 * view's and its processor's name). The server discovers every bean that carries it: it runs a
 * tracking processor for it, lists it among the projections, waits for it after every write
 * (read-your-writes), checksums its tables and rebuilds it. A new view needs this projection and
 * the migration that creates its tables, nothing else.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StreamingView {

    /**
     * The view's tables, in the order its checksum covers them; a rebuild copies and swaps exactly
     * these.
     */
    String[] tables();

    /**
     * Where the view comes among the views (lowest first): in the projection list and when every
     * view is rebuilt. Unique among the views; a new view takes the next free number.
     */
    int order();

    /**
     * Tables of the view that a rebuild's load fills with no key and no index: while the load hands
     * the view every event exactly once, its handlers only add rows to these tables and look none up
     * (they skip their check for already applied events when {@link BatchWrites#isLoad()} says so).
     * Their primary keys and unique constraints are added once the load is done, which checks them,
     * before the copy's processor goes on from the load. Kept on every insert, the audit log's two
     * keys made its {@code COPY} of 1M entries cost PostgreSQL 14.0 s instead of 6.2 s.
     */
    String[] keyedAfterLoad() default {};

    /** Which of the view's events are applied one after another, in the order of the stream. */
    Sequencing sequencing() default Sequencing.PER_AGGREGATE;

    /** How a view's processor spreads events over its segments. */
    enum Sequencing {
        /** An aggregate's events in order (Axon's default); different aggregates in parallel. */
        PER_AGGREGATE,
        /**
         * A tenant's events in order, on one segment; different tenants in parallel. For views that
         * chain a tenant's entries (the audit log).
         */
        PER_TENANT
    }
}
