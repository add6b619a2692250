package dev.artifacta.server.processing.store;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Has the PostgreSQL driver send a JDBC batch of inserts as multi-row {@code INSERT}s (up to 128
 * rows a statement) instead of one statement per row. The views write one batch per statement kind
 * per processor batch; a profile of the audit view's rebuild spent a third of its time waiting for
 * PostgreSQL to execute 1,000 single-row inserts a batch. Set before the pool exists; other
 * databases' drivers are left as they are.
 */
@Singleton
public class PostgresBatchInserts implements BeanCreatedEventListener<DatasourceConfiguration> {

    static final String PROPERTY = "reWriteBatchedInserts";

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        if (DatabaseVendor.of(datasource.getJdbcUrl()) == DatabaseVendor.POSTGRESQL) {
            datasource.addDataSourceProperty(PROPERTY, "true");
        }
        return datasource;
    }
}
