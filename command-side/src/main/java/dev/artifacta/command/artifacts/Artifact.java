package dev.artifacta.command.artifacts;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.artifacta.command.plans.PlanFeatures;
import dev.artifacta.command.plans.PlanUpgradeRequired;
import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.command.shared.PlainText;
import dev.artifacta.command.shared.SecretText;
import dev.artifacta.events.ArtifactAccessUpdated;
import dev.artifacta.events.ArtifactCreated;
import dev.artifacta.events.ArtifactDeleted;
import dev.artifacta.events.ArtifactRestored;
import dev.artifacta.events.ArtifactVersionAppended;
import dev.artifacta.events.ContentRef;
import dev.artifacta.events.UserIds;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

/**
 * An artifact: a title, a numbered history of versions whose head is the current content, access
 * settings, and a soft-deleted flag. Version numbers come from here alone, so concurrent appends
 * can never share or skip one (the repository serializes commands per artifact, and the event
 * store's unique (aggregate, sequence) refuses any that slip past).
 */
@AggregateRoot
public class Artifact {

    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_VIEWER_EMAILS = 100;

    private record Version(ContentRef content, Instant at) {}

    @AggregateIdentifier
    private String artifactId;

    private String tenantId;
    private long head;
    private final Map<Long, Version> versions = new HashMap<>();
    private boolean deleted;

    protected Artifact() {
        // For Axon: state is rebuilt from events.
    }

    @CommandHandler
    public Artifact(CreateArtifact command, ContentStore store) {
        String title = PlainText.normalized("title", command.title());
        NewContent newContent = withPlainFileName(command.content());
        if (title == null || title.isBlank() || title.length() > MAX_TITLE_LENGTH || !title.equals(title.strip())) {
            throw new InvalidRequest(
                    "invalid-title", "A title is 1 to " + MAX_TITLE_LENGTH + " characters without surrounding spaces.");
        }
        if (SecretText.containsKey(title) || SecretText.containsKey(newContent.fileName())) {
            throw new InvalidRequest(
                    "secret-in-plain-text", "The title or file name contains what looks like an API key.");
        }
        requireValidContentType(newContent);
        requireNoSecret(newContent);
        if (command.makePrivate() && !command.plan().privateArtifacts()) {
            throw new PlanUpgradeRequired("private artifacts", command.plan());
        }
        ContentRef content =
                store.store(command.tenantId(), newContent, command.plan().storageBytes());
        apply(new ArtifactCreated(
                command.tenantId(),
                command.artifactId(),
                command.projectId(),
                title,
                content,
                !command.makePrivate(),
                command.now()));
    }

    @CommandHandler
    public AppendedVersion handle(AppendArtifactVersion command, ContentStore store) {
        requireVisibleTo(command.tenantId());
        requireHead(command.expectedVersion());
        NewContent newContent =
                withPlainFileName(command.content().following(versions.get(head).content()));
        requireValidContentType(newContent);
        if (SecretText.containsKey(newContent.fileName())) {
            throw new InvalidRequest("secret-in-plain-text", "The file name contains what looks like an API key.");
        }
        requireNoSecret(newContent);
        ContentRef content = store.store(tenantId, newContent, command.plan().storageBytes());
        apply(new ArtifactVersionAppended(tenantId, artifactId, head + 1, content, command.now()));
        return new AppendedVersion(head, content);
    }

    @CommandHandler
    public long handle(RestoreArtifactVersion command) {
        requireVisibleTo(command.tenantId());
        requireHead(command.expectedVersion());
        Version source = readableVersion(command.version(), command.plan(), command.now());
        if (command.version() == head) {
            throw new InvalidRequest("restore-of-head", "Version " + head + " is already the head.");
        }
        apply(new ArtifactRestored(tenantId, artifactId, head + 1, command.version(), source.content(), command.now()));
        return head;
    }

    @CommandHandler
    public void handle(DeleteArtifact command) {
        requireVisibleTo(command.tenantId());
        requireHead(command.expectedVersion());
        apply(new ArtifactDeleted(tenantId, artifactId, command.now()));
    }

    @CommandHandler
    public void handle(UpdateArtifactAccess command) {
        requireVisibleTo(command.tenantId());
        requireHead(command.expectedVersion());
        PlanFeatures plan = command.plan();
        if (command.publicEdit() && !command.publicView()) {
            throw new InvalidRequest("invalid-access", "publicEdit needs publicView: editors can also view.");
        }
        List<String> emails = normalizedEmails(command.viewerEmails());
        if (!command.publicView() && !plan.privateArtifacts()) {
            throw new PlanUpgradeRequired("private artifacts", plan);
        }
        if (command.publicEdit() && !plan.publicEdit()) {
            throw new PlanUpgradeRequired("public edit links", plan);
        }
        if (!emails.isEmpty() && !plan.emailAllowlists()) {
            throw new PlanUpgradeRequired("email allowlists", plan);
        }
        apply(new ArtifactAccessUpdated(
                tenantId, artifactId, command.publicView(), command.publicEdit(), emails, command.now()));
    }

    /** Refuses unless the artifact exists for the tenant and is not deleted (share links ask this). */
    public void requireVisibleTo(String callerTenantId) {
        if (deleted || !tenantId.equals(callerTenantId)) {
            throw new ArtifactNotFound(artifactId);
        }
    }

    @EventSourcingHandler
    void on(ArtifactCreated event) {
        artifactId = event.artifactId();
        tenantId = event.tenantId();
        head = 1;
        versions.put(1L, new Version(event.content(), event.createdAt()));
    }

    @EventSourcingHandler
    void on(ArtifactVersionAppended event) {
        head = event.version();
        versions.put(event.version(), new Version(event.content(), event.appendedAt()));
    }

    @EventSourcingHandler
    void on(ArtifactRestored event) {
        head = event.version();
        versions.put(event.version(), new Version(event.content(), event.restoredAt()));
    }

    @EventSourcingHandler
    void on(ArtifactDeleted event) {
        deleted = true;
    }

    private void requireHead(Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != head) {
            throw new VersionMismatch(expectedVersion, head);
        }
    }

    /** The head is always readable; older versions only within the plan's version history. */
    private Version readableVersion(long version, PlanFeatures plan, Instant now) {
        Version found = versions.get(version);
        boolean expired = found != null
                && version != head
                && found.at().isBefore(now.minus(Duration.ofDays(plan.versionHistoryDays())));
        if (found == null || expired) {
            throw new VersionNotFound(version);
        }
        return found;
    }

    /** The content with its file name checked against the text rule and in NFC. */
    private static NewContent withPlainFileName(NewContent content) {
        String fileName = PlainText.normalized("file name", content.fileName());
        return java.util.Objects.equals(fileName, content.fileName())
                ? content
                : new NewContent(content.bytes(), content.contentType(), fileName);
    }

    /** Content is kept for ever in the content store: a pasted key or share token must not be (push protection). */
    private static void requireNoSecret(NewContent content) {
        if (SecretText.containsKey(content.bytes())) {
            throw new InvalidRequest(
                    "secret-in-content",
                    "The content contains what looks like an API key or share-link token (ak_live_…, sl_live_…);"
                            + " secrets are never stored. Remove it (and revoke the key if it is real).");
        }
    }

    private static void requireValidContentType(NewContent content) {
        String type = content.contentType();
        if (type == null
                || !type.matches("^[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}"
                        + "(\\s*;\\s*[a-zA-Z0-9!#$&^_.+-]+=(\"[^\"]*\"|[a-zA-Z0-9!#$&^_.+-]+))*$")) {
            throw new InvalidRequest(
                    "invalid-content-type",
                    type == null
                            ? "A content type such as text/markdown is required."
                            : "'" + type + "' is not a media type such as text/markdown.");
        }
        String fileName = content.fileName();
        if (fileName != null && (fileName.isBlank() || fileName.length() > 255 || fileName.contains("/"))) {
            throw new InvalidRequest("invalid-file-name", "A file name is 1 to 255 characters without '/'.");
        }
    }

    private static List<String> normalizedEmails(List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > MAX_VIEWER_EMAILS) {
            throw new InvalidRequest("invalid-access", "At most " + MAX_VIEWER_EMAILS + " viewer emails.");
        }
        var emails = new TreeSet<String>();
        for (String email : requested) {
            if (email == null || email.length() > 254 || !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
                throw new InvalidRequest("invalid-access", "'" + email + "' is not an email address.");
            }
            // The same normal form sign-in gives a person's email (stripped, NFC, lower case).
            emails.add(UserIds.normalizeEmail(email));
        }
        return List.copyOf(emails);
    }
}
