package dev.artifacta.command.members.infrastructure;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The member lookup table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MemberRegistryRepository extends CrudRepository<MemberRow, String> {

    /** The workspaces a person belongs to, the one joined last first. */
    @Query("SELECT * FROM member_registry WHERE user_id = :userId ORDER BY joined_at DESC")
    List<MemberRow> findByUser(String userId);

    @Query("UPDATE member_registry SET role = :role WHERE membership_id = :membershipId")
    void updateRole(String membershipId, String role);

    @Query("UPDATE member_registry SET display_name = :displayName WHERE membership_id = :membershipId")
    void updateDisplayName(String membershipId, String displayName);

    long countByTenantId(String tenantId);
}
