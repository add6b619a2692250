package dev.artifacta.command.projects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.artifacta.command.shared.InvalidRequest;
import dev.artifacta.command.shared.PlainText;
import dev.artifacta.command.shared.SecretText;
import dev.artifacta.events.ProjectCreated;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

/** A project groups a tenant's artifacts under a slug. Every tenant has {@code default}. */
@AggregateRoot
public class Project {

    public static final String DEFAULT_SLUG = "default";
    public static final int MAX_NAME_LENGTH = 100;
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$");

    @AggregateIdentifier
    private String projectId;

    protected Project() {
        // For Axon: state is rebuilt from events.
    }

    @CommandHandler
    public Project(CreateProject command, ProjectDirectory directory) {
        this(command, directory.isSlugTaken(command.tenantId(), command.slug()));
    }

    /** Creates a project whose slug the caller has checked (signup's {@code default}). */
    public Project(CreateProject command, boolean slugTaken) {
        if (!isValidSlug(command.slug())) {
            throw new InvalidRequest(
                    "invalid-project-slug",
                    "A project slug is 1 to 63 lowercase letters, digits or single hyphens, starting and ending"
                            + " with a letter or digit.");
        }
        String name = PlainText.normalized("project name", command.name());
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || !name.equals(name.strip())) {
            throw new InvalidRequest(
                    "invalid-project-name",
                    "A project name is 1 to " + MAX_NAME_LENGTH + " characters without surrounding spaces.");
        }
        if (SecretText.containsKey(name)) {
            throw new InvalidRequest("secret-in-plain-text", "The name contains what looks like an API key.");
        }
        if (slugTaken) {
            throw new ProjectSlugTaken(command.slug());
        }
        apply(new ProjectCreated(command.tenantId(), command.projectId(), command.slug(), name, command.now()));
    }

    @EventSourcingHandler
    void on(ProjectCreated event) {
        projectId = event.projectId();
    }

    /** 1 to 63 lowercase letters, digits and single inner hyphens (a DNS label). */
    static boolean isValidSlug(String slug) {
        return slug != null && SLUG.matcher(slug).matches() && !slug.contains("--");
    }
}
