#!/usr/bin/env python3
"""Appends a real hash chain of N audit entries to a tenant's audit view, for the export scenario.

Computes each entry's canonical form (RFC 8785: for these ASCII keys and string and integer
values, JSON with sorted keys and no whitespace) and SHA-256(previous hash || canonical entry)
independently of the server, continuing the tenant's chain from its head in audit_tenant, and
streams the rows into audit_log with COPY. The export scenario then checks the server's export of
them with the offline verifier, which also cross-checks this implementation of the canonical form.
Connection from PGHOST/PGPORT/PGUSER/PGPASSWORD and BENCH_DB.
"""
import argparse
import datetime
import hashlib
import json
import os
import subprocess
import sys
import time


def psql(sql):
    out = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", os.environ["BENCH_DB"], "-c", sql],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"psql failed: {out.stderr}")
    return out.stdout.strip()


def settled_head(tenant):
    """The tenant's chain head once the audit view has caught up with its signup."""
    last, same_since = None, time.time()
    deadline = time.time() + 60
    while time.time() < deadline:
        row = psql(f"SELECT last_sequence, last_hash, last_occurred_at FROM audit_tenant WHERE tenant_id = '{tenant}'")
        if row and row != last:
            last, same_since = row, time.time()
        if row and time.time() - same_since > 1.0:
            sequence, hash_, occurred = row.split("|")
            return int(sequence), hash_, occurred
        time.sleep(0.1)
    sys.exit("the audit view did not settle for the tenant")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenant", required=True)
    parser.add_argument("--entries", type=int, required=True)
    args = parser.parse_args()
    tenant, n = args.tenant, args.entries
    head_sequence, head_hash, head_time = settled_head(tenant)
    start = datetime.datetime.fromisoformat(psql(f"SELECT to_char(TIMESTAMP WITH TIME ZONE '{head_time}' AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')") + "+00:00")

    copy = subprocess.Popen(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", os.environ["BENCH_DB"], "-c",
         "\\copy audit_log (tenant_id, sequence, previous_hash, hash, event_id, occurred_at, action,"
         " actor_type, actor_id, actor_display_name, actor_key_id, actor_key_name, actor_identity_type,"
         " actor_identity_name, resource_type, resource_id, request_id, client_address, user_agent, details)"
         " FROM STDIN"],
        stdin=subprocess.PIPE, text=True)
    previous = head_hash
    key_id = "00000000-0000-4000-8000-0000000000b1"
    batch = []
    for i in range(1, n + 1):
        sequence = head_sequence + i
        at = start + datetime.timedelta(microseconds=i)
        occurred = at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        artifact = f"00000000-0000-4000-8000-{i % 1000:012d}"
        details = {"version": i, "sha256": hashlib.sha256(str(i).encode()).hexdigest(), "size": 100 + i % 900}
        entry = {
            "tenantId": tenant, "sequence": sequence, "eventId": f"00000000-0000-4000-9000-{i:012d}",
            "occurredAt": occurred, "action": "artifact.version_appended",
            "actor": {"type": "api_key", "id": key_id, "displayName": "API Key: bench export",
                      "keyId": key_id, "keyName": "bench export",
                      "identity": {"type": "user", "name": "owner@bench.test"}},
            "resource": {"type": "artifact", "id": artifact},
            "request": {"id": f"req-{i}", "clientAddress": "10.0.0.2", "userAgent": "bench/audit_chain.py"},
            "details": details,
        }
        canonical = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256(bytes.fromhex(previous) + canonical.encode("utf-8")).hexdigest()
        batch.append("\t".join([
            tenant, str(sequence), previous, digest, entry["eventId"],
            at.strftime("%Y-%m-%d %H:%M:%S.%f+00"), entry["action"], "api_key", key_id, "API Key: bench export",
            key_id, "bench export", "user", "owner@bench.test", "artifact", artifact, f"req-{i}", "10.0.0.2",
            "bench/audit_chain.py", json.dumps(details, separators=(",", ":"))]) + "\n")
        previous = digest
        if len(batch) == 10000:
            copy.stdin.write("".join(batch))
            batch.clear()
    copy.stdin.write("".join(batch))
    copy.stdin.close()
    if copy.wait() != 0:
        sys.exit("COPY failed")
    last_time = (start + datetime.timedelta(microseconds=n)).strftime("%Y-%m-%d %H:%M:%S.%f+00")
    psql(f"UPDATE audit_tenant SET last_sequence = {head_sequence + n}, last_hash = '{previous}',"
         f" last_occurred_at = '{last_time}' WHERE tenant_id = '{tenant}'")
    psql("ANALYZE audit_log")
    print(f"sequences {head_sequence + 1}..{head_sequence + n}")


if __name__ == "__main__":
    main()
