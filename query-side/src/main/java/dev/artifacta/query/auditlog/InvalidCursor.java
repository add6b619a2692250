package dev.artifacta.query.auditlog;

/** A cursor that this server did not hand out. */
public final class InvalidCursor extends IllegalArgumentException {

    public InvalidCursor() {
        super("The cursor is not one this API returned.");
    }
}
