package dev.artifacta.cli;

/**
 * The exit statuses of {@code artifacta}, documented in docs/cli.md. Scripts branch on them, so a
 * value never changes meaning.
 */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The server failed (5xx), could not be reached, or anything not listed below. */
    public static final int ERROR = 1;
    /**
     * The command line or its input is invalid: unknown option, missing argument, a prompt needed
     * under {@code --no-input}, or a request the server refused as malformed (400, 413, 422).
     */
    public static final int USAGE = 2;
    /** No usable API key: none configured, or the server answered 401. */
    public static final int AUTHENTICATION = 3;
    /** The key may not do this (403: scope, role, plan, escalation). */
    public static final int PERMISSION = 4;
    /** The resource does not exist or is not visible to the key (404). */
    public static final int NOT_FOUND = 5;
    /** The request conflicts with the current state (409, 412). */
    public static final int CONFLICT = 6;
    /** The monthly quota is spent or too many failed attempts (429). */
    public static final int RATE_LIMITED = 7;
    /** {@code audit verify}: the export does not verify (tampered, incomplete or unsigned). */
    public static final int NOT_VERIFIED = 8;

    private ExitCodes() {}

    /** The exit status for an HTTP error status. */
    public static int forHttpStatus(int status) {
        return switch (status) {
            case 400, 413, 415, 422 -> USAGE;
            case 401 -> AUTHENTICATION;
            case 403 -> PERMISSION;
            case 404 -> NOT_FOUND;
            case 409, 412 -> CONFLICT;
            case 429 -> RATE_LIMITED;
            default -> ERROR;
        };
    }
}
