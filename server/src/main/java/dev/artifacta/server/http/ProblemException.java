package dev.artifacta.server.http;

import java.util.Map;

/**
 * Thrown by the HTTP layer to answer with a problem (401, 403, 404, 429…); optional response
 * headers (such as {@code WWW-Authenticate} or {@code Retry-After}) travel with it.
 */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Map<String, String> headers;
    private final String deniedFor;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        this(problem, headers, null);
    }

    private ProblemException(Problem problem, Map<String, String> headers, String deniedFor) {
        super(problem.getDetail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
        this.deniedFor = deniedFor;
    }

    /**
     * The same problem, marked as an access refusal for a reason ({@code scope}, {@code role},
     * {@code plan}, {@code tenant}): when the caller holds a valid key, the audit trail records it.
     */
    public ProblemException deniedFor(String reason) {
        return new ProblemException(problem, headers, reason);
    }

    /** Why access was refused, when this problem is an access refusal. */
    public java.util.Optional<String> denialReason() {
        return java.util.Optional.ofNullable(deniedFor);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
