package dev.artifacta.server.members;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.events.UserIds;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Browser.Page;
import dev.artifacta.server.testing.IdentityProvider;
import dev.artifacta.server.testing.People;
import dev.artifacta.server.testing.People.Person;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Workspace members: invitations, joining on sign-in, roles, the last owner, removal. */
@MicronautTest(transactional = false)
class MembersIT extends ApiTest {

    private IdentityProvider provider;

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        provider = new IdentityProvider();
        return provider.properties();
    }

    @AfterAll
    void stopProvider() {
        provider.close();
    }

    private People people() {
        return new People(provider, server.getURL().toString());
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private JsonNode invite(String key, String email, String role) {
        ApiResponse invited =
                api.post("/v1/invitations", key, "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        return invited.json();
    }

    private static String ownerEmail(Tenant tenant) {
        return "owner@" + tenant.name() + ".example";
    }

    @Test
    void givenAnInvitation_whenTheInviteeSignsInWithTheVerifiedEmail_thenTheyJoinWithTheRole() {
        Tenant tenant = api.signUp("invite");
        String email = unique("dev");

        ApiResponse invited = api.post(
                "/v1/invitations", tenant.key(), "{\"email\":\"" + email.toUpperCase() + "\",\"role\":\"editor\"}");

        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        String invitationId = invited.json().get("id").asText();
        assertThat(invited.header("Location")).isEqualTo("/v1/invitations/" + invitationId);
        assertThat(invited.json().get("email").asText()).isEqualTo(email);
        assertThat(invited.json().get("status").asText()).isEqualTo("pending");
        assertThat(api.get("/v1/invitations", tenant.key()).json().get("invitations"))
                .hasSize(1);

        Person dev = people().signIn(email, "Dana Dev");

        assertThat(dev.landing().status()).as(dev.landing().body()).isEqualTo(303);
        assertThat(dev.workspaceId()).isEqualTo(tenant.id());
        assertThat(dev.role()).isEqualTo("editor");
        JsonNode members = api.get("/v1/members", tenant.key()).json().get("members");
        assertThat(members)
                .extracting(m -> m.get("email").asText())
                .containsExactlyInAnyOrder(ownerEmail(tenant), email);
        assertThat(api.get("/v1/invitations", tenant.key()).json().get("invitations"))
                .isEmpty();
        assertThat(api.get("/v1/members/" + UserIds.of(email), tenant.key())
                        .json()
                        .get("displayName")
                        .asText())
                .isEqualTo("Dana Dev");
        // The editor works in the workspace with the session: creating is allowed, managing access is not.
        Page created = dev.send("POST", "/v1/artifacts", "{\"title\":\"from a person\",\"content\":\"x\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(dev.send("POST", "/v1/invitations", "{\"email\":\"x@example.com\",\"role\":\"viewer\"}")
                        .status())
                .isEqualTo(403);

        JsonNode audit = api.get("/v1/audit-events?resourceType=member", tenant.key())
                .json()
                .get("items");
        assertThat(audit).extracting(e -> e.get("action").asText()).contains("member.joined");
        JsonNode createdEntry = api.get("/v1/audit-events?action=artifact.created", tenant.key())
                .json()
                .get("items")
                .get(0);
        assertThat(createdEntry.at("/actor/type").asText()).isEqualTo("user");
        assertThat(createdEntry.at("/actor/id").asText()).isEqualTo(UserIds.of(email));
        assertThat(createdEntry.at("/actor/displayName").asText()).isEqualTo("Dana Dev");
    }

    @Test
    void givenAnInvitation_whenSomeoneWithAnotherEmailAsksForTheWorkspace_thenRefused_andTheInvitationStays() {
        Tenant tenant = api.signUp("mismatch");
        invite(tenant.key(), unique("invited"), "viewer");

        Person other = people().signIn(unique("other"), "Other", true, null);
        Person asking = people().signIn(unique("asker"), "Asker", true, tenant.name());

        assertThat(other.workspaceId()).isNotEqualTo(tenant.id());
        assertThat(asking.landing().status()).isEqualTo(403);
        assertThat(asking.landing().json().get("type").asText()).endsWith("/sign-in-not-a-member");
        assertThat(api.get("/v1/invitations", tenant.key()).json().get("invitations"))
                .hasSize(1);
    }

    @Test
    void givenAnUnverifiedInvitee_whenTheySignIn_thenRefused_andTheFailureIsInTheWorkspacesTrail() {
        Tenant tenant = api.signUp("unverified");
        String email = unique("unverified");
        invite(tenant.key(), email, "viewer");

        Person refused = people().signIn(email, "Una", false, null);

        assertThat(refused.landing().status()).isEqualTo(403);
        // The audit view follows the events: wait for it, as a reader of the trail would.
        JsonNode failures = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(
                        () -> api.get("/v1/audit-events?action=user.sign_in_failed", tenant.key())
                                .json()
                                .get("items"),
                        items -> items.size() > 0);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).at("/details/reason").asText()).isEqualTo("email-not-verified");
        assertThat(api.get("/v1/invitations", tenant.key()).json().get("invitations"))
                .hasSize(1);
    }

    @Test
    void givenOwnersAndAdmins_whenRolesChange_thenOnlyOwnersTouchTheOwnerRole_andTheLastOwnerStays() {
        Tenant tenant = api.signUp("roles");
        String ownerId = UserIds.of(ownerEmail(tenant));
        String adminEmail = unique("admin");
        invite(tenant.key(), adminEmail, "admin");
        Person admin = people().signIn(adminEmail, "Ada Admin");
        String editorEmail = unique("editor");
        invite(tenant.key(), editorEmail, "editor");
        Person editor = people().signIn(editorEmail, "Ed");
        String editorId = UserIds.of(editorEmail);

        // An admin manages editors, but neither makes owners nor touches the owner.
        assertThat(admin.send("PATCH", "/v1/members/" + editorId, "{\"role\":\"viewer\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.send("PATCH", "/v1/members/" + editorId, "{\"role\":\"owner\"}")
                        .status())
                .isEqualTo(403);
        assertThat(admin.send("DELETE", "/v1/members/" + ownerId, null).status())
                .isEqualTo(403);
        assertThat(admin.send("POST", "/v1/invitations", "{\"email\":\"boss@example.com\",\"role\":\"owner\"}")
                        .status())
                .isEqualTo(403);
        assertThat(editor.role()).isEqualTo("viewer");

        // The last owner can be neither demoted nor removed.
        ApiResponse demoted = api.patch("/v1/members/" + ownerId, tenant.key(), "{\"role\":\"admin\"}");
        assertThat(demoted.status()).isEqualTo(409);
        assertThat(demoted.json().get("type").asText()).endsWith("/last-owner");
        assertThat(api.delete("/v1/members/" + ownerId, tenant.key()).status()).isEqualTo(409);

        // With a second owner, the first may step down.
        assertThat(api.patch("/v1/members/" + UserIds.of(adminEmail), tenant.key(), "{\"role\":\"owner\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.role()).isEqualTo("owner");
        ApiResponse steppedDown = api.patch("/v1/members/" + ownerId, tenant.key(), "{\"role\":\"admin\"}");
        assertThat(steppedDown.status()).as(steppedDown.body()).isEqualTo(200);
        assertThat(api.get("/v1/whoami", tenant.key())
                        .json()
                        .at("/principal/role")
                        .asText())
                .isEqualTo("admin");
        assertThat(api.get("/v1/audit-events?action=member.role_changed", tenant.key())
                        .json()
                        .get("items"))
                .hasSize(3);
    }

    @Test
    void givenAMemberWithKeys_whenRemoved_thenEachKeyIsRevokedAndAudited_andTheirSessionEnds() {
        Tenant tenant = api.signUp("remove");
        String email = unique("leaver");
        invite(tenant.key(), email, "editor");
        Person leaver = people().signIn(email, "Lee");
        Page created = leaver.send("POST", "/v1/api-keys", "{\"name\":\"lee laptop\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().get("key").asText();
        String keyId = created.json().get("id").asText();
        assertThat(api.get("/v1/whoami", key).status()).isEqualTo(200);

        ApiResponse removed = api.delete("/v1/members/" + UserIds.of(email), tenant.key());

        assertThat(removed.status()).isEqualTo(204);
        assertThat(api.get("/v1/whoami", key).status()).isEqualTo(401);
        assertThat(leaver.get("/auth/session").status()).isEqualTo(401);
        JsonNode revoked = api.get("/v1/audit-events?action=api_key.revoked", tenant.key())
                .json()
                .get("items");
        assertThat(revoked).extracting(e -> e.at("/resource/id").asText()).containsExactly(keyId);
        assertThat(api.get("/v1/members", tenant.key()).json().get("members")).hasSize(1);
        assertThat(api.get("/v1/members/" + UserIds.of(email), tenant.key()).status())
                .isEqualTo(404);
    }

    @Test
    void givenAnInvitation_whenRevoked_thenTheInviteeNoLongerJoins() {
        Tenant tenant = api.signUp("revoke-invite");
        String email = unique("late");
        String invitationId = invite(tenant.key(), email, "viewer").get("id").asText();

        assertThat(api.delete("/v1/invitations/" + invitationId, tenant.key()).status())
                .isEqualTo(204);

        Person late = people().signIn(email, "Late");
        assertThat(late.workspaceId()).isNotEqualTo(tenant.id());
        assertThat(api.get("/v1/invitations/" + invitationId, tenant.key()).status())
                .isEqualTo(404);
    }

    @Test
    void givenAgentsAndNarrowKeys_whenTheyManageMembers_thenRefused() {
        Tenant tenant = api.signUp("member-keys");
        String agentId = api.post("/v1/agents", tenant.key(), "{\"name\":\"bot\",\"role\":\"admin\"}")
                .json()
                .get("id")
                .asText();
        String agentKey = api.createKey(
                        tenant.key(),
                        "{\"name\":\"bot key\",\"scopes\":[\"members:manage\",\"members:read\"],"
                                + "\"identity\":{\"type\":\"agent\",\"agentId\":\"" + agentId + "\"}}")
                .get("key")
                .asText();
        String narrow = api.createKey(tenant.key(), "{\"name\":\"narrow\",\"scopes\":[\"artifacts:read\"]}")
                .get("key")
                .asText();

        ApiResponse byAgent =
                api.post("/v1/invitations", agentKey, "{\"email\":\"x@example.com\",\"role\":\"viewer\"}");
        ApiResponse byNarrow = api.post("/v1/invitations", narrow, "{\"email\":\"x@example.com\",\"role\":\"viewer\"}");

        assertThat(byAgent.status()).isEqualTo(403);
        assertThat(byAgent.json().get("type").asText()).endsWith("/identity-escalation");
        assertThat(byNarrow.status()).isEqualTo(403);
        assertThat(api.get("/v1/members", narrow).status()).isEqualTo(403);
        assertThat(api.get("/v1/members", agentKey).status()).isEqualTo(200);
    }

    @Test
    void givenBadInvitations_whenSent_thenClearProblems_andNothingIsWritten() {
        Tenant tenant = api.signUp("bad-invite");
        String email = unique("twice");
        invite(tenant.key(), email, "viewer");

        assertThat(api.post("/v1/invitations", tenant.key(), "{\"email\":\"not-an-email\",\"role\":\"viewer\"}")
                        .status())
                .isEqualTo(422);
        assertThat(api.post("/v1/invitations", tenant.key(), "{\"email\":\"a@example.com\",\"role\":\"god\"}")
                        .status())
                .isEqualTo(422);
        assertThat(api.post("/v1/invitations", tenant.key(), "{\"email\":\"" + email + "\",\"role\":\"viewer\"}")
                        .status())
                .isEqualTo(409);
        assertThat(api.post(
                                "/v1/invitations",
                                tenant.key(),
                                "{\"email\":\"" + ownerEmail(tenant) + "\",\"role\":\"viewer\"}")
                        .json()
                        .get("type")
                        .asText())
                .endsWith("/already-a-member");
        assertThat(api.get("/v1/invitations", tenant.key()).json().get("invitations"))
                .hasSize(1);
    }

    @Test
    void givenAnotherTenant_whenItReachesThisWorkspacesPeople_thenEverythingIs404() {
        Tenant tenant = api.signUp("people-a");
        Tenant other = api.signUp("people-b");
        String invitationId =
                invite(tenant.key(), unique("guest"), "viewer").get("id").asText();
        String ownerId = UserIds.of(ownerEmail(tenant));

        assertThat(api.get("/v1/members/" + ownerId, other.key()).status()).isEqualTo(404);
        assertThat(api.patch("/v1/members/" + ownerId, other.key(), "{\"role\":\"viewer\"}")
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/v1/members/" + ownerId, other.key()).status()).isEqualTo(404);
        assertThat(api.get("/v1/invitations/" + invitationId, other.key()).status())
                .isEqualTo(404);
        assertThat(api.delete("/v1/invitations/" + invitationId, other.key()).status())
                .isEqualTo(404);
        assertThat(api.get("/v1/members", other.key()).json().get("members"))
                .extracting(m -> m.get("email").asText())
                .containsExactly(ownerEmail(other));
    }
}
