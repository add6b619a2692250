package dev.artifacta.server.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a {@link ProblemException} with its problem and headers. */
@Singleton
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    private final DeniedRequests denials;

    public ProblemExceptionHandler(DeniedRequests denials) {
        this.denials = denials;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // Micronaut's ExceptionHandler declares the raw type.
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        exception
                .denialReason()
                .ifPresent(reason -> denials.record(
                        request, reason, slugOf(exception.problem().getType())));
        return Problems.response(request, exception.problem(), exception.headers());
    }

    private static String slugOf(String type) {
        return type.startsWith(Problem.TYPE_BASE) ? type.substring(Problem.TYPE_BASE.length()) : type;
    }
}
