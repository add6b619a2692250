package dev.artifacta.server.console;

import dev.artifacta.command.shared.Rejection;
import dev.artifacta.events.ApiScope;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.access.Role;
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
import io.micronaut.http.annotation.QueryValue;
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
    public HttpResponse<?> members(HttpRequest<?> request, @Nullable @QueryValue String done) {
        return pages.render(request, "console/members", "Members", "members", user -> {
            Principal reader = Principals.requireScope(user, ApiScope.MEMBERS_READ);
            Map<String, Object> model = new HashMap<>();
            model.put("members", members.list(reader));
            model.put("invitations", members.invitations(reader));
            model.put("canInvite", user.role().scopes().contains(ApiScope.MEMBERS_MANAGE.value()));
            model.put("roles", List.of("viewer", "editor", "admin"));
            // Only an owner gives or takes the owner role (MemberService says so again on the post).
            model.put(
                    "memberRoles",
                    user.role() == Role.OWNER
                            ? List.of("viewer", "editor", "admin", "owner")
                            : List.of("viewer", "editor", "admin"));
            model.put("me", user.userId());
            model.put("done", done);
            return model;
        });
    }

    @Post("/members/invitations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> invite(HttpRequest<?> request, @Body @Nullable String body) {
        return act(request, "Not invited", "members", "/console/members", user -> {
            Form form = Form.of(body);
            members.invite(
                    Principals.requireScope(user, ApiScope.MEMBERS_MANAGE),
                    form.value("email"),
                    form.value("role"),
                    RequestInfos.of(request));
            return "/console/members";
        });
    }

    @Post("/members/invitations/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revokeInvitation(HttpRequest<?> request, String id, @Body @Nullable String body) {
        return act(request, "Invitation not revoked", "members", "/console/members", user -> {
            members.revokeInvitation(
                    Principals.requireScope(user, ApiScope.MEMBERS_MANAGE), id, RequestInfos.of(request));
            return "/console/members?done=invitation-revoked";
        });
    }

    @Post("/members/{userId}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> changeRole(HttpRequest<?> request, String userId, @Body @Nullable String body) {
        return act(request, "Role not changed", "members", "/console/members", user -> {
            String role = Form.of(body).value("role");
            members.changeRole(
                    Principals.requireScope(user, ApiScope.MEMBERS_MANAGE),
                    userId,
                    role == null ? "" : role,
                    RequestInfos.of(request));
            return "/console/members?done=role-changed";
        });
    }

    @Post("/members/{userId}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> remove(HttpRequest<?> request, String userId, @Body @Nullable String body) {
        return act(request, "Not removed", "members", "/console/members", user -> {
            members.remove(Principals.requireScope(user, ApiScope.MEMBERS_MANAGE), userId, RequestInfos.of(request));
            // Someone who removed themselves has left the workspace: their session ends with it.
            return user.userId().equals(userId) ? "/console" : "/console/members?done=removed";
        });
    }

    @Get("/agents")
    public HttpResponse<?> agents(HttpRequest<?> request, @Nullable @QueryValue String done) {
        return pages.render(request, "console/agents", "Agents", "agents", user -> {
            Map<String, Object> model = new HashMap<>();
            model.put("agents", agents.list(Principals.requireScope(user, ApiScope.AGENTS_MANAGE)));
            model.put("roles", List.of("viewer", "editor", "admin"));
            model.put("done", done);
            return model;
        });
    }

    @Post("/agents")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> createAgent(HttpRequest<?> request, @Body @Nullable String body) {
        return act(request, "Agent not created", "agents", "/console/agents", user -> {
            Form form = Form.of(body);
            agents.create(
                    Principals.requireScope(user, ApiScope.AGENTS_MANAGE),
                    form.value("name"),
                    form.value("description"),
                    form.value("role"),
                    RequestInfos.of(request));
            return "/console/agents?done=created";
        });
    }

    @Post("/agents/{id}/disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> disableAgent(HttpRequest<?> request, String id, @Body @Nullable String body) {
        return act(request, "Agent not disabled", "agents", "/console/agents", user -> {
            agents.disable(Principals.requireScope(user, ApiScope.AGENTS_MANAGE), id, RequestInfos.of(request));
            return "/console/agents?done=disabled";
        });
    }

    @Post("/agents/{id}/enable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> enableAgent(HttpRequest<?> request, String id, @Body @Nullable String body) {
        return act(request, "Agent not enabled", "agents", "/console/agents", user -> {
            agents.enable(Principals.requireScope(user, ApiScope.AGENTS_MANAGE), id, RequestInfos.of(request));
            return "/console/agents?done=enabled";
        });
    }

    /**
     * A form's use case for the signed-in person, then back to a page with GET; a refusal is the
     * error page with its status and reason. The services check the person's role and scope on
     * every post, as for the API.
     */
    private HttpResponse<?> act(
            HttpRequest<?> request,
            String refusedTitle,
            String section,
            String back,
            java.util.function.Function<Principal.User, String> action) {
        var signedIn = pages.user(request);
        if (signedIn.isEmpty()) {
            return pages.signIn(request);
        }
        Principal.User user = signedIn.get();
        String next;
        try {
            next = action.apply(user);
        } catch (ProblemException | Rejection e) {
            ConsolePages.Refusal refusal = ConsolePages.refusal(e);
            return pages.page(
                            request,
                            user,
                            "console/error",
                            refusedTitle,
                            section,
                            Map.of("message", refusal.message(), "back", back))
                    .status(refusal.status());
        }
        return ConsolePages.seeOther(next);
    }
}
