package dev.artifacta.server.members;

import dev.artifacta.events.ApiScope;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.openapi.ApiAnswers;
import dev.artifacta.server.http.openapi.ApiProblems;
import dev.artifacta.server.members.MemberViews.InvitationList;
import dev.artifacta.server.members.MemberViews.InvitationView;
import dev.artifacta.server.members.MemberViews.MemberList;
import dev.artifacta.server.members.MemberViews.MemberView;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;

/**
 * The workspace's people. Reading needs {@code members:read} (a signed-in person needs no scope);
 * inviting, changing roles and removing need {@code members:manage} and an owner or admin; only
 * an owner gives or takes the owner role. A person joins by signing in with the invited, verified
 * email.
 */
@Controller("/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Members")
@ApiProblems.BadRequest
@ApiProblems.Unauthenticated
@ApiProblems.Forbidden
@ApiProblems.TooManyRequests
@ExecuteOn(TaskExecutors.BLOCKING)
public class MembersController {

    /** Whom to invite, with which workspace role. */
    @Schema(name = "InviteRequest")
    @Serdeable
    public record InviteRequest(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 16) String role) {}

    /** A member's new workspace role. */
    @Schema(name = "MemberRoleRequest")
    @Serdeable
    public record RoleRequest(@NotBlank @Size(max = 16) String role) {}

    private final MemberService members;

    public MembersController(MemberService members) {
        this.members = members;
    }

    @Get("/members")
    @Operation(
            operationId = "listMembers",
            summary = "List members",
            description = "The workspace's members with their roles, by email.")
    public MemberList list(HttpRequest<?> request) {
        return new MemberList(members.list(Principals.requireScope(request, ApiScope.MEMBERS_READ)));
    }

    @Get("/members/{userId}")
    @Operation(
            operationId = "getMember",
            summary = "Read a member",
            description = "By user id; the same id in every workspace.")
    @ApiProblems.NotFound
    public MemberView read(HttpRequest<?> request, @PathVariable String userId) {
        return members.read(Principals.requireScope(request, ApiScope.MEMBERS_READ), userId);
    }

    @Patch("/members/{userId}")
    @Operation(
            operationId = "changeMemberRole",
            summary = "Change a member's role",
            description = "Owners and admins; only an owner gives or takes the owner role; the last owner keeps it.")
    @ApiProblems.NotFound
    @ApiProblems.Conflict
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public MemberView changeRole(HttpRequest<?> request, @PathVariable String userId, @Body @Valid RoleRequest body) {
        return members.changeRole(
                Principals.requireScope(request, ApiScope.MEMBERS_MANAGE),
                userId,
                body.role(),
                RequestInfos.of(request));
    }

    @Delete("/members/{userId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "removeMember",
            summary = "Remove a member",
            description = "Revokes every key that acts as them and ends their sessions. Anyone may remove themselves"
                    + " (leave); the last owner never can be removed.")
    @ApiAnswers.NoContent
    @ApiProblems.NotFound
    @ApiProblems.Conflict
    public HttpResponse<Void> remove(HttpRequest<?> request, @PathVariable String userId) {
        members.remove(Principals.requireScope(request, ApiScope.MEMBERS_MANAGE), userId, RequestInfos.of(request));
        return HttpResponse.noContent();
    }

    @Get("/invitations")
    @Operation(
            operationId = "listInvitations",
            summary = "List invitations",
            description = "Invitations not yet accepted or revoked.")
    public InvitationList invitations(HttpRequest<?> request) {
        return new InvitationList(members.invitations(Principals.requireScope(request, ApiScope.MEMBERS_READ)));
    }

    @Post("/invitations")
    @Status(HttpStatus.CREATED)
    @Operation(
            operationId = "invitePerson",
            summary = "Invite a person",
            description = "The person joins with the role when they sign in with this email, verified by their"
                    + " identity provider, before the invitation expires.")
    @ApiAnswers.Created
    @ApiProblems.Conflict
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public HttpResponse<InvitationView> invite(HttpRequest<?> request, @Body @Valid InviteRequest body) {
        InvitationView invitation = members.invite(
                Principals.requireScope(request, ApiScope.MEMBERS_MANAGE),
                body.email(),
                body.role(),
                RequestInfos.of(request));
        return HttpResponse.created(invitation, URI.create("/v1/invitations/" + invitation.id()));
    }

    @Get("/invitations/{id}")
    @Operation(
            operationId = "getInvitation",
            summary = "Read an invitation",
            description = "An invitation not yet accepted or revoked (expired ones included).")
    @ApiProblems.NotFound
    public InvitationView invitation(HttpRequest<?> request, @PathVariable String id) {
        return members.invitation(Principals.requireScope(request, ApiScope.MEMBERS_READ), id);
    }

    @Delete("/invitations/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "revokeInvitation",
            summary = "Revoke an invitation",
            description = "The person can no longer join with it.")
    @ApiAnswers.NoContent
    @ApiProblems.NotFound
    public HttpResponse<Void> revoke(HttpRequest<?> request, @PathVariable String id) {
        members.revokeInvitation(
                Principals.requireScope(request, ApiScope.MEMBERS_MANAGE), id, RequestInfos.of(request));
        return HttpResponse.noContent();
    }
}
