package dev.artifacta.command.tenants;

import static dev.artifacta.command.shared.RejectionMatcher.rejection;

import dev.artifacta.command.members.AcceptInvitation;
import dev.artifacta.command.members.ChangeMemberRole;
import dev.artifacta.command.members.InviteMember;
import dev.artifacta.command.members.MembershipRejected;
import dev.artifacta.command.members.RemoveMember;
import dev.artifacta.command.members.RevokeInvitation;
import dev.artifacta.command.plans.FakePlanCatalog;
import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.events.InvitationRevoked;
import dev.artifacta.events.MemberInvited;
import dev.artifacta.events.MemberJoined;
import dev.artifacta.events.MemberRemoved;
import dev.artifacta.events.MemberRoleChanged;
import dev.artifacta.events.TenantCreated;
import dev.artifacta.events.UserIds;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The workspace's member rules, given the tenant's events, when a member command arrives. */
class TenantMembersTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant WEEK = NOW.plusSeconds(7 * 24 * 3600);
    private static final String TENANT = "tenant-acme";
    private static final String OWNER = "owner@acme.test";
    private static final String OWNER_ID = UserIds.of(OWNER);
    private static final String DEV = "dev@acme.test";
    private static final String DEV_ID = UserIds.of(DEV);
    private static final TenantCreated CREATED = new TenantCreated(TENANT, "acme", OWNER, "pro", NOW);
    private static final MemberInvited INVITED = new MemberInvited(TENANT, "inv-1", DEV, "editor", WEEK, NOW);
    private static final MemberJoined JOINED = new MemberJoined(TENANT, DEV_ID, DEV, "Dana", "editor", "inv-1", NOW);

    private AggregateTestFixture<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
        fixture.registerInjectableResource(new FakePlanCatalog());
    }

    @Test
    void givenATenant_whenAPersonIsInvited_thenMemberInvited_withTheEmailNormalized() {
        fixture.given(CREATED)
                .when(new InviteMember(TENANT, "inv-1", " Dev@ACME.test ", "editor", WEEK, NOW))
                .expectEvents(INVITED);
    }

    @Test
    void givenAMemberOrAPendingInvitation_whenInvitedAgain_thenConflict() {
        fixture.given(CREATED)
                .when(new InviteMember(TENANT, "inv-2", OWNER, "viewer", WEEK, NOW))
                .expectException(rejection(MembershipRejected.class, "already-a-member"));
        fixture.given(CREATED, INVITED)
                .when(new InviteMember(TENANT, "inv-2", DEV, "viewer", WEEK, NOW))
                .expectException(rejection(MembershipRejected.class, "invitation-pending"));
    }

    @Test
    void givenAnExpiredInvitation_whenInvitedAgain_thenANewInvitation() {
        Instant later = WEEK.plusSeconds(1);
        fixture.given(CREATED, INVITED)
                .when(new InviteMember(TENANT, "inv-2", DEV, "viewer", later.plusSeconds(60), later))
                .expectEvents(new MemberInvited(TENANT, "inv-2", DEV, "viewer", later.plusSeconds(60), later));
    }

    @Test
    void givenATenant_whenInvitedWithABadEmailOrRole_thenInvalid() {
        fixture.given(CREATED)
                .when(new InviteMember(TENANT, "inv-1", "not-an-email", "editor", WEEK, NOW))
                .expectException(rejection(InvalidRequest.class, "invalid-email"));
        fixture.given(CREATED)
                .when(new InviteMember(TENANT, "inv-1", DEV, "superuser", WEEK, NOW))
                .expectException(rejection(InvalidRequest.class, "invalid-role"));
    }

    @Test
    void givenAnInvitation_whenAcceptedWithTheInvitedVerifiedEmail_thenMemberJoinedWithItsRole() {
        fixture.given(CREATED, INVITED)
                .when(new AcceptInvitation(TENANT, "inv-1", "DEV@acme.test", "Dana", NOW))
                .expectEvents(JOINED);
    }

    @Test
    void givenAnInvitation_whenAcceptedWithAnotherEmail_thenForbidden_andNothingHappens() {
        fixture.given(CREATED, INVITED)
                .when(new AcceptInvitation(TENANT, "inv-1", "mallory@acme.test", "Mallory", NOW))
                .expectException(rejection(MembershipRejected.class, "invitation-email-mismatch"))
                .expectNoEvents();
    }

    @Test
    void givenAnExpiredOrRevokedInvitation_whenAccepted_thenRefused() {
        fixture.given(CREATED, INVITED)
                .when(new AcceptInvitation(TENANT, "inv-1", DEV, "Dana", WEEK))
                .expectException(rejection(MembershipRejected.class, "invitation-expired"));
        fixture.given(CREATED, INVITED, new InvitationRevoked(TENANT, "inv-1", DEV, NOW))
                .when(new AcceptInvitation(TENANT, "inv-1", DEV, "Dana", NOW))
                .expectException(rejection(MembershipRejected.class, "invitation-not-found"));
    }

    @Test
    void givenAPendingInvitation_whenRevoked_thenInvitationRevoked_andOnlyOnce() {
        fixture.given(CREATED, INVITED)
                .when(new RevokeInvitation(TENANT, "inv-1", NOW))
                .expectEvents(new InvitationRevoked(TENANT, "inv-1", DEV, NOW));
        fixture.given(CREATED, INVITED, new InvitationRevoked(TENANT, "inv-1", DEV, NOW))
                .when(new RevokeInvitation(TENANT, "inv-1", NOW))
                .expectException(rejection(MembershipRejected.class, "invitation-not-found"));
    }

    @Test
    void givenAMember_whenTheirRoleChanges_thenMemberRoleChanged_andTheSameRoleRecordsNothing() {
        fixture.given(CREATED, INVITED, JOINED)
                .when(new ChangeMemberRole(TENANT, DEV_ID, "admin", NOW))
                .expectEvents(new MemberRoleChanged(TENANT, DEV_ID, DEV, "editor", "admin", NOW));
        fixture.given(CREATED, INVITED, JOINED)
                .when(new ChangeMemberRole(TENANT, DEV_ID, "editor", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenTheLastOwner_whenDemotedOrRemoved_thenRefused() {
        fixture.given(CREATED, INVITED, JOINED)
                .when(new ChangeMemberRole(TENANT, OWNER_ID, "admin", NOW))
                .expectException(rejection(MembershipRejected.class, "last-owner"));
        fixture.given(CREATED, INVITED, JOINED)
                .when(new RemoveMember(TENANT, OWNER_ID, NOW))
                .expectException(rejection(MembershipRejected.class, "last-owner"));
    }

    @Test
    void givenASecondOwner_whenTheFirstStepsDown_thenMemberRoleChanged() {
        fixture.given(CREATED, INVITED, JOINED, new MemberRoleChanged(TENANT, DEV_ID, DEV, "editor", "owner", NOW))
                .when(new ChangeMemberRole(TENANT, OWNER_ID, "viewer", NOW))
                .expectEvents(new MemberRoleChanged(TENANT, OWNER_ID, OWNER, "owner", "viewer", NOW));
    }

    @Test
    void givenAMember_whenRemoved_thenMemberRemoved_andTheyAreGone() {
        fixture.given(CREATED, INVITED, JOINED)
                .when(new RemoveMember(TENANT, DEV_ID, NOW))
                .expectEvents(new MemberRemoved(TENANT, DEV_ID, DEV, "editor", NOW));
        fixture.given(CREATED, INVITED, JOINED, new MemberRemoved(TENANT, DEV_ID, DEV, "editor", NOW))
                .when(new ChangeMemberRole(TENANT, DEV_ID, "viewer", NOW))
                .expectException(rejection(MembershipRejected.class, "member-not-found"));
    }
}
