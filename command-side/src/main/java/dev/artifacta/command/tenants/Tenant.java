package dev.artifacta.command.tenants;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.artifacta.command.members.AcceptInvitation;
import dev.artifacta.command.members.ChangeMemberRole;
import dev.artifacta.command.members.InviteMember;
import dev.artifacta.command.members.MembershipRejected;
import dev.artifacta.command.members.RemoveMember;
import dev.artifacta.command.members.RevokeInvitation;
import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.plans.UnknownPlan;
import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.events.InvitationRevoked;
import dev.artifacta.events.MemberInvited;
import dev.artifacta.events.MemberJoined;
import dev.artifacta.events.MemberRemoved;
import dev.artifacta.events.MemberRoleChanged;
import dev.artifacta.events.TenantClientRegistrationChanged;
import dev.artifacta.events.TenantCreated;
import dev.artifacta.events.TenantPlanChanged;
import dev.artifacta.events.UserIds;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

/**
 * A tenant: a name, a plan and its workspace's members. Keys are their own aggregates; the rules
 * that span a tenant's keys (plan limit, unique names) are checked against the command side's lookup
 * table. Members live here because their one cross-member rule, that a workspace always keeps an
 * owner, needs them all in one consistent place (a workspace has tens of members, not thousands).
 */
@AggregateRoot
public class Tenant {

    @AggregateIdentifier
    private String tenantId;

    private String plan;

    private boolean clientRegistration;

    /** The workspace roles, strongest first. */
    public static final List<String> ROLES = List.of("owner", "admin", "editor", "viewer");

    private record Member(String email, String role) {}

    private record Invitation(String email, String role, Instant expiresAt) {}

    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, Invitation> invitations = new HashMap<>();

    protected Tenant() {
        // For Axon: state is rebuilt from events.
    }

    @CommandHandler
    public Tenant(CreateTenant command) {
        if (!TenantNames.isValid(command.name())) {
            throw new InvalidRequest(
                    "invalid-tenant-name",
                    "A tenant name is 3 to 63 lowercase letters, digits or single hyphens, starting and ending"
                            + " with a letter or digit.");
        }
        if (command.ownerEmail() == null || !command.ownerEmail().matches("^[^@\\s]+@[^@\\s]+$")) {
            throw new InvalidRequest("invalid-email", "The owner email is not an email address.");
        }
        apply(new TenantCreated(
                command.tenantId(), command.name(), command.ownerEmail(), command.plan(), command.now()));
    }

    /** Moving to the plan the tenant already has changes nothing and records nothing. */
    @CommandHandler
    public void handle(ChangeTenantPlan command, PlanCatalog plans) {
        if (plans.find(command.plan()).isEmpty()) {
            throw new UnknownPlan(command.plan());
        }
        if (command.plan().equals(plan)) {
            return;
        }
        apply(new TenantPlanChanged(tenantId, plan, command.plan(), command.now()));
    }

    /** Setting what is already set changes nothing and records nothing. */
    @CommandHandler
    public void handle(ChangeClientRegistration command) {
        if (command.enabled() == clientRegistration) {
            return;
        }
        apply(new TenantClientRegistrationChanged(tenantId, command.enabled(), command.now()));
    }

    @CommandHandler
    public void handle(InviteMember command) {
        String email = requireEmail(command.email());
        requireRole(command.role());
        if (members.containsKey(UserIds.of(email))) {
            throw MembershipRejected.alreadyMember(email);
        }
        boolean pending = invitations.values().stream()
                .anyMatch(i -> i.email().equals(email) && i.expiresAt().isAfter(command.now()));
        if (pending) {
            throw MembershipRejected.invitationPending(email);
        }
        apply(new MemberInvited(
                tenantId, command.invitationId(), email, command.role(), command.expiresAt(), command.now()));
    }

    @CommandHandler
    public void handle(RevokeInvitation command) {
        Invitation invitation = invitations.get(command.invitationId());
        if (invitation == null) {
            throw MembershipRejected.invitationNotFound(command.invitationId());
        }
        apply(new InvitationRevoked(tenantId, command.invitationId(), invitation.email(), command.now()));
    }

    /** Accepting twice, or as someone who already joined, changes nothing. */
    @CommandHandler
    public void handle(AcceptInvitation command) {
        Invitation invitation = invitations.get(command.invitationId());
        if (invitation == null) {
            throw MembershipRejected.invitationNotFound(command.invitationId());
        }
        String email = UserIds.normalizeEmail(command.verifiedEmail());
        if (!invitation.email().equals(email)) {
            throw MembershipRejected.emailMismatch();
        }
        if (!invitation.expiresAt().isAfter(command.now())) {
            throw MembershipRejected.invitationExpired();
        }
        String userId = UserIds.of(email);
        if (members.containsKey(userId)) {
            return;
        }
        apply(new MemberJoined(
                tenantId,
                userId,
                email,
                command.displayName(),
                invitation.role(),
                command.invitationId(),
                command.now()));
    }

    /** The last owner keeps the role; giving a member the role they have records nothing. */
    @CommandHandler
    public void handle(ChangeMemberRole command) {
        requireRole(command.role());
        Member member = requireMember(command.userId());
        if (member.role().equals(command.role())) {
            return;
        }
        if (member.role().equals("owner") && ownerCount() == 1) {
            throw MembershipRejected.lastOwner();
        }
        apply(new MemberRoleChanged(
                tenantId, command.userId(), member.email(), member.role(), command.role(), command.now()));
    }

    @CommandHandler
    public void handle(RemoveMember command) {
        Member member = requireMember(command.userId());
        if (member.role().equals("owner") && ownerCount() == 1) {
            throw MembershipRejected.lastOwner();
        }
        apply(new MemberRemoved(tenantId, command.userId(), member.email(), member.role(), command.now()));
    }

    @EventSourcingHandler
    void on(TenantCreated event) {
        tenantId = event.tenantId();
        plan = event.plan();
        String owner = UserIds.normalizeEmail(event.ownerEmail());
        members.put(UserIds.of(owner), new Member(owner, "owner"));
    }

    @EventSourcingHandler
    void on(MemberInvited event) {
        invitations.put(event.invitationId(), new Invitation(event.email(), event.role(), event.expiresAt()));
    }

    @EventSourcingHandler
    void on(InvitationRevoked event) {
        invitations.remove(event.invitationId());
    }

    @EventSourcingHandler
    void on(MemberJoined event) {
        if (event.invitationId() != null) {
            invitations.remove(event.invitationId());
        }
        members.put(event.userId(), new Member(event.email(), event.role()));
    }

    @EventSourcingHandler
    void on(MemberRoleChanged event) {
        members.put(event.userId(), new Member(event.email(), event.role()));
    }

    @EventSourcingHandler
    void on(MemberRemoved event) {
        members.remove(event.userId());
    }

    private Member requireMember(String userId) {
        Member member = members.get(userId);
        if (member == null) {
            throw MembershipRejected.memberNotFound(userId);
        }
        return member;
    }

    private long ownerCount() {
        return members.values().stream().filter(m -> m.role().equals("owner")).count();
    }

    private static String requireEmail(String email) {
        if (email == null || email.length() > 254 || !email.strip().matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
            throw new InvalidRequest("invalid-email", "'" + email + "' is not an email address.");
        }
        return UserIds.normalizeEmail(email);
    }

    private static void requireRole(String role) {
        if (!ROLES.contains(role)) {
            throw new InvalidRequest(
                    "invalid-role", "A workspace role is one of " + String.join(", ", ROLES) + ", not '" + role + "'.");
        }
    }

    @EventSourcingHandler
    void on(TenantPlanChanged event) {
        plan = event.plan();
    }

    @EventSourcingHandler
    void on(TenantClientRegistrationChanged event) {
        clientRegistration = event.enabled();
    }
}
