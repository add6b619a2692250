package dev.artifacta.server.processing.store;

import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Adds the vendor-specific migration folder ({@code db/vendor/postgresql} or {@code db/vendor/h2})
 * to the common {@code db/migration}, chosen by the {@link DatabaseVendor}. Only the append-only guard differs
 * between vendors; version numbers are shared, so each vendor folder holds the same versions.
 */
@Singleton
@Named("default")
public class VendorMigrations implements FlywayConfigurationCustomizer {

    private final DatabaseVendor vendor;
    private final MigrationRole migrationRole;

    public VendorMigrations(DatabaseVendor vendor, MigrationRole migrationRole) {
        this.vendor = vendor;
        this.migrationRole = migrationRole;
    }

    @Override
    public void customizeFluentConfiguration(FluentConfiguration configuration) {
        configuration.locations("classpath:db/migration", "classpath:db/vendor/" + vendor.folder());
        migrationRole.applyTo(configuration);
    }

    @Override
    public String getName() {
        return "default";
    }
}
