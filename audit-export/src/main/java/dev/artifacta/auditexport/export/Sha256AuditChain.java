package dev.artifacta.auditexport.export;

import dev.artifacta.auditexport.format.ChainHash;
import dev.artifacta.query.auditlog.AuditChain;
import dev.artifacta.query.auditlog.AuditLogRow;
import jakarta.inject.Singleton;

/** The audit view's chain, computed exactly as the offline verifier recomputes it. */
@Singleton
public class Sha256AuditChain implements AuditChain {

    @Override
    public String hash(String previousHash, AuditLogRow entry) {
        return ChainHash.of(previousHash, RowDocuments.canonical(entry));
    }
}
