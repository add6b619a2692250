package dev.artifacta.server.processing.store;

import java.util.Locale;

/** The databases Artifacta runs on, told apart by the JDBC URL of its data source. */
public enum DatabaseVendor {
    POSTGRESQL,
    H2;

    /**
     * The vendor of a JDBC URL.
     *
     * @throws IllegalStateException for any other database
     */
    public static DatabaseVendor of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        String[] parts = jdbcUrl.split(":", 3);
        String scheme = parts.length > 1 ? parts[1] : "?";
        throw new IllegalStateException("Artifacta runs on PostgreSQL or the embedded H2 database, not " + scheme);
    }

    /** The name of the vendor's folder of migrations, {@code db/vendor/<folder>}. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }
}
