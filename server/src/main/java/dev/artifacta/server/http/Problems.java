package dev.artifacta.server.http;

import dev.artifacta.events.AccessDenied;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.Map;

/** The problems the HTTP layer answers with, and how a problem becomes a response. */
public final class Problems {

    private Problems() {}

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, Problem problem) {
        return response(request, problem, Map.of());
    }

    public static MutableHttpResponse<Problem> response(
            HttpRequest<?> request, Problem problem, Map<String, String> headers) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(HttpStatus.valueOf(problem.getStatus()))
                .body(request == null ? problem : problem.at(request.getPath()))
                .contentType(MediaType.of(Problem.CONTENT_TYPE));
        headers.forEach(response::header);
        return response;
    }

    public static ProblemException unauthenticated(String detail) {
        return new ProblemException(
                Problem.of("unauthenticated", "Authentication required", 401, detail),
                Map.of("WWW-Authenticate", "Bearer realm=\"artifacta\""));
    }

    /** The caller is a share link or the public, and the action needs a person or an agent. */
    public static ProblemException identityRequired(String detail) {
        return new ProblemException(
                Problem.of("identity-required", "A person or an agent is required", 401, detail),
                Map.of("WWW-Authenticate", "Bearer realm=\"artifacta\""));
    }

    public static ProblemException missingScope(String scope) {
        return new ProblemException(Problem.of(
                                "insufficient-scope",
                                "Missing scope",
                                403,
                                "This API key lacks the scope '" + scope + "' that this request needs.")
                        .with("requiredScope", scope))
                .deniedFor(AccessDenied.SCOPE);
    }

    public static ProblemException forbidden(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Forbidden", 403, detail));
    }

    public static ProblemException notFound(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Not found", 404, detail));
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Bad request", 400, detail));
    }

    public static ProblemException invalid(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Invalid request", 422, detail));
    }
}
