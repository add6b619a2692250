package dev.artifacta.command.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artifacta.events.ArtifactCreated;
import dev.artifacta.events.ArtifactRestored;
import dev.artifacta.events.ArtifactVersionAppended;
import dev.artifacta.events.ContentRef;
import dev.artifacta.events.EventJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An artifact's state survives the snapshot serializer: what loads from a snapshot equals what was saved. */
class ArtifactSnapshotTest {

    private static final ObjectMapper SNAPSHOTS = EventJson.snapshotMapper();
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final ContentRef V1 = new ContentRef("a".repeat(64), 3, "text/plain", "a.txt");
    private static final ContentRef V2 = new ContentRef("b".repeat(64), 4, "text/markdown", null);

    @Test
    void givenArtifactWithHistory_whenSnapshottedAndRead_thenItsStateIsTheSame() throws Exception {
        Artifact artifact = new Artifact();
        artifact.on(new ArtifactCreated("tenant", "artifact", "project", "Notes", V1, true, AT));
        artifact.on(new ArtifactVersionAppended("tenant", "artifact", 2, V2, AT.plusSeconds(1)));
        artifact.on(new ArtifactRestored("tenant", "artifact", 3, 1, V1, AT.plusSeconds(2)));

        String snapshot = SNAPSHOTS.writeValueAsString(artifact);
        Artifact loaded = SNAPSHOTS.readValue(snapshot, Artifact.class);

        assertThat(snapshot).contains("\"head\":3", "\"tenantId\":\"tenant\"", "a.txt");
        assertThat(SNAPSHOTS.writeValueAsString(loaded)).isEqualTo(snapshot);
        loaded.requireVisibleTo("tenant");
    }
}
