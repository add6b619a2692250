package dev.artifacta.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers Micronaut Security's refusals (a route marked for authenticated callers reached without
 * a credential) with the API's problem instead of an empty body.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthorizationProblemHandler implements ExceptionHandler<AuthorizationException, HttpResponse<Problem>> {

    private final MeterRegistry meters;

    public AuthorizationProblemHandler(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // Micronaut's ExceptionHandler declares the raw type.
    public HttpResponse<Problem> handle(HttpRequest request, AuthorizationException exception) {
        if (!exception.isForbidden()) {
            meters.counter("artifacta.auth.failures", "reason", "missing").increment();
        }
        ProblemException problem = exception.isForbidden()
                ? Problems.forbidden("forbidden", "This caller may not use this route.")
                : Problems.unauthenticated(
                        "This request needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
        return Problems.response(request, problem.problem(), problem.headers());
    }
}
