package dev.artifacta.command.members.infrastructure;

import dev.artifacta.command.CommandLookups;
import dev.artifacta.command.apikeys.infrastructure.CredentialRegistryRepository;
import dev.artifacta.command.apikeys.infrastructure.CredentialRow;
import dev.artifacta.command.members.Memberships;
import dev.artifacta.command.tenants.infrastructure.TenantRegistryRepository;
import dev.artifacta.command.tenants.infrastructure.TenantRow;
import dev.artifacta.events.InvitationRevoked;
import dev.artifacta.events.MemberInvited;
import dev.artifacta.events.MemberJoined;
import dev.artifacta.events.MemberRemoved;
import dev.artifacta.events.MemberRoleChanged;
import dev.artifacta.events.TenantCreated;
import dev.artifacta.events.UserIds;
import dev.artifacta.events.UserSignedIn;
import jakarta.inject.Singleton;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Keeps the member and invitation lookup tables in step with the tenant's member events, in the
 * append's transaction. A tenant's owner from signup is its first member.
 */
@Singleton
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class MemberRegistryProjection implements Memberships {

    private final MemberRegistryRepository members;
    private final InvitationRegistryRepository invitations;
    private final TenantRegistryRepository tenants;
    private final CredentialRegistryRepository credentials;

    public MemberRegistryProjection(
            MemberRegistryRepository members,
            InvitationRegistryRepository invitations,
            TenantRegistryRepository tenants,
            CredentialRegistryRepository credentials) {
        this.members = members;
        this.invitations = invitations;
        this.tenants = tenants;
        this.credentials = credentials;
    }

    @EventHandler
    void on(TenantCreated event) {
        String email = UserIds.normalizeEmail(event.ownerEmail());
        save(new MemberRow(
                MemberRow.idOf(event.tenantId(), UserIds.of(email)),
                event.tenantId(),
                UserIds.of(email),
                email,
                "owner",
                event.createdAt(),
                null));
    }

    @EventHandler
    void on(MemberInvited event) {
        if (!invitations.existsById(event.invitationId())) {
            invitations.save(new InvitationRow(
                    event.invitationId(),
                    event.tenantId(),
                    event.email(),
                    event.role(),
                    event.expiresAt(),
                    event.invitedAt()));
        }
    }

    @EventHandler
    void on(InvitationRevoked event) {
        invitations.deleteById(event.invitationId());
    }

    @EventHandler
    void on(MemberJoined event) {
        if (event.invitationId() != null) {
            invitations.deleteById(event.invitationId());
        }
        save(new MemberRow(
                MemberRow.idOf(event.tenantId(), event.userId()),
                event.tenantId(),
                event.userId(),
                event.email(),
                event.role(),
                event.joinedAt(),
                event.displayName()));
    }

    @EventHandler
    void on(MemberRoleChanged event) {
        members.updateRole(MemberRow.idOf(event.tenantId(), event.userId()), event.role());
    }

    @EventHandler
    void on(MemberRemoved event) {
        members.deleteById(MemberRow.idOf(event.tenantId(), event.userId()));
    }

    /**
     * A member is named as their provider named them at their last sign-in, so what a key acting
     * as them does is attributed to the same name as what their session does.
     */
    @EventHandler
    void on(UserSignedIn event) {
        members.updateDisplayName(MemberRow.idOf(event.tenantId(), event.userId()), event.displayName());
    }

    @ResetHandler
    void reset() {
        members.deleteAll();
        invitations.deleteAll();
    }

    @Override
    public List<Membership> of(String userId) {
        return members.findByUser(userId).stream()
                .flatMap(row -> tenants.findById(row.tenantId()).stream()
                        .map(tenant -> new Membership(row.tenantId(), tenant.name(), row.role(), row.joinedAt())))
                .toList();
    }

    @Override
    public List<PendingInvitation> pendingFor(String email) {
        return invitations.findByEmail(UserIds.normalizeEmail(email)).stream()
                .map(row -> new PendingInvitation(
                        row.tenantId(), row.invitationId(), row.email(), row.role(), row.expiresAt()))
                .toList();
    }

    @Override
    public List<String> activeKeysOf(String tenantId, String email) {
        return credentials.findActiveUserKeys(tenantId, UserIds.normalizeEmail(email)).stream()
                .map(CredentialRow::keyId)
                .toList();
    }

    /** Tenants made before members existed get their owner's row, as {@link #on(TenantCreated)} makes it. */
    public int addMissingOwners() {
        int added = 0;
        for (TenantRow tenant : tenants.findAll()) {
            if (members.countByTenantId(tenant.tenantId()) == 0) {
                on(new TenantCreated(
                        tenant.tenantId(), tenant.name(), tenant.ownerEmail(), tenant.plan(), tenant.createdAt()));
                added++;
            }
        }
        return added;
    }

    private void save(MemberRow row) {
        if (!members.existsById(row.membershipId())) {
            members.save(row);
        }
    }
}
