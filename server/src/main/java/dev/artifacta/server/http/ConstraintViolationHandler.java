package dev.artifacta.server.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A well-formed request whose fields break the declared constraints gets 422 with one entry per
 * field. (Syntax errors, wrong JSON types and unknown fields get 400 from Micronaut's handlers.)
 */
@Singleton
@Replaces(ConstraintExceptionHandler.class)
public class ConstraintViolationHandler
        implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {

    @Override
    @SuppressWarnings("rawtypes") // Micronaut's ExceptionHandler declares the raw type.
    public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException exception) {
        List<Map<String, String>> errors = exception.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> field(v.getPropertyPath())))
                .map(v -> Map.of("field", field(v.getPropertyPath()), "message", v.getMessage()))
                .toList();
        String detail = errors.stream()
                .map(e -> e.get("field") + ": " + e.get("message"))
                .collect(Collectors.joining("; "));
        return Problems.response(
                request,
                Problem.of("invalid-request", "Invalid request", 422, detail).with("errors", errors));
    }

    /** The JSON field path, without the method and parameter names validation puts first. */
    private static String field(Path path) {
        List<String> names = StreamSupport.stream(path.spliterator(), false)
                .map(node -> node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName())
                .filter(name -> name != null && !name.isEmpty())
                .toList();
        return names.size() > 2 ? String.join(".", names.subList(2, names.size())) : String.join(".", names);
    }
}
