package dev.artifacta.command.shared;

/** A command broke a rule of the domain (for example an expiry in the past). */
public final class InvalidRequest extends Rejection {

    public InvalidRequest(String type, String detail) {
        super(Kind.INVALID, type, detail);
    }
}
