package dev.artifacta.server.auth;

import dev.artifacta.events.AccessDenied;
import dev.artifacta.server.access.Decision;
import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import io.micronaut.http.context.ServerRequestContext;
import java.util.function.Supplier;

/**
 * Turns the access policy's refusals into the API's problems, one way for every entry point: hidden
 * targets answer the caller's own 404 (and are not recorded: a record would tell them apart from
 * targets that do not exist), every other refusal a 403 that the audit trail records.
 */
public final class Refusals {

    private Refusals() {}

    /**
     * Returns normally when the decision allows; otherwise throws the refusal.
     *
     * @param decision what the policy answered
     * @param hidden the 404 to answer when the caller may not even see the target
     * @param action the action's name for the detail, for example {@code artifact.delete}
     */
    public static void enforce(Decision decision, Supplier<ProblemException> hidden, String action) {
        switch (decision) {
            case Decision.Allow allow -> {}
            case Decision.Hidden unseen -> throw hidden.get();
            case Decision.MissingScope missing ->
                // Worded for the caller when the request is at hand (MCP tools may run off it).
                throw ServerRequestContext.currentRequest()
                        .map(request -> Problems.missingScope(missing.scope(), Principals.of(request)))
                        .orElseGet(() -> Problems.missingScope(missing.scope()));
            case Decision.RoleTooLow low ->
                throw new ProblemException(Problem.of(
                                        "insufficient-role",
                                        "Role too low",
                                        403,
                                        "The " + action + " action needs the "
                                                + low.needs().value() + " role; this caller has "
                                                + low.has().value() + ".")
                                .with("requiredRole", low.needs().value())
                                .with("role", low.has().value()))
                        .deniedFor(AccessDenied.ROLE);
            case Decision.IdentityRequired anonymous ->
                // Not recorded: the public could otherwise write into any public artifact's trail.
                throw Problems.identityRequired(
                        "The " + action + " action is attributed to a person or an agent: sign in, or use an API key.");
            case Decision.IdentityEscalation escalation ->
                throw Problems.forbidden("identity-escalation", escalation.detail())
                        .deniedFor(AccessDenied.IDENTITY);
            case Decision.ScopeEscalation escalation ->
                throw Problems.forbidden(
                                "scope-escalation",
                                "A credential can only grant or manage scopes its manager holds; this one lacks '"
                                        + escalation.scope() + "'.")
                        .deniedFor(AccessDenied.SCOPE);
        }
    }
}
