#!/usr/bin/env python3
"""Appends N events of many synthetic tenants to domain_event_entry, for the replay scenario.

The events are copies of real ones: the harness signs up a template tenant over HTTP and makes it
create a key, an artifact and a version, so the server writes one event of each kind with its
real serializer (Jackson JSON bytes, metadata included). This script reads those rows and, for
every synthetic tenant, rewrites their payload and metadata text with the tenant's own ids
(tenantId, keyId, projectId, artifactId, version numbers, secrets, names, times, request and
correlation ids), keeping payload_type, payload_revision and the aggregate type. Streams are
internally consistent, so every view can apply them:

  per tenant  TenantCreated, ApiKeyCreated (its first key, actor: the owner), ProjectCreated,
              TenantPlanChanged (free -> team, actor: the admin API), then `keys` more
              ApiKeyCreated (actor: the first key), `artifacts` ArtifactCreated in the project and
              ArtifactVersionAppended round robin over the artifacts (versions 2, 3, ...)
  aggregates  tenant, key, project and artifact ids; sequence numbers 0, 1, ... per aggregate
  order       the tenants' streams interleaved round robin (many tenants active at once, as
              the audit view's per-tenant sequencing meets them in production)
  times       increasing along the global order, ending now (so every entry is inside its
              tenant's audit retention window)

Rows go in with one COPY (the server must be stopped: the table's identity gives the positions).
Prints a JSON summary (events, tenants, counts per kind) on stdout.
Connection from PGHOST/PGPORT/PGUSER/PGPASSWORD and BENCH_DB.
"""
import argparse
import datetime
import json
import os
import re
import secrets
import subprocess
import sys


def psql(sql):
    out = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", os.environ["BENCH_DB"], "-c", sql],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"psql failed: {out.stderr}")
    return out.stdout.strip()


def templates(tenant):
    """The template tenant's events, oldest first, as dicts with text payload and metadata."""
    rows = psql(
        "SELECT COALESCE(json_agg(json_build_object('payload_type', payload_type, 'payload_revision', payload_revision,"
        " 'type', type, 'aggregate', aggregate_identifier, 'sequence', sequence_number,"
        " 'payload', convert_from(payload, 'UTF8'), 'meta', convert_from(meta_data, 'UTF8')) ORDER BY global_index),"
        " '[]') FROM domain_event_entry"
        f" WHERE convert_from(payload, 'UTF8')::json->>'tenantId' = '{tenant}'")
    events = json.loads(rows)
    by_kind = {}
    for e in events:
        kind = e["payload_type"].rsplit(".", 1)[-1]
        meta = json.loads(e["meta"])
        if kind == "ApiKeyCreated":
            kind = "ApiKeyCreatedByKey" if meta.get("actorKeyId") else "ApiKeyCreated"
        by_kind.setdefault(kind, e)  # the first of each kind
    needed = ["TenantCreated", "ApiKeyCreated", "ProjectCreated", "TenantPlanChanged", "ApiKeyCreatedByKey",
              "ArtifactCreated", "ArtifactVersionAppended"]
    missing = [k for k in needed if k not in by_kind]
    if missing:
        sys.exit(f"the template tenant {tenant} has no event of kind {missing}")
    return by_kind


_TIMES = re.compile(r'"(createdAt|appendedAt|changedAt)":"[^"]*"')
_VERSION = re.compile(r'"version":\d+')
_CORRELATION = re.compile(r'"(traceId|correlationId)":"[^"]*"')
_REQUEST = re.compile(r'"requestId":"[^"]*"')


def compile_template(text, literals):
    """A str.format pattern of a JSON text: each quoted literal (an id, a name) becomes a field, as
    do the event's times, version, request id and correlation ids; every other byte stays."""
    pattern = text.replace("{", "{{").replace("}", "}}")
    for old, field in literals.items():
        pattern = pattern.replace(json.dumps(old), '"{' + field + '}"')
    pattern = _TIMES.sub(lambda m: f'"{m.group(1)}":"{{at}}"', pattern)
    pattern = _VERSION.sub('"version":{version}', pattern)
    pattern = _CORRELATION.sub(lambda m: f'"{m.group(1)}":"{{corr}}"', pattern)
    pattern = _REQUEST.sub('"requestId":"{req}"', pattern)
    return pattern


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--template-tenant", required=True)
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--events-per-tenant", type=int, default=2000)
    parser.add_argument("--keys", type=int, default=4, help="keys each tenant creates after its first")
    parser.add_argument("--versions-per-artifact", type=int, default=100)
    args = parser.parse_args()
    n = args.events
    tpl = templates(args.template_tenant)

    t_payload = json.loads(tpl["TenantCreated"]["payload"])
    k0 = json.loads(tpl["ApiKeyCreated"]["payload"])
    k1 = json.loads(tpl["ApiKeyCreatedByKey"]["payload"])
    project = json.loads(tpl["ProjectCreated"]["payload"])["projectId"]
    artifact = json.loads(tpl["ArtifactCreated"]["payload"])["artifactId"]
    literals = {
        args.template_tenant: "tenant",
        t_payload["name"]: "tname",
        t_payload["ownerEmail"]: "email",
        k0["keyId"]: "key0",
        k0["secretSha256"]: "secret0",
        k1["keyId"]: "key",
        k1["secretSha256"]: "secret",
        k1["name"]: "kname",
        project: "project",
        artifact: "artifact",
    }
    kinds = {}
    for kind, e in tpl.items():
        kinds[kind] = dict(
            payload=compile_template(e["payload"], literals), meta=compile_template(e["meta"], literals),
            payload_type=e["payload_type"], revision=e["payload_revision"] or "\\N", type=e["type"] or "\\N")

    run = secrets.token_hex(4)

    def ident(kind, t, j=0):
        return f"{run}-{kind:04x}-4{(t >> 12) & 0xfff:03x}-8{t & 0xfff:03x}-{j:012x}"

    tenants = max(1, n // args.events_per_tenant)
    budgets = [n // tenants + (1 if t < n % tenants else 0) for t in range(tenants)]

    def stream(t, budget):
        """One tenant's events: (kind, aggregate id, sequence number, fields)."""
        ids = dict(tenant=ident(1, t), tname=f"replay-{run}-{t}", email=f"replay-{t}@{run}.example",
                   key0=ident(2, t), secret0=f"{run}{t:056x}", project=ident(3, t))
        yield "TenantCreated", ids["tenant"], 0, ids
        yield "ApiKeyCreated", ids["key0"], 0, ids
        yield "ProjectCreated", ids["project"], 0, ids
        yield "TenantPlanChanged", ids["tenant"], 1, ids
        rest = budget - 4
        keys = min(args.keys, max(0, rest - 1))
        for j in range(1, keys + 1):
            yield "ApiKeyCreatedByKey", ident(2, t, j), 0, dict(ids, key=ident(2, t, j), kname=f"replay key {j}",
                                                                secret=f"{run}{t:028x}{j:028x}")
        rest -= keys
        artifacts = max(1, min(rest, rest // args.versions_per_artifact)) if rest > 0 else 0
        versions = [1] * artifacts
        for j in range(artifacts):
            yield "ArtifactCreated", ident(4, t, j), 0, dict(ids, artifact=ident(4, t, j))
        for r in range(rest - artifacts):
            j = r % artifacts
            versions[j] += 1
            yield ("ArtifactVersionAppended", ident(4, t, j), versions[j] - 1,
                   dict(ids, artifact=ident(4, t, j), version=versions[j]))

    copy = subprocess.Popen(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", os.environ["BENCH_DB"], "-c",
         "\\copy domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,"
         " time_stamp, aggregate_identifier, sequence_number, type) FROM STDIN"],
        stdin=subprocess.PIPE, text=True)
    # Ten events a millisecond, ending now; payload times carry microseconds as the server's do.
    end = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    start = end - datetime.timedelta(milliseconds=n // 10 + 1)
    counts = {}
    streams = [stream(t, b) for t, b in enumerate(budgets)]
    batch = []
    i = 0
    while streams:
        alive = []
        for s in streams:
            item = next(s, None)
            if item is None:
                continue
            alive.append(s)
            kind, aggregate, sequence, fields = item
            k = kinds[kind]
            at = start + datetime.timedelta(microseconds=i * 100)
            event_id = ident(5, i >> 24, i)
            values = dict(fields, at=at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), corr=ident(6, i >> 24, i),
                          req=ident(7, i >> 24, i))
            payload = k["payload"].format(**values).encode()
            meta = k["meta"].format(**values).encode()
            batch.append("\t".join([
                event_id, "\\\\x" + meta.hex(), "\\\\x" + payload.hex(), k["revision"], k["payload_type"],
                at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z", aggregate, str(sequence),
                k["type"]]) + "\n")
            counts[kind] = counts.get(kind, 0) + 1
            i += 1
            if len(batch) == 10000:
                copy.stdin.write("".join(batch))
                batch.clear()
        streams = alive
    copy.stdin.write("".join(batch))
    copy.stdin.close()
    if copy.wait() != 0:
        sys.exit("COPY failed")
    psql("ANALYZE domain_event_entry")
    print(json.dumps(dict(events=i, tenants=tenants, kinds=counts, run=run)))


if __name__ == "__main__":
    main()
