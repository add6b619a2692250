package dev.artifacta.query.members;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** The member-list view. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MemberListRepository extends CrudRepository<MemberListRow, String> {

    @Query("SELECT * FROM member_list WHERE tenant_id = :tenantId AND kind = :kind ORDER BY email, entry_id")
    List<MemberListRow> findByTenant(String tenantId, String kind);

    Optional<MemberListRow> findByEntryIdAndTenantIdAndKind(String entryId, String tenantId, String kind);

    void updateRole(@Id String entryId, String role);

    void updateDisplayName(@Id String entryId, String displayName);
}
