package dev.artifacta.server.console;

import dev.artifacta.server.access.Principal;
import dev.artifacta.server.http.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A person in the console gets a page, not JSON, when something is refused or missing: every
 * {@code application/problem+json} answer under {@code /console} (an unknown page, a refusal by the
 * policy, a failed request) becomes the console's error page with the same status, the problem's
 * detail and a link back. The problem is answered first by the API's own handlers, so a denial is
 * recorded in the audit trail exactly as for the API; only its rendering changes here.
 */
@ServerFilter({"/console", "/console/**"})
public class ConsoleErrorPages {

    private final ConsolePages pages;

    public ConsoleErrorPages(ConsolePages pages) {
        this.pages = pages;
    }

    @ResponseFilter
    public MutableHttpResponse<?> render(HttpRequest<?> request, MutableHttpResponse<?> response) {
        boolean problem = response.getContentType()
                .map(type -> type.toString().startsWith(Problem.CONTENT_TYPE))
                .orElse(false);
        if (!problem || request.getPath().startsWith("/console/assets/")) {
            return response;
        }
        Optional<Problem> body = response.getBody(Problem.class);
        int status = response.code();
        Map<String, Object> model = new HashMap<>();
        model.put("title", body.map(Problem::getTitle).orElse(status == 404 ? "Not found" : "Not done"));
        model.put(
                "message",
                body.filter(p -> !p.getType().equals(Problem.TYPE_BASE + "not-found"))
                        .map(ConsoleErrorPages::message)
                        .orElse(
                                status == 404
                                        ? "There is no console page at " + request.getPath() + "."
                                        : "The console could not do that."));
        model.put("problem", body.map(Problem::getType).orElse(null));
        model.put("back", request.getPath().startsWith("/console/shared/") ? null : "/console");
        Optional<Principal.User> user = signedIn(request);
        if (user.isPresent()) {
            model.putAll(pages.layout(request, user.get(), (String) model.get("title"), "error"));
            model.put("title", body.map(Problem::getTitle).orElse("Not done"));
        }
        MutableHttpResponse<String> page = pages.html(request, "console/error", model);
        page.status(HttpStatus.valueOf(status));
        response.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> page.header(name, value));
            }
        });
        return page.contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8");
    }

    private Optional<Principal.User> signedIn(HttpRequest<?> request) {
        try {
            return pages.user(request);
        } catch (RuntimeException e) {
            // A request refused before the security layer ran (a malformed one) has no principal.
            return Optional.empty();
        }
    }

    private static String message(Problem problem) {
        return problem.getDetail() == null ? problem.getTitle() : problem.getDetail();
    }
}
