package dev.artifacta.server.http;

import java.util.Map;

/**
 * Thrown by the HTTP layer to answer with a problem (401, 403, 404, 429…); optional response
 * headers (such as {@code WWW-Authenticate} or {@code Retry-After}) travel with it.
 */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.getDetail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
