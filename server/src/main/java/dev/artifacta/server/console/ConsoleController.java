package dev.artifacta.server.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;

/**
 * The console's front door: {@code GET /} sends a browser to {@code /console}, whose overview links
 * to each page; a browser that is not signed in gets the sign-in page instead. Routes of the
 * console are HTML for people, not the API: they stay out of the OpenAPI document.
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleController {

    private final ConsolePages pages;

    public ConsoleController(ConsolePages pages) {
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> root() {
        return ConsolePages.seeOther("/console");
    }

    @Get("/console")
    public HttpResponse<?> overview(HttpRequest<?> request) {
        return pages.render(request, "console/overview", "Overview", "overview", user -> Map.of());
    }
}
