package dev.artifacta.server.http;

import dev.artifacta.command.shared.Rejection;
import dev.artifacta.events.AccessDenied;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a business rejection from the command side with its problem. */
@Singleton
public class RejectionHandler implements ExceptionHandler<Rejection, HttpResponse<Problem>> {

    private final DeniedRequests denials;

    public RejectionHandler(DeniedRequests denials) {
        this.denials = denials;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // Micronaut's ExceptionHandler declares the raw type.
    public HttpResponse<Problem> handle(HttpRequest request, Rejection rejection) {
        if (rejection.kind() == Rejection.Kind.FORBIDDEN) {
            // The only forbidden business rejection is a feature the tenant's plan lacks.
            denials.record(request, AccessDenied.PLAN, rejection.type());
        }
        return Problems.response(request, toProblem(rejection));
    }

    static Problem toProblem(Rejection rejection) {
        Problem problem =
                switch (rejection.kind()) {
                    case NOT_FOUND -> Problem.of(rejection.type(), "Not found", 404, rejection.detail());
                    case CONFLICT -> Problem.of(rejection.type(), "Conflict", 409, rejection.detail());
                    case INVALID -> Problem.of(rejection.type(), "Invalid request", 422, rejection.detail());
                    case FORBIDDEN -> Problem.of(rejection.type(), "Forbidden", 403, rejection.detail());
                    case PRECONDITION_FAILED ->
                        Problem.of(rejection.type(), "Precondition failed", 412, rejection.detail());
                };
        for (var property : rejection.properties().entrySet()) {
            problem = problem.with(property.getKey(), property.getValue());
        }
        return problem;
    }
}
