package dev.artifacta.server.auth;

import dev.artifacta.command.apikeys.infrastructure.Credential;
import dev.artifacta.events.Actor;
import dev.artifacta.events.ApiScope;
import dev.artifacta.server.http.Problems;
import io.micronaut.http.HttpRequest;

/**
 * The authenticated caller of a {@code /v1} request: an API key of one tenant, acting as its
 * identity, limited to its scopes. Every command and query takes the tenant from here, never from
 * the request, which is what keeps tenants apart.
 */
public record ApiPrincipal(Credential credential) {

    static final String ATTRIBUTE = "artifacta.principal";

    /** The principal the authentication filter attached to the request. */
    public static ApiPrincipal of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, ApiPrincipal.class)
                .orElseThrow(() -> Problems.unauthenticated("This request needs an API key."));
    }

    /** The principal, when the request presented a key (optional-auth routes may have none). */
    public static java.util.Optional<ApiPrincipal> find(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, ApiPrincipal.class);
    }

    public String tenantId() {
        return credential.tenantId();
    }

    public boolean has(ApiScope scope) {
        return credential.scopes().contains(scope.value());
    }

    /** Refuses with 403 naming the scope unless the key carries it. */
    public ApiPrincipal require(ApiScope scope) {
        if (!has(scope)) {
            throw Problems.missingScope(scope.value());
        }
        return this;
    }

    /** Who the audit trail names for actions of this caller. */
    public Actor actor() {
        return Actor.apiKey(credential.keyId(), credential.keyName(), credential.identity());
    }
}
