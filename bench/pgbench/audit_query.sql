-- pgbench: GET /v1/audit-events?keyName=K (newest page of 50), as AuditLogQueries runs it: the
-- retention window's start turned into a sequence bound (one probe of (tenant_id, occurred_at)),
-- then one range of the (tenant_id, actor_key_name, sequence) index, newest first, limit + 1.
-- Each statement autocommits, as the server's reads do. Variables (-D): tenant, keyname.
SELECT sequence FROM audit_log WHERE tenant_id = :tenant AND occurred_at >= now() - interval '365 days'
 ORDER BY occurred_at ASC, sequence ASC LIMIT 1 \gset first_
SELECT * FROM audit_log WHERE tenant_id = :tenant AND actor_key_name = :keyname AND sequence >= :first_sequence
 ORDER BY sequence DESC LIMIT 51;
