package dev.artifacta.server.signin;

import dev.artifacta.command.apikeys.ApiKeySecrets;
import dev.artifacta.command.apikeys.IssuedSecret;
import dev.artifacta.command.members.AcceptInvitation;
import dev.artifacta.command.members.Memberships;
import dev.artifacta.command.members.Memberships.Membership;
import dev.artifacta.command.members.Memberships.PendingInvitation;
import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.shared.Rejection;
import dev.artifacta.command.signup.SignUp;
import dev.artifacta.command.signup.SignUpHandler;
import dev.artifacta.command.tenants.TenantNameTaken;
import dev.artifacta.events.Actor;
import dev.artifacta.events.ApiScope;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.events.SignInFailed;
import dev.artifacta.events.UserIds;
import dev.artifacta.server.apikeys.ApiKeyViews;
import dev.artifacta.server.auth.Sessions;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;

/**
 * What happens once the identity provider has vouched for a person: their pending invitations are
 * accepted (a verified, matching email is required), a workspace is chosen (the one asked for, or
 * the one joined last), or, for a person with none, a workspace is created with them as owner and
 * its first API key, shown once. Then a session starts.
 */
@Singleton
public class SignIns {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A finished sign-in: the session and, for a new workspace, its first key (shown once). */
    public record Outcome(Sessions.Started session, String tenantName, Optional<ApiKeyViews.CreatedApiKey> firstKey) {}

    private final Memberships memberships;
    private final Sessions sessions;
    private final Commands commands;
    private final PlanCatalog plans;
    private final ReadModelBarrier barrier;
    private final EventStore events;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ApiKeySecrets secrets = new ApiKeySecrets();
    private final boolean signupEnabled;

    public SignIns(
            Memberships memberships,
            Sessions sessions,
            Commands commands,
            PlanCatalog plans,
            ReadModelBarrier barrier,
            EventStore events,
            MeterRegistry meters,
            Clock clock,
            @io.micronaut.context.annotation.Value("${artifacta.signup.enabled:true}") boolean signupEnabled) {
        this.signupEnabled = signupEnabled;
        this.memberships = memberships;
        this.sessions = sessions;
        this.commands = commands;
        this.plans = plans;
        this.barrier = barrier;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
    }

    /** Signs the person in to the workspace named (or their latest), creating one if they have none. */
    public Outcome signIn(VerifiedPerson person, String workspace, RequestInfo request) {
        String email = UserIds.normalizeEmail(person.email());
        String userId = UserIds.of(email);
        Actor actor = Actor.person(userId, email, person.displayName());
        if (!person.emailVerified()) {
            recordFailure(tenantsKnowing(email, userId), email, "email-not-verified", person.issuer(), actor, request);
            throw SignInRefused.of(
                    "email-not-verified",
                    403,
                    "Your identity provider has not verified the email address '" + email
                            + "'; Artifacta signs in only verified addresses. Verify it there and sign in again.");
        }
        Instant now = clock.instant();
        for (PendingInvitation invitation : memberships.pendingFor(email)) {
            if (!invitation.expiresAt().isAfter(now)) {
                continue;
            }
            try {
                commands.send(
                        new AcceptInvitation(
                                invitation.tenantId(), invitation.invitationId(), email, person.displayName(), now),
                        actor,
                        request);
            } catch (Rejection alreadyGone) {
                // Revoked or accepted by a sign-in on another node a moment ago.
            }
        }
        List<Membership> joined = memberships.of(userId);
        Membership chosen;
        Optional<ApiKeyViews.CreatedApiKey> firstKey = Optional.empty();
        if (workspace != null && !workspace.isBlank()) {
            chosen = joined.stream()
                    .filter(m -> m.tenantName().equals(workspace))
                    .findFirst()
                    .orElseThrow(() -> {
                        recordFailure(
                                tenantsKnowing(email, userId), email, "not-a-member", person.issuer(), actor, request);
                        return SignInRefused.of(
                                "not-a-member",
                                403,
                                "You are not a member of the workspace '" + workspace
                                        + "'; ask one of its owners or admins for an invitation.");
                    });
        } else if (!joined.isEmpty()) {
            chosen = joined.getFirst();
        } else if (!signupEnabled) {
            // New workspaces are closed (ARTIFACTA_SIGNUP_ENABLED=false): a sign-in joins, never creates.
            recordFailure(Set.of(), email, "not-a-member", person.issuer(), actor, request);
            throw SignInRefused.of(
                    "not-a-member",
                    403,
                    "You are not a member of any workspace here, and new workspaces are not open;"
                            + " ask an owner or admin for an invitation.");
        } else {
            var created = createWorkspace(email, person.displayName(), actor, request);
            chosen = created.membership();
            firstKey = Optional.of(created.key());
        }
        meters.counter("artifacta.auth.sign_ins").increment();
        Sessions.Started session = sessions.start(
                chosen.tenantId(), userId, email, person.displayName(), person.issuer(), person.subject(), request);
        barrier.awaitViews();
        return new Outcome(session, chosen.tenantName(), firstKey);
    }

    /** Records a failed sign-in in the workspaces that know the person, for their audit trails. */
    public void recordFailure(
            Set<String> tenantIds, String email, String reason, String issuer, Actor actor, RequestInfo request) {
        meters.counter("artifacta.auth.sign_in_failures", "reason", reason).increment();
        Instant now = clock.instant();
        for (String tenantId : tenantIds) {
            events.publish(
                    List.of(GenericEventMessage.asEventMessage(new SignInFailed(tenantId, email, reason, issuer, now))
                            .andMetaData(MetaData.from(AuditMetadata.of(actor, request)))));
        }
        // As after a sign-in: the workspace's trail shows the failure to whoever looks next.
        barrier.awaitViews();
    }

    private Set<String> tenantsKnowing(String email, String userId) {
        Set<String> tenantIds = new LinkedHashSet<>();
        memberships.of(userId).forEach(m -> tenantIds.add(m.tenantId()));
        memberships.pendingFor(email).forEach(i -> tenantIds.add(i.tenantId()));
        return tenantIds;
    }

    private record Created(Membership membership, ApiKeyViews.CreatedApiKey key) {}

    private Created createWorkspace(String email, String displayName, Actor actor, RequestInfo request) {
        String plan = plans.defaultPlan();
        for (int attempt = 0; ; attempt++) {
            String tenantId = UUID.randomUUID().toString();
            String name = workspaceName(email);
            String keyId = UUID.randomUUID().toString();
            IssuedSecret secret = secrets.generate();
            Instant now = clock.instant();
            try {
                commands.send(
                        new SignUp(
                                tenantId,
                                name,
                                email,
                                plan,
                                keyId,
                                SignUpHandler.FIRST_KEY_NAME,
                                secret.digest(),
                                UUID.randomUUID().toString(),
                                now),
                        actor,
                        request);
            } catch (TenantNameTaken taken) {
                if (attempt < 5) {
                    continue;
                }
                throw taken;
            }
            var key = ApiKeyViews.created(
                    keyId,
                    SignUpHandler.FIRST_KEY_NAME,
                    null,
                    secret,
                    ApiScope.allValues(),
                    KeyIdentity.user(email),
                    actor,
                    now,
                    null);
            return new Created(new Membership(tenantId, name, "owner", now), key);
        }
    }

    /** A workspace name from the email's local part and a random suffix, e.g. {@code dana-k3x9}. */
    static String workspaceName(String email) {
        String local = email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT);
        String base = local.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > 40) {
            base = base.substring(0, 40).replaceAll("-+$", "");
        }
        if (base.length() < 3) {
            base = "workspace";
        }
        StringBuilder suffix = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 4; i++) {
            suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return base + "-" + suffix;
    }
}
