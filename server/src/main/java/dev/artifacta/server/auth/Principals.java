package dev.artifacta.server.auth;

import dev.artifacta.events.ApiScope;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.http.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.ServerAuthentication;
import java.util.List;
import java.util.Map;

/**
 * The request's principal, as Micronaut Security's authentication sources ({@link
 * ApiKeyAuthenticationFetcher}, {@link ShareLinkAuthenticationFetcher}) resolved it: one per
 * request, {@link Principal.Anonymous} when none applied. Controllers read it here and hand it to
 * the access policy; they never look at credentials themselves.
 */
public final class Principals {

    static final String ATTRIBUTE = "artifacta.principal";

    private Principals() {}

    /** The principal of the request; anonymous when no authentication source recognised it. */
    public static Principal of(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class)
                .map(authentication -> authentication.getAttributes().get(ATTRIBUTE))
                .filter(Principal.class::isInstance)
                .map(Principal.class::cast)
                .orElse(Principal.ANONYMOUS);
    }

    /**
     * The principal of a request that needs a tenant's credential (a key today; a session or an
     * OAuth token later) holding the scope; 401 or 403 otherwise.
     */
    public static Principal requireScope(HttpRequest<?> request, ApiScope scope) {
        return requireScope(of(request), scope);
    }

    /** The principal, when it holds the scope (a use case that entry points share); 401 or 403 otherwise. */
    public static Principal requireScope(Principal principal, ApiScope scope) {
        if (principal.identity().isEmpty()) {
            throw Problems.unauthenticated(
                    "This request needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
        }
        boolean holds =
                switch (principal) {
                    // A key acting as a person holds no more than the person's role gives, so a
                    // demotion narrows the keys they already have.
                    case Principal.ApiKey key ->
                        key.has(scope)
                                && !(key.actingFor() instanceof Principal.User user
                                        && !user.role().scopes().contains(scope.value()));
                    // Likewise a client acting for a person.
                    case Principal.OAuthClient client ->
                        client.scopes().contains(scope.value())
                                && !(client.actingFor() instanceof Principal.User user
                                        && !user.role().scopes().contains(scope.value()));
                    case Principal.User user -> user.role().scopes().contains(scope.value());
                    case Principal.Agent agent -> true;
                    case Principal.ShareLink link -> false;
                    case Principal.Service service -> false;
                    case Principal.Anonymous anonymous -> false;
                };
        if (!holds) {
            throw Problems.missingScope(scope.value(), principal);
        }
        return principal;
    }

    /** The tenant (id, name, plan) of a principal that {@link #requireScope} accepted. */
    public static Principal.Tenancy tenancyOf(Principal principal) {
        return principal
                .identity()
                .map(Principal.Identity::tenant)
                .orElseThrow(() -> new IllegalStateException("no tenant: " + principal.type()));
    }

    /** The tenant of a principal that {@link #requireScope} accepted. */
    public static String tenantOf(Principal principal) {
        return principal.inTenant().orElseThrow(() -> new IllegalStateException("no tenant: " + principal.type()));
    }

    /** Wraps a principal as Micronaut Security's authentication of the request. */
    static Authentication authentication(String name, Principal principal) {
        return new ServerAuthentication(name, List.of(principal.type()), Map.of(ATTRIBUTE, principal));
    }
}
