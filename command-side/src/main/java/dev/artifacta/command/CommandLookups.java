package dev.artifacta.command;

/**
 * The lookup tables the command side owns (credentials by hash, tenants by name). They are built
 * from events by subscribing handlers in this processing group, inside the transaction that appends
 * the events, so a revoked key is refused on the very next request and a taken name is never
 * handed out twice.
 */
public final class CommandLookups {

    /** The processing group of every same-transaction lookup projection. */
    public static final String PROCESSING_GROUP = "command-lookups";

    private CommandLookups() {}
}
