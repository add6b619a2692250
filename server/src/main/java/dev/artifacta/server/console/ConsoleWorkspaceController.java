package dev.artifacta.server.console;

import dev.artifacta.command.shared.Rejection;
import dev.artifacta.events.ApiScope;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.agents.AgentService;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.members.MemberService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workspace pages: its members and pending invitations (with the invite form for those who
 * manage members), and its agents. The same scopes as the API's {@code /v1/members},
 * {@code /v1/invitations} and {@code /v1/agents} are required, through the same services.
 */
@Hidden
@Controller("/console")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleWorkspaceController {

    private final ConsolePages pages;
    private final MemberService members;
    private final AgentService agents;

    public ConsoleWorkspaceController(ConsolePages pages, MemberService members, AgentService agents) {
        this.pages = pages;
        this.members = members;
        this.agents = agents;
    }

    @Get("/members")
    public HttpResponse<?> members(HttpRequest<?> request) {
        return pages.render(request, "console/members", "Members", "members", user -> {
            Principal reader = Principals.requireScope(user, ApiScope.MEMBERS_READ);
            Map<String, Object> model = new HashMap<>();
            model.put("members", members.list(reader));
            model.put("invitations", members.invitations(reader));
            model.put("canInvite", user.role().scopes().contains(ApiScope.MEMBERS_MANAGE.value()));
            model.put("roles", List.of("viewer", "editor", "admin"));
            return model;
        });
    }

    @Post("/members/invitations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> invite(HttpRequest<?> request, @Body @Nullable String body) {
        var signedIn = pages.user(request);
        if (signedIn.isEmpty()) {
            return pages.signIn(request);
        }
        Principal.User user = signedIn.get();
        Form form = Form.of(body);
        try {
            members.invite(
                    Principals.requireScope(user, ApiScope.MEMBERS_MANAGE),
                    form.value("email"),
                    form.value("role"),
                    RequestInfos.of(request));
        } catch (ProblemException | Rejection e) {
            ConsolePages.Refusal refusal = ConsolePages.refusal(e);
            return pages.page(
                            request,
                            user,
                            "console/error",
                            "Not invited",
                            "members",
                            Map.of("message", refusal.message(), "back", "/console/members"))
                    .status(refusal.status());
        }
        return ConsolePages.seeOther("/console/members");
    }

    @Get("/agents")
    public HttpResponse<?> agents(HttpRequest<?> request) {
        return pages.render(request, "console/agents", "Agents", "agents", user -> {
            Map<String, Object> model = new HashMap<>();
            model.put("agents", agents.list(Principals.requireScope(user, ApiScope.AGENTS_MANAGE)));
            return model;
        });
    }
}
