package dev.artifacta.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.events.ApiKeyRevoked;
import dev.artifacta.events.ArtifactCreated;
import dev.artifacta.events.ArtifactVersionAppended;
import dev.artifacta.events.CommentPosted;
import dev.artifacta.events.MemberRemoved;
import dev.artifacta.events.ProjectCreated;
import dev.artifacta.events.ShareLinkCreated;
import dev.artifacta.events.TenantPlanChanged;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialChangesTest {

    @Test
    void givenOnlyArtifactCommentShareLinkAndProjectEvents_thenTheWriteCannotChangeCredentials() {
        assertThat(CredentialChanges.mayChangeCredentials(Set.of(
                        ArtifactCreated.class,
                        ArtifactVersionAppended.class,
                        CommentPosted.class,
                        ShareLinkCreated.class,
                        ProjectCreated.class)))
                .isFalse();
    }

    @Test
    void givenAKeyTenantOrMemberEventAmongThem_thenTheWriteMayChangeCredentials() {
        assertThat(CredentialChanges.mayChangeCredentials(Set.of(ArtifactVersionAppended.class, ApiKeyRevoked.class)))
                .isTrue();
        assertThat(CredentialChanges.mayChangeCredentials(Set.of(TenantPlanChanged.class)))
                .isTrue();
        assertThat(CredentialChanges.mayChangeCredentials(Set.of(MemberRemoved.class)))
                .isTrue();
    }

    @Test
    void givenNoKnownTypes_thenTheWriteMayChangeCredentials() {
        assertThat(CredentialChanges.mayChangeCredentials(Set.of())).isTrue();
        assertThat(CredentialChanges.mayChangeCredentials(Set.of(Object.class))).isTrue();
    }
}
