package dev.artifacta.server.http;

import dev.artifacta.events.AccessDenied;
import dev.artifacta.server.access.Principal;
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

    /** The caller lacks a scope, when what the caller is is not known here. */
    public static ProblemException missingScope(String scope) {
        return scopeProblem(scope, "This credential lacks the scope '" + scope + "' that this request needs.");
    }

    /** The caller lacks a scope, said for what the caller is (a key, an OAuth client's token, a person). */
    public static ProblemException missingScope(String scope, Principal caller) {
        String quoted = "the scope '" + scope + "' that this request needs";
        String detail =
                switch (caller) {
                    case Principal.ApiKey key -> "This API key lacks " + quoted + ".";
                    case Principal.OAuthClient client ->
                        client.scopes().contains(scope)
                                ? "The person the OAuth client '" + client.name() + "' acts for has a role without "
                                        + quoted + "."
                                : "This access token of the OAuth client '" + client.name() + "' was not granted "
                                        + quoted + ".";
                    case Principal.User user -> "Your role (" + user.role().value() + ") lacks " + quoted + ".";
                    case Principal.Agent agent -> "The agent '" + agent.name() + "' lacks " + quoted + ".";
                    case Principal.ShareLink link -> "A share link lacks " + quoted + ".";
                    case Principal.Service service -> "This caller lacks " + quoted + ".";
                    case Principal.Anonymous anonymous -> "An anonymous caller lacks " + quoted + ".";
                };
        return scopeProblem(scope, detail);
    }

    private static ProblemException scopeProblem(String scope, String detail) {
        return new ProblemException(Problem.of("insufficient-scope", "Missing scope", 403, detail)
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
