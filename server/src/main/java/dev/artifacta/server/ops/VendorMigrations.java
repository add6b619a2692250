package dev.artifacta.server.ops;

import dev.artifacta.server.axon.DatabaseVendor;
import dev.artifacta.server.database.MigrationRole;
import io.micronaut.context.annotation.Value;
import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Adds the vendor-specific migration folder ({@code db/vendor/postgresql} or {@code db/vendor/h2})
 * to the common {@code db/migration}, chosen from the JDBC URL. Only the append-only guard differs
 * between vendors; version numbers are shared, so each vendor folder holds the same versions.
 */
@Singleton
@Named("default")
public class VendorMigrations implements FlywayConfigurationCustomizer {

    private final String jdbcUrl;
    private final MigrationRole migrationRole;

    public VendorMigrations(@Value("${datasources.default.url}") String jdbcUrl, MigrationRole migrationRole) {
        this.jdbcUrl = jdbcUrl;
        this.migrationRole = migrationRole;
    }

    @Override
    public void customizeFluentConfiguration(FluentConfiguration configuration) {
        configuration.locations(
                "classpath:db/migration",
                "classpath:db/vendor/" + DatabaseVendor.of(jdbcUrl).folder());
        migrationRole.applyTo(configuration);
    }

    @Override
    public String getName() {
        return "default";
    }
}
