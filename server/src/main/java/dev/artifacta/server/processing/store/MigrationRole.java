package dev.artifacta.server.processing.store;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Which database role runs the migrations. With {@code artifacta.database.migration-user} set
 * ({@code ARTIFACTA_DB_MIGRATION_USER}), Flyway connects as that role, which owns the event store,
 * and the server's own role ({@code datasources.default.username}) holds only what the
 * {@code afterMigrate} callback grants it: it can append events but never change, delete or
 * unprotect them (docs/operations.md, "Database roles"). It connects to
 * {@code artifacta.database.migration-url} when set (say, straight to PostgreSQL while the server
 * goes through a pooler), else to the server's URL. Unset, the server's role migrates and owns
 * everything, as on the embedded H2 database.
 */
@Singleton
public class MigrationRole {

    /** The Flyway placeholder that names the server's role in the {@code afterMigrate} callback. */
    static final String SERVER_ROLE_PLACEHOLDER = "server_role";

    private final String url;
    private final String serverUser;
    private final String migrationUser;
    private final String migrationPassword;

    public MigrationRole(
            @Value("${datasources.default.url}") String serverUrl,
            @Value("${artifacta.database.migration-url:}") String migrationUrl,
            @Value("${datasources.default.username:}") String serverUser,
            @Value("${artifacta.database.migration-user:}") String migrationUser,
            @Value("${artifacta.database.migration-password:}") String migrationPassword) {
        this.url = migrationUrl.isBlank() ? serverUrl : migrationUrl;
        this.serverUser = serverUser;
        this.migrationUser = migrationUser;
        this.migrationPassword = migrationPassword;
    }

    /** Points Flyway at the migration role, when one is configured, and names the server's role. */
    public void applyTo(FluentConfiguration configuration) {
        configuration.placeholders(Map.of(SERVER_ROLE_PLACEHOLDER, serverUser));
        if (!migrationUser.isBlank()) {
            configuration.dataSource(url, migrationUser, migrationPassword);
        }
    }
}
