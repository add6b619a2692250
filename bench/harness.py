#!/usr/bin/env python3
"""Artifacta benchmark harness (issue #6); started by bench/run, which prepares the machine.

Creates a fresh PostgreSQL database, starts the server jar on it, drives each scenario over HTTP
with wrk, runs the equivalent raw SQL with pgbench against the same database and concurrency,
prints one table and writes bench/results/<UTC timestamp>.json. Standard library only.

Scenarios live in SCENARIOS (in run order); each is a function that appends rows to the report.
The replay scenario stops and restarts the server (self.server is then the new process).
"""

import argparse
import ctypes
import datetime
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
WRK_DIR = os.path.join(BENCH, "wrk")
PGB_DIR = os.path.join(BENCH, "pgbench")
ADMIN_TOKEN = "bench-admin-token-not-secret"

# Sizes and durations per mode. Full mode has the sizes (10M audit rows, 1M export entries,
# 1M replay events) and fits 20 minutes on 2 cores because every replay has a deadline
# (replay_deadlines_s, per run): a replay not caught up by then is reported with the rate it
# reached and NO instead of holding up the run (at about 1 ms per event, rebuilding every view
# from 1M events would take some 17 minutes on its own). The budget per scenario is in
# docs/benchmarks.md; each scenario's wall-clock time is in the JSON (scenario_seconds).
MODES = {
    "quick": dict(seconds=3, warmup=2, write_warmup=2, key_warmup=2, artifacts=16, key_tenants=8,
                  audit_rows=100_000, export_entries=20_000, replay_events=20_000, replay_deadlines_s={"audit-log": 120, "api-key-list": 60, "all": 120}),
    "full": dict(seconds=15, warmup=30, write_warmup=120, key_warmup=30, artifacts=64, key_tenants=16,
                 audit_rows=10_000_000, export_entries=1_000_000, replay_events=1_000_000,
                 replay_deadlines_s={"audit-log": 150, "api-key-list": 60, "all": 180}),
}


def log(message):
    print(f"bench/run: {message}", file=sys.stderr, flush=True)


class BenchError(Exception):
    pass


# --- PostgreSQL -------------------------------------------------------------------------------


class Postgres:
    def __init__(self, host, port, user, password, admin_db):
        self.host, self.port, self.user, self.password, self.admin_db = host, port, user, password, admin_db

    def env(self):
        env = dict(os.environ)
        env.update(PGHOST=self.host, PGPORT=str(self.port), PGUSER=self.user, PGPASSWORD=self.password)
        return env

    def psql(self, db, sql=None, file=None, variables=None, capture=True):
        cmd = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", db]
        for key, value in (variables or {}).items():
            cmd += ["-v", f"{key}={value}"]
        cmd += ["-f", file] if file else ["-c", sql]
        for attempt in range(5):
            result = subprocess.run(cmd, env=self.env(), capture_output=True, text=True)
            # A shared PostgreSQL may have no connection slot left for a moment; the statement did not
            # run, so trying again is safe.
            if result.returncode == 0 or "remaining connection slots" not in result.stderr:
                break
            time.sleep(1 + attempt)
        if result.returncode != 0:
            raise BenchError(f"psql failed ({' '.join(cmd)}): {result.stderr.strip()}")
        return result.stdout.strip()

    def jdbc_url(self, db):
        return f"jdbc:postgresql://{self.host}:{self.port}/{db}"

    def version(self):
        return self.psql(self.admin_db, "SHOW server_version")

    # Settings that move the figures; a machine's provisioning may change them (CI machines here
    # turn autovacuum off, so a bench database is never analyzed while it runs).
    SETTINGS = ("autovacuum", "fsync", "synchronous_commit", "shared_buffers", "max_connections")

    def settings(self):
        names = ", ".join(f"'{n}'" for n in self.SETTINGS)
        rows = self.psql(self.admin_db, f"SELECT name || '=' || setting FROM pg_settings WHERE name IN ({names})")
        return dict(line.split("=", 1) for line in rows.splitlines() if "=" in line)


def postgres_from(args):
    """--pg-* options, else ARTIFACTA_TEST_DB_URL (+ _USER/_PASSWORD) as the tests use, else local."""
    host, port, user, password, admin_db = "127.0.0.1", 5432, "artifacta", "artifacta", "artifacta"
    url = os.environ.get("ARTIFACTA_TEST_DB_URL", "").strip()
    if url:
        m = re.match(r"jdbc:postgresql://([^:/?]+)(?::(\d+))?/([^?]*)", url)
        if not m:
            raise BenchError(f"cannot read ARTIFACTA_TEST_DB_URL={url!r} (expected jdbc:postgresql://host:port/db)")
        host, port, admin_db = m.group(1), int(m.group(2) or 5432), m.group(3) or "postgres"
        user = os.environ.get("ARTIFACTA_TEST_DB_USER", user)
        password = os.environ.get("ARTIFACTA_TEST_DB_PASSWORD", "")
    return Postgres(
        args.pg_host or host,
        args.pg_port or port,
        args.pg_user or user,
        args.pg_password if args.pg_password is not None else password,
        args.pg_admin_db or admin_db,
    )


# --- the server -------------------------------------------------------------------------------


def _die_with_parent():
    """Runs in the server's child process: SIGTERM it when the harness dies, even by SIGKILL."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, jar, pg, db, log_path, java_opts):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
        # The load signs up many tenants from one address: lift the per-address signup limit.
        # The heap bin/run-server, the Docker image and compose ship (ARTIFACTA_HEAP, default 512m,
        # ARTIFACTA_HEAP_MIN, default 256m, marking at a fixed share), so the memory rows measure the
        # server as it runs; --java-opts comes after and wins.
        self.command = [
            java,
            "-Xms" + os.environ.get("ARTIFACTA_HEAP_MIN", "256m"),
            "-Xmx" + os.environ.get("ARTIFACTA_HEAP", "512m"),
            "-XX:-G1UseAdaptiveIHOP",
            *java_opts,
            "-Ddisable-axoniq-console-message=true",
            "-Dartifacta.signup.rate-limit.max-signups=1000000",
            "-jar",
            jar,
        ]
        env = dict(os.environ)
        env.update(
            ARTIFACTA_DB_URL=pg.jdbc_url(db),
            ARTIFACTA_DB_USER=pg.user,
            ARTIFACTA_DB_PASSWORD=pg.password,
            ARTIFACTA_PORT=str(self.port),
            ARTIFACTA_ADMIN_TOKEN=ADMIN_TOKEN,
        )
        self.log_path = log_path
        self.log_file = open(log_path, "a")  # the replay scenario restarts the server: one log
        self.process = subprocess.Popen(
            self.command, env=env, stdout=self.log_file, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
        )

    def wait_ready(self, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"the server exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise BenchError(f"the server did not answer /health within {timeout} s; see {self.log_path}")

    def status(self, field):
        """A field of /proc/<pid>/status in kB (VmRSS, VmHWM), or None once the process is gone."""
        try:
            with open(f"/proc/{self.process.pid}/status") as f:
                for line in f:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def request(self, method, path, body=None, key=None, admin=False, expect=(200, 201)):
        headers = {"Content-Type": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        if admin:
            headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                payload = response.read()
                status = response.status
        except urllib.error.HTTPError as e:
            payload, status = e.read(), e.code
        if status not in expect:
            raise BenchError(f"{method} {path} answered {status}: {payload[:300]!r}")
        return json.loads(payload) if payload else None

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()


class RssSampler:
    """Samples the server's VmRSS every 200 ms while running; remembers the peak."""

    def __init__(self, server):
        self.server, self.peak_kb, self._stop = server, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, self.server.status("VmRSS") or 0)
            self._stop.wait(0.2)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


# --- load generators --------------------------------------------------------------------------

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_cpu_s(pid):
    """User + system CPU seconds of a process (and its waited-for children), or 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(int(v) for v in fields[11:15]) / _TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def _threads_cpu_s(pid):
    """CPU seconds so far of a process's threads, summed by name with digits dropped (GC Thread#0 and #1
    count as one; names as the kernel keeps them, cut at 15 characters)."""
    by_name = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = re.sub(r"[-#]?\d+", "", f.read().strip()).strip("-") or "?"
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            by_name[name] = by_name.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / _TICKS
        except (OSError, IndexError, ValueError):
            pass
    return by_name


def _threads_spent(before, after, at_least):
    """CPU seconds each thread name spent between two _threads_cpu_s snapshots, most first, leaving
    out names that spent less than at_least."""
    spent = {name: cpu - before.get(name, 0.0) for name, cpu in after.items()}
    return {name: cpu for name, cpu in sorted(spent.items(), key=lambda t: -t[1]) if cpu >= at_least}


def clean(figures):
    """Whether a wrk run had no errors and no answers outside 2xx."""
    return figures["errors"] == 0 and figures["non2xx"] == 0


def _children_cpu_s():
    """User + system CPU seconds of this process's finished children (curl, psql, ...)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _processes_named(prefix):
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as f:
                    if f.read().strip().startswith(prefix):
                        yield int(entry)
            except OSError:
                pass


def cpu_snapshot(server_pid):
    """CPU seconds so far of the server, of every PostgreSQL process, and of the whole machine.

    PostgreSQL backends that exit between two snapshots take their CPU with them, which is why the
    figures are taken around wrk runs (the server's pool connections live through them)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    total = (v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / _TICKS  # busy: all but idle and iowait
    return dict(server=_proc_cpu_s(server_pid),
                postgres=sum(_proc_cpu_s(pid) for pid in _processes_named("postgres")),
                machine=total)


def cpu_per_request(before, after, requests):
    """Microseconds of CPU per request: the server's, PostgreSQL's, and the rest of the machine's
    busy time (wrk, the kernel, anything else running)."""
    if not requests:
        return None
    us = {k: (after[k] - before[k]) * 1e6 / requests for k in ("server", "postgres", "machine")}
    return dict(server_us=round(us["server"], 1), postgres_us=round(us["postgres"], 1),
                other_us=round(max(0.0, us["machine"] - us["server"] - us["postgres"]), 1))




def wrk(base, script, clients, seconds, env, label, server_pid=None):
    """wrk's figures; with server_pid also the CPU each request cost the server and PostgreSQL."""
    threads = max(1, min(clients, os.cpu_count() or 2))
    cmd = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", script, base]
    before = cpu_snapshot(server_pid) if server_pid else None
    threads_before = _threads_cpu_s(server_pid) if server_pid else None
    result = subprocess.run(cmd, env={**os.environ, **env}, capture_output=True, text=True, timeout=seconds + 60)
    line = next((l for l in result.stdout.splitlines() if l.startswith("JSON ")), None)
    if result.returncode != 0 or line is None:
        raise BenchError(f"wrk ({label}) failed: {result.stdout[-500:]} {result.stderr[-500:]}")
    figures = json.loads(line[5:])
    if before:
        figures["cpu"] = cpu_per_request(before, cpu_snapshot(server_pid), figures.get("requests"))
        if figures["cpu"]:
            # The server's share by thread (request threads, the views' processors, the JIT, GC):
            # what a request's CPU went to, each thread name at 3 % of the server's CPU or more.
            n = figures["requests"]
            spent = _threads_spent(threads_before, _threads_cpu_s(server_pid),
                                   0.03 * figures["cpu"]["server_us"] * n / 1e6)
            figures["cpu"]["server_threads_us"] = {name: round(cpu * 1e6 / n, 1) for name, cpu in spent.items()}
    settings = dict(
        tool="wrk",
        version=wrk_version(),
        command=" ".join(cmd),
        threads=threads,
        connections=clients,
        duration_s=seconds,
        script=os.path.relpath(script, ROOT),
        env={k: v for k, v in env.items() if "KEY" not in k or k == "KEY_TTL_SECONDS"},
    )
    log(f"{label}: {figures['rps']:.1f} req/s, p50 {figures['p50_ms']:.2f} ms, p99 {figures['p99_ms']:.2f} ms, "
        f"non-2xx {figures['non2xx']}, errors {figures['errors']}")
    if figures.get("cpu"):
        c = figures["cpu"]
        log(f"{label}: CPU per request: server {c['server_us']:.0f} us, PostgreSQL {c['postgres_us']:.0f} us, "
            f"rest of the machine {c['other_us']:.0f} us")
        if c.get("server_threads_us"):
            log(f"{label}: the server's CPU per request by thread: "
                + ", ".join(f"{name} {us:.0f} us" for name, us in c["server_threads_us"].items()))
    if figures.get("statuses"):
        log(f"{label}: answers outside 2xx {figures['statuses']}, first: {figures.get('first_non2xx')}")
    return figures, settings


_WRK_VERSION = None


def wrk_version():
    global _WRK_VERSION
    if _WRK_VERSION is None:
        out = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
        _WRK_VERSION = out.splitlines()[0].strip() if out else "unknown"
    return _WRK_VERSION


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def pgbench(pg, db, script, clients, seconds, variables, label):
    threads = max(1, min(clients, os.cpu_count() or 2))
    logdir = tempfile.mkdtemp(prefix="bench-pgbench-")
    try:
        cmd = ["pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", str(threads), "-T", str(seconds),
               "-f", script, "-l", "--log-prefix", os.path.join(logdir, "tx")]
        for key, value in variables.items():
            cmd += ["-D", f"{key}={value}"]
        cmd.append(db)
        result = subprocess.run(cmd, env=pg.env(), capture_output=True, text=True, timeout=seconds + 120,
                                cwd=logdir)
        tps = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", result.stdout)
        failed = re.search(r"number of failed transactions: (\d+)", result.stdout)
        if result.returncode != 0 or not tps:
            raise BenchError(f"pgbench ({label}) failed: {result.stdout[-800:]} {result.stderr[-800:]}")
        latencies = []
        for name in os.listdir(logdir):
            with open(os.path.join(logdir, name)) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) >= 3 and parts[2].isdigit():
                        latencies.append(int(parts[2]) / 1000.0)
        latencies.sort()
        figures = dict(
            transactions=len(latencies),
            failed=int(failed.group(1)) if failed else 0,
            tps=float(tps.group(1)),
            p50_ms=percentile(latencies, 50),
            p90_ms=percentile(latencies, 90),
            p99_ms=percentile(latencies, 99),
        )
    finally:
        shutil.rmtree(logdir, ignore_errors=True)
    settings = dict(
        tool="pgbench",
        version=subprocess.run(["pgbench", "--version"], capture_output=True, text=True).stdout.strip(),
        command=" ".join(cmd[:-1] + ["<db>"]).replace(os.path.join(logdir, "tx"), "<tmp>/tx"),
        protocol="prepared",
        clients=clients,
        threads=threads,
        duration_s=seconds,
        script=os.path.relpath(script, ROOT),
        variables=variables,
    )
    log(f"{label}: {figures['tps']:.1f} tx/s, p50 {fmt(figures['p50_ms'])} ms, p99 {fmt(figures['p99_ms'])} ms, "
        f"failed {figures['failed']}")
    return figures, settings


# --- the run ----------------------------------------------------------------------------------


def fmt(value, digits=2):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


class Run:
    def __init__(self, args, pg):
        self.args, self.pg = args, pg
        self.mode = "quick" if args.quick else "full"
        self.cfg = dict(MODES[self.mode])
        if args.seconds:
            self.cfg["seconds"] = args.seconds
        if args.warmup is not None:
            self.cfg.update(warmup=args.warmup, write_warmup=args.warmup, key_warmup=args.warmup)
        if args.replay_events:
            self.cfg["replay_events"] = args.replay_events
        if args.replay_deadline:
            self.cfg["replay_deadlines_s"] = {run: args.replay_deadline for run in self.cfg["replay_deadlines_s"]}
        now = datetime.datetime.now(datetime.timezone.utc)
        self.started = now
        self.stamp = now.strftime("%Y%m%dT%H%M%SZ")
        self.db = f"artifacta_bench_{now.strftime('%Y%m%d_%H%M%S')}_{os.getpid()}"
        self.rows = []  # the table: one dict per row
        self.scenarios = {}  # detailed figures and settings per scenario, for the JSON
        self.server = None
        self.shadow_ready = False
        self.scenario_seconds = {}  # wall-clock time of the setup and of each scenario, for the budget

    # Rows of the table. ratio = ours / limit; met = whether the target holds (None: no target).
    def row(self, scenario, measure, ours, limit, unit, target=None, met=None, ratio=None, status="ok"):
        if ratio is None and isinstance(ours, (int, float)) and isinstance(limit, (int, float)) and limit:
            ratio = ours / limit
        self.rows.append(dict(scenario=scenario, measure=measure, ours=ours, limit=limit, unit=unit,
                              ratio=ratio, target=target, met=met, status=status))

    def pending(self, scenario, measure, target, why):
        self.rows.append(dict(scenario=scenario, measure=measure, ours=None, limit=None, unit=None, ratio=None,
                              target=target, met=None, status="pending", note=why))
        self.scenarios[scenario] = dict(status="pending", note=why)

    # --- setup -------------------------------------------------------------------------------

    def start(self):
        log(f"mode {self.mode}; PostgreSQL {self.pg.host}:{self.pg.port} (user {self.pg.user}); database {self.db}")
        self.pg.psql(self.pg.admin_db, f"CREATE DATABASE {self.db}")
        os.makedirs(self.args.results, exist_ok=True)
        java_opts = self.args.java_opts.split() if self.args.java_opts else []
        self.server = Server(self.args.jar, self.pg, self.db,
                             os.path.join(self.args.results, f"{self.stamp}.server.log"), java_opts)
        log(f"server pid {self.server.process.pid} on port {self.server.port}; log {self.server.log_path}")
        t0 = time.time()
        self.server.wait_ready()
        self.startup_s = time.time() - t0
        log(f"server ready in {self.startup_s:.1f} s")

    def signup(self, name):
        answer = self.server.request("POST", "/v1/signup", {"tenant": name, "email": f"{name}@example.test"})
        key, tenant = answer["apiKey"]["key"], answer["tenant"]["id"]
        self.server.request("PUT", f"/admin/v1/tenants/{tenant}/plan", {"plan": "team"}, admin=True,
                            expect=(200, 204))
        return key, tenant

    def load(self):
        self.key, self.tenant = self.signup("bench")
        self.artifacts = [
            self.server.request("POST", "/v1/artifacts", {"title": f"bench {i}", "content": "first"},
                                key=self.key)["id"]
            for i in range(self.cfg["artifacts"])
        ]
        self.public_artifact = self.artifacts[0]
        access = self.server.request("GET", f"/v1/artifacts/{self.public_artifact}/access", key=self.key)
        if not access.get("publicView"):
            self.server.request("PUT", f"/v1/artifacts/{self.public_artifact}/access",
                                {"publicView": True, "publicEdit": False, "viewerEmails": []}, key=self.key)
        self.key_tenants = [self.signup(f"bench-keys-{i}")[0] for i in range(self.cfg["key_tenants"])]
        log(f"loaded: tenant {self.tenant}, {len(self.artifacts)} artifacts, {len(self.key_tenants)} key tenants")

    def shadow_tables(self):
        """bench_ twins of the tables for pgbench (bench/pgbench/setup.sql), once, after real writes."""
        if self.shadow_ready:
            return
        t0 = time.time()
        # setup.sql copies a real appended version and a real created key (events and audit rows);
        # with --scenarios without write or key_create none exists yet, so make one of each.
        self.server.request("POST", f"/v1/artifacts/{self.artifacts[-1]}/versions",
                            {"content": f"seed {self.stamp}", "contentType": "text/plain"}, key=self.key)
        self.server.request("POST", "/v1/api-keys", {"name": f"bench seed {self.stamp}"}, key=self.key)
        self.wait_audit_settled()
        self.pg.psql(self.db, file=os.path.join(PGB_DIR, "setup.sql"),
                     variables=dict(artifacts=self.cfg["artifacts"], tenants=self.cfg["key_tenants"], segments=64))
        self.shadow_ready = True
        log(f"pgbench tables ready in {time.time() - t0:.1f} s")

    def wait_audit_settled(self, timeout=60):
        """Waits until the audit view has an entry for every event (the seed's included)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if int(self.pg.psql(self.db, "SELECT (SELECT COUNT(*) FROM domain_event_entry) - "
                                         "(SELECT COUNT(*) FROM audit_log)")) <= 0:
                return
            time.sleep(0.2)
        raise BenchError(f"the audit view did not catch up within {timeout} s")

    # --- scenarios ---------------------------------------------------------------------------

    def scenario_write(self):
        s = self.cfg["seconds"]
        script = os.path.join(WRK_DIR, "append.lua")
        one = dict(ARTIFACT_IDS=",".join(self.artifacts), API_KEY=self.key)
        # Over many tenants: as many artifacts as the one tenant has, spread over the key tenants
        # round robin (artifact i in key tenant i % n, as append.sql places them), each written
        # with its own tenant's key.
        tenants = len(self.key_tenants)
        keys = [self.key_tenants[i % tenants] for i in range(self.cfg["artifacts"])]
        ids = [self.server.request("POST", "/v1/artifacts", {"title": f"bench tenants {i}", "content": "first"},
                                   key=key)["id"] for i, key in enumerate(keys)]
        many = dict(ARTIFACT_IDS=",".join(ids), ARTIFACT_KEYS=",".join(keys))
        # (JSON key, label, clients, wrk's environment, append.sql's tenants, appends/s target as a
        # share of pgbench's tx/s, p99 target as a multiple of pgbench's)
        runs = [("clients_1", "1 client", 1, one, 1, 0.4, None),
                ("clients_16", "16 clients", 16, one, 1, 0.6, 1.5),
                ("clients_16_tenants", f"16 clients over {tenants} tenants", 16, many, tenants, 0.6, None)]
        # Warm-up: JIT, connection pools, the processors' threads; not measured. The first write
        # scenario of a fresh server: after 30 s the C2 compiler still took half of a 1-client
        # append's server CPU (4.4 of 8.7 ms), after 120 s 0.13 of 4.2 ms, so full mode warms up 120 s.
        wrk(self.server.base, script, 16, self.cfg["write_warmup"], dict(one, RUN_TAG=f"warm{self.stamp}"),
            "write warm-up", server_pid=self.server.process.pid)
        details = {}
        hwm_before = self.server.status("VmHWM")
        with RssSampler(self.server) as rss:
            for key, label, clients, env, n, _, _ in runs:
                ours, ours_settings = wrk(self.server.base, script, clients, s, dict(env, RUN_TAG=f"{key}{self.stamp}"),
                                          f"write, {label}", server_pid=self.server.process.pid)
                details[key] = dict(ours=ours, ours_settings=ours_settings, tenants=n)
        self.memory = dict(write_peak_rss_kb=rss.peak_kb, vm_hwm_kb_before_write=hwm_before,
                           vm_hwm_kb_after_write=self.server.status("VmHWM"))
        self.shadow_tables()
        for key, label, clients, _, n, share, p99_times in runs:
            # The statements in one transaction (the target's limit), then in the server's four
            # (split=1: what the design's shape costs PostgreSQL; no target).
            limit, limit_settings = pgbench(self.pg, self.db, os.path.join(PGB_DIR, "append.sql"), clients, s,
                                            dict(artifacts=self.cfg["artifacts"], tenants=n, split=0),
                                            f"write pgbench, {label}")
            split, split_settings = pgbench(self.pg, self.db, os.path.join(PGB_DIR, "append.sql"), clients, s,
                                            dict(artifacts=self.cfg["artifacts"], tenants=n, split=1),
                                            f"write pgbench in four transactions, {label}")
            d = details[key]
            d.update(limit=limit, limit_settings=limit_settings, split=split, split_settings=split_settings)
            ours, ok = d["ours"], clean(d["ours"])
            self.row("write", f"{label}: appends/s vs pgbench tx/s", ours["rps"], limit["tps"], "/s",
                     target=f">= {share}", met=ok and ours["rps"] >= share * limit["tps"])
            self.row("write", f"{label}: p50 latency", ours["p50_ms"], limit["p50_ms"], "ms")
            if p99_times:
                self.row("write", f"{label}: p99 latency", ours["p99_ms"], limit["p99_ms"], "ms",
                         target=f"<= {p99_times}x", met=ok and ours["p99_ms"] <= p99_times * limit["p99_ms"])
            else:
                self.row("write", f"{label}: p99 latency", ours["p99_ms"], limit["p99_ms"], "ms")
            self.row("write", f"{label}: pgbench in the server's four transactions vs in one, tx/s", split["tps"],
                     limit["tps"], "/s")
            self.row("write", f"{label}: appends/s vs pgbench in the server's four transactions", ours["rps"],
                     split["tps"], "/s")
        self.scenarios["write"] = details

    def scenario_key_create(self):
        s = self.cfg["seconds"]
        env = dict(API_KEYS=",".join(self.key_tenants), KEY_TTL_SECONDS="2", RUN_TAG=f"k{self.stamp}")
        # Warm-up of the key path (the writes warmed the rest), not measured.
        wrk(self.server.base, os.path.join(WRK_DIR, "create_key.lua"), 16, self.cfg["key_warmup"],
            dict(env, RUN_TAG=f"kw{self.stamp}"), "key create warm-up", server_pid=self.server.process.pid)
        ours, ours_settings = wrk(self.server.base, os.path.join(WRK_DIR, "create_key.lua"), 16, s, env,
                                  "key create, 16 clients", server_pid=self.server.process.pid)
        self.shadow_tables()
        limit, limit_settings = pgbench(self.pg, self.db, os.path.join(PGB_DIR, "create_key.sql"), 16, s,
                                        dict(tenants=self.cfg["key_tenants"], split=0), "key create pgbench, 16 clients")
        split, split_settings = pgbench(self.pg, self.db, os.path.join(PGB_DIR, "create_key.sql"), 16, s,
                                        dict(tenants=self.cfg["key_tenants"], split=1),
                                        "key create pgbench in three transactions, 16 clients")
        ok = clean(ours)
        self.row("key create", "16 clients: keys/s vs pgbench tx/s", ours["rps"], limit["tps"], "/s",
                 target=">= 0.6", met=ok and ours["rps"] >= 0.6 * limit["tps"])
        self.row("key create", "16 clients: p99 latency", ours["p99_ms"], limit["p99_ms"], "ms")
        self.row("key create", "16 clients: pgbench in the server's three transactions vs in one, tx/s",
                 split["tps"], limit["tps"], "/s")
        self.row("key create", "16 clients: keys/s vs pgbench in the server's three transactions", ours["rps"],
                 split["tps"], "/s")
        self.scenarios["key_create"] = dict(ours=ours, ours_settings=ours_settings, limit=limit,
                                            limit_settings=limit_settings, split=split,
                                            split_settings=split_settings, tenants=self.cfg["key_tenants"])

    def scenario_auth_read(self):
        s = self.cfg["seconds"]
        script = os.path.join(WRK_DIR, "read.lua")
        # Warm-up of the read path (both variants), not measured.
        wrk(self.server.base, script, 16, self.cfg["warmup"], dict(ARTIFACT_ID=self.public_artifact,
                                                                   API_KEY=self.key), "read warm-up")
        with_key, with_key_settings = wrk(self.server.base, script, 16, s,
                                          dict(ARTIFACT_ID=self.public_artifact, API_KEY=self.key),
                                          "auth read with key, 16 clients", server_pid=self.server.process.pid)
        public, public_settings = wrk(self.server.base, script, 16, s, dict(ARTIFACT_ID=self.public_artifact),
                                      "auth read without key, 16 clients", server_pid=self.server.process.pid)
        self.shadow_tables()
        vars_ = dict(artifacts=self.cfg["artifacts"])
        pg_key, pg_key_settings = pgbench(self.pg, self.db, os.path.join(PGB_DIR, "read_key.sql"), 16, s, vars_,
                                          "auth read pgbench with key lookup, 16 clients")
        pg_public, pg_public_settings = pgbench(self.pg, self.db, os.path.join(PGB_DIR, "read_public.sql"), 16, s,
                                                vars_, "auth read pgbench without key lookup, 16 clients")
        ok = clean(with_key) and clean(public)
        self.row("auth read", "16 clients: with key vs without key, req/s", with_key["rps"], public["rps"], "/s",
                 target=">= 0.8", met=ok and with_key["rps"] >= 0.8 * public["rps"])
        self.row("auth read", "16 clients: with key, req/s vs pgbench", with_key["rps"], pg_key["tps"], "/s",
                 met=None if ok else False)
        self.row("auth read", "16 clients: without key, req/s vs pgbench", public["rps"], pg_public["tps"], "/s",
                 met=None if ok else False)
        self.row("auth read", "16 clients: p99 with key / without key", with_key["p99_ms"], public["p99_ms"], "ms",
                 target="<= 2x", met=ok and with_key["p99_ms"] <= 2 * public["p99_ms"])
        self.scenarios["auth_read"] = dict(
            with_key=dict(ours=with_key, ours_settings=with_key_settings, limit=pg_key, limit_settings=pg_key_settings),
            without_key=dict(ours=public, ours_settings=public_settings, limit=pg_public,
                             limit_settings=pg_public_settings),
            artifact=self.public_artifact,
        )

    # GET /v1/audit-events?keyName=... newest page over audit_rows entries of one tenant, one
    # client (latency), against pgbench running the same two statements (bench/pgbench/audit_query.sql).
    # The rows are loaded straight into the view with SQL: the query reads the view, so how the rows
    # got there does not change what is measured. Loading: the secondary indexes dropped
    # (audit_rows_prepare.sql), two sessions inserting half the rows each (audit_rows.sql), then
    # only the two indexes the query's plan can use rebuilt (audit_rows_index.sql, one session
    # each) and ANALYZE; the plan of both statements goes into the JSON (EXPLAIN ANALYZE, BUFFERS).
    # Afterwards audit_rows_cleanup.sql removes the loaded rows and rebuilds the seven other
    # indexes over what is left, so that what follows writes into the view as Flyway made it.
    # Building those seven over 10M rows would take about 4.5 of the load's 6 minutes (measured on
    # 2 cores under load) and change nothing the query reads.
    AUDIT_QUERY_INDEXES = ["ix_audit_log_key_name", "ix_audit_log_time"]

    def scenario_audit_query(self):
        n, s = self.cfg["audit_rows"], self.cfg["seconds"]
        key, tenant = self.signup("bench-audit-query")
        base = int(self.pg.psql(self.db, f"SELECT COALESCE(MAX(sequence), 0) FROM audit_log WHERE tenant_id = '{tenant}'"))
        phases = {}
        t0 = time.time()
        self.pg.psql(self.db, file=os.path.join(BENCH, "audit_rows_prepare.sql"))
        halves = [(1, n // 2), (n // 2 + 1, n)]
        self.parallel_psql([dict(file="audit_rows.sql", variables=dict(tenant=tenant, n=n, base=base, **{"from": a, "to": b}))
                            for a, b in halves])
        phases["insert_s"] = round(time.time() - t0, 1)
        t1 = time.time()
        self.parallel_psql([dict(file="audit_rows_index.sql", variables=dict(index=i)) for i in self.AUDIT_QUERY_INDEXES])
        phases["index_s"] = round(time.time() - t1, 1)
        t1 = time.time()
        self.pg.psql(self.db, "ANALYZE audit_log")
        phases["analyze_s"] = round(time.time() - t1, 1)
        load_s = time.time() - t0
        total = int(self.pg.psql(self.db, "SELECT COUNT(*) FROM audit_log"))
        log(f"audit query: loaded {n} entries in {load_s:.1f} s ({phases}; {total} audit rows in all)")
        path = "/v1/audit-events?keyName=key-042&limit=50"
        page = self.server.request("GET", path, key=key)
        if len(page["items"]) != 50 or page["items"][0]["actor"]["keyName"] != "key-042":
            raise BenchError(f"audit query returned an unexpected page: {str(page)[:300]}")
        env = dict(PATH_AND_QUERY=path, API_KEY=key)
        script = os.path.join(WRK_DIR, "get.lua")
        wrk(self.server.base, script, 1, self.cfg["warmup"], env, "audit query warm-up")
        ours, ours_settings = wrk(self.server.base, script, 1, s, env, "audit query, 1 client")
        limit, limit_settings = pgbench(self.pg, self.db, os.path.join(PGB_DIR, "audit_query.sql"), 1, s,
                                        dict(tenant=tenant, keyname="key-042"), "audit query pgbench, 1 client")
        plans = self.audit_query_plans(tenant)
        t1 = time.time()
        self.pg.psql(self.db, file=os.path.join(BENCH, "audit_rows_cleanup.sql"), variables=dict(tenant=tenant))
        cleanup_s = time.time() - t1
        log(f"audit query: loaded rows removed, every index back, in {cleanup_s:.1f} s")
        ok = clean(ours)
        self.row("audit query", f"keyName newest page over {n:,} rows, 1 client: p50", ours["p50_ms"],
                 limit["p50_ms"], "ms")
        self.row("audit query", f"keyName newest page over {n:,} rows, 1 client: p99", ours["p99_ms"],
                 limit["p99_ms"], "ms", target="< 10 ms", met=ok and ours["p99_ms"] < 10)
        self.row("audit query", "1 client: pages/s vs pgbench tx/s", ours["rps"], limit["tps"], "/s",
                 met=None if ok else False)
        self.scenarios["audit_query"] = dict(rows=n, rows_in_table=total, load_s=round(load_s, 1), load_phases=phases,
                                             indexes_during_measurement=["audit_log_pkey", "uq_audit_log_sequence",
                                                                         *self.AUDIT_QUERY_INDEXES],
                                             cleanup_s=round(cleanup_s, 1), path=path, plans=plans,
                                             ours=ours, ours_settings=ours_settings, limit=limit,
                                             limit_settings=limit_settings)

    def audit_query_plans(self, tenant):
        """EXPLAIN (ANALYZE, BUFFERS) of the query's two statements, as pgbench runs them."""
        first = (f"SELECT sequence FROM audit_log WHERE tenant_id = '{tenant}' AND occurred_at >= now() - interval "
                 "'365 days' ORDER BY occurred_at ASC, sequence ASC LIMIT 1")
        sequence = self.pg.psql(self.db, first) or "0"
        page = (f"SELECT * FROM audit_log WHERE tenant_id = '{tenant}' AND actor_key_name = 'key-042' "
                f"AND sequence >= {sequence} ORDER BY sequence DESC LIMIT 51")
        return {name: self.pg.psql(self.db, f"EXPLAIN (ANALYZE, BUFFERS) {sql}").splitlines()
                for name, sql in (("retention_bound", first), ("page", page))}

    def parallel_psql(self, jobs):
        """Runs psql -f on several files at once (one session each); fails if any fails."""
        procs = []
        for job in jobs:
            cmd = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", self.db, "-f",
                   os.path.join(BENCH, job["file"])]
            for k, v in job["variables"].items():
                cmd += ["-v", f"{k}={v}"]
            procs.append((cmd, subprocess.Popen(cmd, env=self.pg.env(), stdout=subprocess.PIPE,
                                                stderr=subprocess.PIPE, text=True)))
        failures = []
        for cmd, proc in procs:
            _, err = proc.communicate()
            if proc.returncode != 0:
                failures.append(f"{' '.join(cmd[-4:])}: {err.strip()[-300:]}")
        if failures:
            raise BenchError(f"psql failed: {'; '.join(failures)}")

    # Replay: rebuild views from replay_events events, events/s, against a sequential read of
    # domain_event_entry (psql \\copy of every row in position order). With the server stopped,
    # bench/replay_events.py bulk-loads events copied from real ones (a template tenant the server
    # writes just before) for many tenants; then each replay resets views with the server stopped
    # (their token_entry rows deleted, their tables emptied, every other processor's token moved to
    # the head so that only the measured views work) and starts it, sampling GET /metrics every
    # 250 ms until the processors' lag is 0 or the run's deadline passes. The audit view alone, the
    # key list alone, then every view at once (last, so that the checks see every view rebuilt).
    # The server's VmRSS is sampled throughout (RssSampler) for the memory table.
    REPLAY_VIEWS = {
        "api-key-list": ["api_key_list"],
        "audit-log": ["audit_log", "audit_tenant"],
        "project-list": ["project_list"],
        "artifact-heads": ["artifact_heads"],
        "artifact-versions": ["artifact_versions"],
        "share-link-list": ["share_link_list"],
    }

    def scenario_replay(self):
        n = self.cfg["replay_events"]
        template = self.replay_template()
        self.stop_server("replay")
        t0 = time.time()
        generator = subprocess.run(
            [sys.executable, os.path.join(BENCH, "replay_events.py"), "--template-tenant", template,
             "--events", str(n)], env=self.pg.env() | dict(BENCH_DB=self.db), capture_output=True, text=True)
        if generator.returncode != 0:
            raise BenchError(f"replay_events.py failed: {generator.stderr[-800:]}")
        load_s = time.time() - t0
        loaded = json.loads(generator.stdout)
        total = int(self.pg.psql(self.db, "SELECT COUNT(*) FROM domain_event_entry"))
        head = int(self.pg.psql(self.db, "SELECT MAX(global_index) FROM domain_event_entry"))
        log(f"replay: loaded {loaded['events']} events of {loaded['tenants']} tenants in {load_s:.1f} s "
            f"({loaded['events'] / load_s:.0f} events/s); {total} events in the store")

        # The limit: a sequential read of the whole table in position order, as a replay reads it
        # (twice: the first run may find the rows cold; the faster counts).
        reads = []
        for _ in range(2):
            t0 = time.time()
            self.pg.psql(self.db, "\\copy (SELECT * FROM domain_event_entry ORDER BY global_index) TO '/dev/null'")
            reads.append(time.time() - t0)
        read_rate = total / min(reads)
        log(f"replay: sequential read of {total} events in {', '.join(f'{r:.2f} s' for r in reads)} "
            f"({read_rate:.0f} rows/s)")

        runs = {}
        runs["audit-log"] = self.replay(["audit-log"], head, total, "audit view", "audit-log")
        runs["api-key-list"] = self.replay(["api-key-list"], head, total, "key list", "api-key-list")
        runs["all"] = self.replay(list(self.REPLAY_VIEWS), head, total, "all views at once", "all")
        unfinished = [p for p in self.REPLAY_VIEWS if not runs["all"]["processors"][p]["finished"]]
        if unfinished:
            # The views the last run left behind would go on replaying under the next scenarios:
            # they are moved to the head (left incomplete) and the server restarted.
            self.stop_server("replay deadline passed")
            self.advance_tokens(unfinished, head)
            self.start_server().wait_ready()
            checks = dict(ok=None, note=f"not checked: {', '.join(unfinished)} did not catch up by the deadline")
        else:
            checks = self.replay_checks()

        def reached(run, p):
            r = runs[run]["processors"][p]
            if r["finished"]:
                return ""
            return f" (deadline {runs[run]['deadline_s']} s: {r['events_measured']:,} of {total:,} events)"

        def met(run, p, target_ratio=None):
            r = runs[run]["processors"][p]
            if not r["finished"] or checks["ok"] is False:
                return False
            if target_ratio is None:
                return None
            return r["events_per_s"] is not None and r["events_per_s"] >= target_ratio * read_rate

        audit_rate = runs["audit-log"]["processors"]["audit-log"]["events_per_s"]
        self.row("replay", f"audit view alone from {total:,} events: events/s vs sequential read rows/s"
                 + reached("audit-log", "audit-log"), audit_rate, read_rate, "/s", target=">= 0.2",
                 met=met("audit-log", "audit-log", 0.2))
        self.row("replay", "key list alone: events/s vs sequential read rows/s" + reached("api-key-list", "api-key-list"),
                 runs["api-key-list"]["processors"]["api-key-list"]["events_per_s"], read_rate, "/s",
                 met=met("api-key-list", "api-key-list"))
        for name in self.REPLAY_VIEWS:
            p = runs["all"]["processors"][name]
            when = f"caught up {p['caught_up_s']:.1f} s after start" if p["finished"] else "unfinished"
            self.row("replay", f"all views at once, {name}: events/s ({when})" + reached("all", name),
                     p["events_per_s"], read_rate, "/s", target="caught up <= 180 s",
                     met=bool(p["finished"] and p.get("caught_up_s") is not None and p["caught_up_s"] <= 180
                              and checks["ok"] is not False))
        # The operator's way: POST /admin/v1/projections/{view}/rebuild on the running server, which
        # keeps serving the live view while a copy is built, indexed and switched in.
        # The issue sets targets for the audit view and the key list; the other views are timed the
        # same way, so that every view has its rebuild rate on the same store.
        rebuilds = {}
        for view, label, target in (("audit-log", "audit view", None), ("api-key-list", "key list", 100_000),
                                    ("project-list", "project list", None), ("share-link-list", "share links", None),
                                    ("artifact-heads", "artifact heads", None),
                                    ("artifact-versions", "artifact versions", None)):
            r = rebuilds[view] = self.rebuild(view, total, label)
            row_ok = r["finished"] and r["rows_match"]
            self.row("replay", f"rebuild endpoint, {label} from {total:,} events (copy, indexes, switch-over): "
                     f"events/s vs sequential read rows/s" + ("" if r["finished"] else f" (deadline {r['deadline_s']} s)"),
                     r["events_per_s"], read_rate, "/s", target=None if target is None else f">= {target:,}/s",
                     met=(None if row_ok else False) if target is None
                     else bool(row_ok and r["events_per_s"] >= target))
        floor = self.audit_floor(total)
        self.row("replay", f"audit view's floor in PostgreSQL alone: load its {floor['rows']:,} rows with COPY "
                 f"({floor['load_s']:.1f} s) and build its {floor['indexes']} indexes in 2 sessions "
                 f"({floor['index_s']:.1f} s), no JVM: events/s vs sequential read rows/s",
                 floor["events_per_s"], read_rate, "/s")
        audit_rebuild = rebuilds["audit-log"]
        if audit_rebuild.get("events_per_s") and floor.get("events_per_s"):
            self.row("replay", "rebuild endpoint, audit view: events/s vs its floor (above)",
                     audit_rebuild["events_per_s"], floor["events_per_s"], "/s", target=">= 0.6",
                     met=bool(audit_rebuild["finished"] and audit_rebuild["rows_match"]
                              and audit_rebuild["events_per_s"] >= 0.6 * floor["events_per_s"]))
        peaks = {k: r["peak_rss_kb"] for k, r in runs.items()}
        peaks.update({f"rebuild {view}": r["peak_rss_kb"] for view, r in rebuilds.items()})
        self.memory = dict(getattr(self, "memory", {}), replay_peak_rss_kb=max(peaks.values()),
                           replay_peak_rss_kb_by_run=peaks)
        self.scenarios["replay"] = dict(
            events_loaded=loaded, events_in_store=total, head_position=head, load_s=round(load_s, 1),
            sequential_read=dict(rows=total, seconds=[round(r, 3) for r in reads], rows_per_s=read_rate,
                                 command="psql -c \"\\copy (SELECT * FROM domain_event_entry ORDER BY "
                                         "global_index) TO '/dev/null'\" (twice, the faster counts)"),
            runs=runs, checks=checks, rebuilds=rebuilds, audit_floor=floor, deadlines_s=self.cfg["replay_deadlines_s"],
            method="server stopped; the view's token_entry rows deleted and its tables emptied, every other "
                   "processor's token set to the head; server started; "
                   "GET /metrics (artifacta_projection_lag_events) sampled every 250 ms, token_entry until "
                   "/metrics answers; events/s = lag at the first sample showing progress / time from it to "
                   "the first sample with lag 0 (confirmed in token_entry); a run not caught up by its deadline: "
                   "events done / time from that sample to the last one before the deadline, and NO",
            generator="bench/replay_events.py: payload and metadata text of the template tenant's real events "
                      "with ids, names, versions and times rewritten per tenant, COPY into domain_event_entry")

    def replay_template(self):
        """A tenant whose events are the generator's templates: every kind it copies, written by the server."""
        key, tenant = self.signup("bench-replay")
        self.server.request("POST", "/v1/api-keys", {"name": "bench replay template"}, key=key)
        artifact = self.server.request("POST", "/v1/artifacts", {"title": "replay", "content": "first"},
                                       key=key)["id"]
        self.server.request("POST", f"/v1/artifacts/{artifact}/versions",
                            {"content": "second version", "contentType": "text/plain"}, key=key)
        return tenant

    def stop_server(self, why):
        self.server.stop()
        log(f"server stopped ({why})")

    def start_server(self):
        java_opts = self.args.java_opts.split() if self.args.java_opts else []
        self.server = Server(self.args.jar, self.pg, self.db, self.server.log_path, java_opts)
        return self.server

    START_S = 120  # the longest a replay waits for the server to answer before its deadline starts

    def replay(self, processors, head, total, label, run):
        """Resets the views of the processors (server stopped), starts the server and times their
        catch-up, for at most the run's deadline (replay_deadlines_s) after the server first answers."""
        if self.server.process.poll() is None:
            self.stop_server(f"replay of {label}")
        names = ", ".join(f"'{p}'" for p in processors)
        tables = ", ".join(t for p in processors for t in self.REPLAY_VIEWS[p])
        self.pg.psql(self.db, f"BEGIN; DELETE FROM token_entry WHERE processor_name IN ({names}); "
                              f"TRUNCATE {tables}; COMMIT")
        self.advance_tokens([p for p in self.REPLAY_VIEWS if p not in processors], head)
        deadline_s = self.cfg["replay_deadlines_s"][run]
        launched = time.time()
        server = self.start_server()
        state = {p: dict(samples=[], first_progress=None, caught_up=None) for p in processors}
        sources = dict(metrics=0, token_entry=0, skipped=0)
        ready_at = None
        with RssSampler(server) as rss:
            # The deadline runs from the server's first answer on /metrics (its start-up, 5 to 60 s
            # on a shared machine, is not the replay's time), or from at most START_S after launch.
            deadline = launched + self.START_S + deadline_s
            while any(s["caught_up"] is None for s in state.values()) and time.time() < deadline:
                if server.process.poll() is not None:
                    raise BenchError(f"the server exited during the replay of {label}; see {server.log_path}")
                t = time.time()
                lags, source = self.replay_lags(server, processors, head)
                sources[source] += 1
                if source == "metrics" and ready_at is None:
                    ready_at = t
                    deadline = min(deadline, ready_at + deadline_s)
                for p, s in state.items():
                    if s["caught_up"] is not None or p not in lags:
                        continue
                    lag = lags[p]
                    s["samples"].append((round(t - launched, 3), lag))
                    if s["first_progress"] is None and 0 < lag <= head:
                        s["first_progress"] = (t, lag)
                    if lag == 0 and (s["first_progress"] is not None or self.caught_up_in_db(p, head)):
                        if self.caught_up_in_db(p, head):
                            s["caught_up"] = t
                            if s["first_progress"] is None:  # caught up between two samples
                                s["first_progress"] = (s["samples"][0][0] + launched, total)
                time.sleep(max(0.0, min(0.25 - (time.time() - t), deadline - time.time())))
        result = dict(views=processors, deadline_s=deadline_s, peak_rss_kb=rss.peak_kb, samples_by_source=sources,
                      server_answered_s=round(ready_at - launched, 1) if ready_at else None, processors={})
        for p, s in state.items():
            if s["caught_up"] is not None:
                t_first, lag_first = s["first_progress"]
                elapsed = s["caught_up"] - t_first
                rate = lag_first / elapsed if elapsed > 0 else None
                result["processors"][p] = dict(
                    finished=True, events_per_s=rate, events_measured=lag_first, measured_s=round(elapsed, 3),
                    caught_up_s=s["caught_up"] - launched,
                    events_per_s_since_launch=total / (s["caught_up"] - launched), samples=s["samples"])
                log(f"replay, {label}: {p} caught up {s['caught_up'] - launched:.1f} s after the server started; "
                    f"{lag_first} events in {elapsed:.2f} s = {fmt(rate, 0)} events/s")
                continue
            # Deadline passed: the rate reached from the first sample showing progress to the last.
            done, elapsed, rate = 0, 0.0, None
            if s["first_progress"] is not None and s["samples"]:
                t_first, lag_first = s["first_progress"]
                t_last, lag_last = s["samples"][-1]
                done, elapsed = lag_first - lag_last, t_last + launched - t_first
                rate = done / elapsed if elapsed > 0 else None
            result["processors"][p] = dict(
                finished=False, events_per_s=rate, events_measured=done, measured_s=round(elapsed, 3),
                caught_up_s=None, events_left=s["samples"][-1][1] if s["samples"] else None, samples=s["samples"])
            log(f"replay, {label}: {p} NOT caught up within the {deadline_s} s deadline; "
                f"{done} events in {elapsed:.2f} s = {fmt(rate, 0)} events/s")
        log(f"replay, {label}: peak RSS {rss.peak_kb / 1024:.0f} MiB")
        return result

    REBUILD_ROWS = {
        "audit-log": ("SELECT COUNT(*) FROM audit_log", "SELECT COUNT(*) FROM domain_event_entry"),
        "api-key-list": ("SELECT COUNT(*) FROM api_key_list",
                         "SELECT COUNT(*) FROM domain_event_entry WHERE payload_type = 'dev.artifacta.events.ApiKeyCreated'"),
        "project-list": ("SELECT COUNT(*) FROM project_list",
                         "SELECT COUNT(*) FROM domain_event_entry WHERE payload_type = 'dev.artifacta.events.ProjectCreated'"),
        "share-link-list": ("SELECT COUNT(*) FROM share_link_list",
                            "SELECT COUNT(*) FROM domain_event_entry "
                            "WHERE payload_type = 'dev.artifacta.events.ShareLinkCreated'"),
        "artifact-heads": ("SELECT COUNT(*) FROM artifact_heads",
                           "SELECT COUNT(*) FROM domain_event_entry "
                           "WHERE payload_type = 'dev.artifacta.events.ArtifactCreated'"),
        "artifact-versions": ("SELECT COUNT(*) FROM artifact_versions",
                              "SELECT COUNT(*) FROM domain_event_entry WHERE payload_type IN ("
                              "'dev.artifacta.events.ArtifactCreated', 'dev.artifacta.events.ArtifactVersionAppended', "
                              "'dev.artifacta.events.ArtifactRestored')"),
    }

    REBUILD_GRACE_S = 600

    def rebuild(self, view, total, label):
        """Rebuilds one view through the admin API and times it from the request to the switch-over:
        events/s = the events in the store / that time (the copy's replay, its index builds and the
        switch-over; the server's own startedAt/finishedAt are in the JSON too)."""
        deadline_s = self.cfg["replay_deadlines_s"].get(view, self.cfg["replay_deadlines_s"]["all"])
        with RssSampler(self.server) as rss:
            t0 = time.time()
            self.server.request("POST", f"/admin/v1/projections/{view}/rebuild", admin=True, expect=(202,))
            progress = None
            while time.time() < t0 + deadline_s:
                time.sleep(0.25)
                progress = self.server.request("GET", f"/admin/v1/projections/{view}", admin=True).get("rebuild")
                if progress and progress.get("status") in ("completed", "failed"):
                    break
            elapsed = time.time() - t0
            in_time = bool(progress and progress.get("status") in ("completed", "failed"))
            # A rebuild past its deadline is reported as such, but it must end before the next
            # scenario writes into the view it would replace.
            while not (progress and progress.get("status") in ("completed", "failed")):
                if time.time() > t0 + deadline_s + self.REBUILD_GRACE_S:
                    raise BenchError(f"the rebuild of {view} did not end within {deadline_s + self.REBUILD_GRACE_S} s")
                time.sleep(1)
                progress = self.server.request("GET", f"/admin/v1/projections/{view}", admin=True).get("rebuild")
        status = progress.get("status") if in_time else "deadline passed"
        finished = status == "completed"
        rows, expected = (int(self.pg.psql(self.db, sql)) for sql in self.REBUILD_ROWS[view])
        result = dict(view=view, status=status, finished=finished, seconds=round(elapsed, 3), deadline_s=deadline_s,
                      events=total, events_per_s=(total / elapsed if finished else None), rows=rows,
                      rows_expected=expected, rows_match=rows == expected, progress=progress,
                      peak_rss_kb=rss.peak_kb)
        log(f"rebuild, {label}: {status} in {elapsed:.1f} s"
            + (f" = {total / elapsed:.0f} events/s" if finished else "")
            + f"; rows {rows} (expected {expected}); peak RSS {rss.peak_kb / 1024:.0f} MiB")
        if not finished:
            progress_done = (progress or {}).get("eventsDone") or 0
            result["events_done"] = progress_done
            result["events_per_s"] = progress_done / elapsed if elapsed > 0 else None
        return result

    def audit_floor(self, total):
        """What PostgreSQL alone needs for a rebuilt audit view, with no JVM in the way: the rebuilt
        rows exported to a file, then timed: COPY into an empty table like audit_log (heap only), and
        its key, unique and plain indexes built in two sessions side by side, each taking the next
        statement when done, as a rebuild builds its deferred ones. events/s = the events in the store / (load + indexes): no rebuild of this view
        on this machine can beat it."""
        table = "bench_audit_floor"
        rows = int(self.pg.psql(self.db, "SELECT COUNT(*) FROM audit_log"))
        defs = self.pg.psql(self.db, "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                                     "AND tablename = 'audit_log' ORDER BY indexname").splitlines()
        statements = [re.sub(r"^CREATE (UNIQUE )?INDEX (\S+) ON \S+",
                             lambda m: f"CREATE {m.group(1) or ''}INDEX {m.group(2)}_floor ON {table}", d)
                      for d in defs]
        with tempfile.TemporaryDirectory(prefix="artifacta-floor-") as tmp:
            path = os.path.join(tmp, "audit_log.copy")
            self.pg.psql(self.db, f"\\copy audit_log TO '{path}'")
            self.pg.psql(self.db, f"DROP TABLE IF EXISTS {table}; "
                                  f"CREATE TABLE {table} (LIKE audit_log INCLUDING DEFAULTS)")
            t0 = time.time()
            self.pg.psql(self.db, f"\\copy {table} FROM '{path}'")
            load_s = time.time() - t0
        try:
            # Two sessions, each taking the next statement when done, as the server's rebuild does
            # (DeferredIndexes), so neither waits idle behind the other's large index.
            pending = list(statements)
            failures = []
            guard = threading.Lock()

            def session():
                # One psql per session, fed a statement at a time; the echo says it is built.
                psql = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.db],
                                        env=self.pg.env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
                built = True
                try:
                    while built:
                        with guard:
                            if not pending or failures:
                                return
                            statement = pending.pop(0)
                        psql.stdin.write(statement + ";\n\\echo built\n")
                        psql.stdin.flush()
                        line = psql.stdout.readline()
                        while line and line.strip() != "built":
                            line = psql.stdout.readline()
                        built = bool(line)
                finally:
                    _, errors = psql.communicate()
                    if not built or psql.returncode != 0:
                        with guard:
                            failures.append(errors or "psql stopped")

            t0 = time.time()
            sessions = [threading.Thread(target=session) for _ in range(2)]
            for thread in sessions:
                thread.start()
            for thread in sessions:
                thread.join()
            index_s = time.time() - t0
            if failures:
                raise BenchError(f"building the audit view's indexes failed: {failures[0][:300]}")
        finally:
            self.pg.psql(self.db, f"DROP TABLE IF EXISTS {table}")
        result = dict(rows=rows, load_s=round(load_s, 2), indexes=len(statements), index_s=round(index_s, 2),
                      events_per_s=total / (load_s + index_s), index_statements=statements,
                      method="\\copy audit_log TO a file; \\copy into an empty table LIKE audit_log (timed); "
                             "its indexes (pg_indexes, renamed) built by 2 sessions at once, each taking the next "
                             "statement when done (timed)")
        log(f"replay: audit view's floor: COPY of {rows} rows {load_s:.1f} s, {len(statements)} indexes "
            f"{index_s:.1f} s = {result['events_per_s']:.0f} events/s at most")
        return result

    def advance_tokens(self, processors, head):
        """Moves the processors' tokens (server stopped) to the head of the store: they skip the loaded
        events, so that a replay measures only the views it rebuilds, not the others catching up."""
        if not processors:
            return
        names = ", ".join(f"'{p}'" for p in processors)
        token = json.dumps(dict(index=head, gaps=[]))
        self.pg.psql(self.db, f"UPDATE token_entry SET token = convert_to('{token}', 'UTF8'), "
                              "token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = NULL "
                              f"WHERE processor_name IN ({names})")

    def replay_lags(self, server, processors, head):
        """Each processor's lag in events: from GET /metrics, or from token_entry before it answers."""
        try:
            with urllib.request.urlopen(server.base + "/metrics", timeout=2) as response:
                text = response.read().decode()
            lags = {}
            for m in re.finditer(r'^artifacta_projection_lag_events\{([^}]*)\}\s+(\S+)', text, re.M):
                name = re.search(r'processor="([^"]*)"', m.group(1))
                if name and name.group(1) in processors:
                    lags[name.group(1)] = int(float(m.group(2)))
            if len(lags) == len(processors):
                return lags, "metrics"
        except (urllib.error.URLError, OSError, ValueError):
            pass
        try:
            return {p: head - i for p, i in self.token_positions(processors).items()}, "token_entry"
        except BenchError as e:  # a shared PostgreSQL may refuse a connection now and then: skip the sample
            log(f"replay: could not read token_entry, sample skipped ({str(e)[-120:]})")
            return {}, "skipped"

    def token_positions(self, processors):
        """The lowest position over each processor's segments in token_entry (-1: none yet). A token
        Axon initializes at the tail while events exist is a ReplayToken: its position is currentToken's."""
        names = ", ".join(f"'{p}'" for p in processors)
        out = self.pg.psql(self.db, (
            "SELECT processor_name, MIN(COALESCE((t->>'index')::bigint, (t->'currentToken'->>'index')::bigint, -1)) "
            "FROM (SELECT processor_name, convert_from(token, 'UTF8')::json AS t FROM token_entry "
            f"WHERE processor_name IN ({names})) tokens GROUP BY processor_name"))
        positions = {p: -1 for p in processors}
        for line in out.splitlines():
            # A processor makes all its segments' rows in one transaction, and the lowest position
            # over them is the view's, whichever segments are claimed yet.
            name, position = line.split("|")
            positions[name] = int(position)
        return positions

    def caught_up_in_db(self, processor, head):
        try:
            return self.token_positions([processor])[processor] >= head
        except BenchError as e:
            log(f"replay: could not read token_entry, checked at the next sample ({str(e)[-120:]})")
            return False

    def replay_checks(self):
        """Every view holds what the events say once all replays are done (counts)."""
        def count(sql):
            return int(self.pg.psql(self.db, sql))

        def events(kind):
            return count(f"SELECT COUNT(*) FROM domain_event_entry WHERE payload_type = 'dev.artifacta.events.{kind}'")

        pairs = dict(
            audit_log=(count("SELECT COUNT(*) FROM audit_log"), count("SELECT COUNT(*) FROM domain_event_entry")),
            audit_tenant=(count("SELECT COUNT(*) FROM audit_tenant"), events("TenantCreated")),
            api_key_list=(count("SELECT COUNT(*) FROM api_key_list"), events("ApiKeyCreated")),
            project_list=(count("SELECT COUNT(*) FROM project_list"), events("ProjectCreated")),
            artifact_heads=(count("SELECT COUNT(*) FROM artifact_heads"), events("ArtifactCreated")),
            artifact_versions=(count("SELECT COUNT(*) FROM artifact_versions"),
                               events("ArtifactCreated") + events("ArtifactVersionAppended")
                               + events("ArtifactRestored")),
        )
        ok = all(a == b for a, b in pairs.values())
        health = self.server.request("GET", "/health", expect=(200, 503))
        if not ok:
            log(f"replay: a view does not match its events (rows, expected): {pairs}")
        return dict(ok=ok, rows_and_expected=pairs, health=health)

    # Audit export of export_entries entries (JSON Lines, hashes and checkpoint included), entries/s,
    # against psql's COPY of the same rows. The entries are a real chain (bench/audit_chain.py computes
    # the canonical form and hashes independently of the server), so the export is then verified
    # with the offline verifier, which is timed too.
    def scenario_export(self):
        n = self.cfg["export_entries"]
        key, tenant = self.signup("bench-export")
        t0 = time.time()
        generator = subprocess.Popen(
            [sys.executable, os.path.join(BENCH, "audit_chain.py"), "--tenant", tenant, "--entries", str(n)],
            env=self.pg.env() | dict(BENCH_DB=self.db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, err = generator.communicate()
        if generator.returncode != 0:
            raise BenchError(f"audit_chain.py failed: {err[-800:]}")
        load_s = time.time() - t0
        log(f"export: loaded a chain of {n} entries in {load_s:.1f} s ({out.strip()})")
        with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
            export_path = os.path.join(tmp, "audit.jsonl")
            # curl downloads it, as a user would (python's urllib spent two CPU-seconds of the
            # two cores on the chunked decoding). A first export warms the JIT up, as the write and
            # read scenarios' warm-up does; it is timed (JSON: cold_export_s), the second one is the measure.
            # The key goes in on curl's standard input (-H @-), not in its arguments, which every
            # user of the machine can read.
            download = ["curl", "-sS", "--fail", "-o", export_path, "-H", "@-",
                        self.server.base + "/v1/audit-events/export"]
            header = f"Authorization: Bearer {key}\n"
            t0 = time.time()
            subprocess.run(download, input=header, text=True, check=True, timeout=3600)
            cold_export_s = time.time() - t0
            cpu_before, client_before = cpu_snapshot(self.server.process.pid), _children_cpu_s()
            threads_before = _threads_cpu_s(self.server.process.pid)
            t0 = time.time()
            subprocess.run(download, input=header, text=True, check=True, timeout=3600)
            export_s = time.time() - t0
            cpu_after, client_after = cpu_snapshot(self.server.process.pid), _children_cpu_s()
            server_threads = {name: round(cpu, 2) for name, cpu in
                              _threads_spent(threads_before, _threads_cpu_s(self.server.process.pid), 0.05).items()}
            # Where the machine's two cores went during the export: what bounds it.
            export_cpu = {k: round(cpu_after[k] - cpu_before[k], 2) for k in ("server", "postgres", "machine")}
            export_cpu["client"] = round(client_after - client_before, 2)
            export_cpu["other"] = round(max(0.0, export_cpu["machine"] - export_cpu["server"]
                                            - export_cpu["postgres"] - export_cpu["client"]), 2)
            export_cpu["available"] = round(export_s * (os.cpu_count() or 2), 2)
            lines = sum(1 for _ in open(export_path, "rb")) - 1  # the last line is the checkpoint
            size_mib = os.path.getsize(export_path) / 1048576
            t0 = time.time()
            copy_rows = self.pg.psql(self.db, f"\\copy (SELECT * FROM audit_log WHERE tenant_id = '{tenant}' "
                                              f"ORDER BY sequence) TO '{os.path.join(tmp, 'copy.txt')}'")
            copy_s = time.time() - t0
            copied = sum(1 for _ in open(os.path.join(tmp, "copy.txt"), "rb"))
            key_file = os.path.join(tmp, "signing-key.json")
            with open(key_file, "w") as f:
                json.dump(self.server.request("GET", "/v1/audit-events/signing-key", key=key), f)
            # Run as bin/audit-verify runs it (its heap set, like the server's).
            verifier = [self.server.command[0], "-Xmx256m", "-jar", self.verifier_jar(),
                        "--public-key", key_file, export_path]
            t0 = time.time()
            verified = subprocess.run(verifier, capture_output=True, text=True, timeout=3600)
            verify_s = time.time() - t0
        if verified.returncode != 0 or lines != copied:
            raise BenchError(f"export of {lines} lines (COPY: {copied} rows) did not verify: "
                             f"{verified.stdout.strip()} {verified.stderr.strip()[-400:]}")
        ours, limit = lines / export_s, copied / copy_s
        log(f"export: {lines} entries, {size_mib:.0f} MiB in {export_s:.1f} s (the first export, warming up: "
            f"{cold_export_s:.1f} s); COPY {copied} rows in {copy_s:.1f} s; "
            f"verifier {verify_s:.1f} s: {verified.stdout.strip()}")
        log(f"export: CPU seconds during the export: server {export_cpu['server']}, PostgreSQL "
            f"{export_cpu['postgres']}, client {export_cpu['client']}, other {export_cpu['other']} "
            f"(kernel and the rest), of {export_cpu['available']} available; the server's threads: "
            + ", ".join(f"{name} {cpu}" for name, cpu in server_threads.items()))
        self.row("export", f"JSON Lines export of {lines:,} entries: entries/s vs COPY rows/s", ours, limit, "/s",
                 target=">= 0.5", met=ours >= 0.5 * limit)
        self.row("export", "offline verifier: entries/s (vs export)", lines / verify_s, ours, "/s",
                 target=">= 1", met=lines / verify_s >= ours)
        self.scenarios["export"] = dict(entries=lines, load_s=round(load_s, 1), export_s=round(export_s, 2),
                                        cold_export_s=round(cold_export_s, 2),
                                        export_mib=round(size_mib, 1), copy_s=round(copy_s, 2),
                                        verify_s=round(verify_s, 2), verifier_output=verified.stdout.strip(),
                                        export_cpu_s=export_cpu, export_server_threads_cpu_s=server_threads,
                                        copy_command="psql \\copy (SELECT * FROM audit_log WHERE tenant_id = ... "
                                                     "ORDER BY sequence) TO file",
                                        client="curl -o file")

    def verifier_jar(self):
        jars = [j for j in os.listdir(os.path.join(ROOT, "audit-export", "target"))
                if j.endswith("-verifier.jar")] if os.path.isdir(os.path.join(ROOT, "audit-export", "target")) else []
        if not jars:
            raise BenchError("the verifier jar is missing: build with mvn -DskipTests package")
        return os.path.join(ROOT, "audit-export", "target", jars[0])

    def scenario_memory(self):
        m = getattr(self, "memory", None)
        if not m:
            self.row("memory", "server peak RSS during write", None, None, "MiB", status="not measured")
            return
        m["vm_hwm_kb_end"] = self.server.status("VmHWM")
        if "write_peak_rss_kb" in m:
            self.row("memory", "server peak RSS during write (sampled VmRSS)", m["write_peak_rss_kb"] / 1024, None,
                     "MiB")
            self.row("memory", "server VmHWM after write (since start)", m["vm_hwm_kb_after_write"] / 1024, None,
                     "MiB")
        if m.get("replay_peak_rss_kb"):
            self.row("memory", "server peak RSS during replay (sampled VmRSS)", m["replay_peak_rss_kb"] / 1024, None,
                     "MiB")
        else:
            self.row("memory", "server peak RSS during replay", None, None, "MiB", status="not measured")
        self.scenarios["memory"] = dict(m, sampling="VmRSS from /proc/<pid>/status every 200 ms during the "
                                                    "write scenario (1 and 16 clients), during each replay "
                                                    "(from the server's start to the catch-up) and each rebuild "
                                                    "(from the request to the switch-over); VmHWM is the "
                                                    "kernel's high-water mark since the JVM started (the replay "
                                                    "restarts the server: vm_hwm_kb_end is the last JVM's)",
                                        java_command=self.server.command)

    SCENARIOS = ["write", "key_create", "auth_read", "audit_query", "replay", "export", "memory"]

    # --- output ------------------------------------------------------------------------------

    def table(self):
        header = ["scenario", "measure", "ours", "limit", "ratio", "target", "met?"]
        lines = []
        for r in self.rows:
            if r["status"] == "pending":
                lines.append([r["scenario"], r["measure"], "pending", "-", "-", r["target"] or "-", "pending"])
                continue
            unit = f" {r['unit']}" if r["unit"] and r["ours"] is not None else ""
            met = "-" if r["met"] is None else ("yes" if r["met"] else "NO")
            lines.append([r["scenario"], r["measure"], fmt(r["ours"], 1) + unit,
                          (fmt(r["limit"], 1) + unit) if r["limit"] is not None else "-",
                          fmt(r["ratio"], 2) if r["ratio"] is not None else "-", r["target"] or "-", met])
        out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        out += ["| " + " | ".join(str(c) for c in line) + " |" for line in lines]
        return "\n".join(out)

    def machine(self):
        cpu = "unknown"
        try:
            with open("/proc/cpuinfo") as f:
                cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), cpu)
        except OSError:
            pass
        mem_kb = None
        try:
            with open("/proc/meminfo") as f:
                mem_kb = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
        except (OSError, StopIteration):
            pass
        java = subprocess.run([self.server.command[0], "-version"], capture_output=True, text=True).stderr
        return dict(nproc=os.cpu_count(), cpu_model=cpu, memory_mib=mem_kb // 1024 if mem_kb else None,
                    kernel=platform.release(), postgresql=self.pg.version(),
                    postgresql_settings=self.pg.settings(),
                    java=java.splitlines()[0] if java else None, load_average_at_end=list(os.getloadavg()))

    def write_json(self, duration):
        path = os.path.join(self.args.results, f"{self.stamp}.json")
        doc = dict(
            timestamp=self.started.isoformat(),
            mode=self.mode,
            duration_s=round(duration, 1),
            settings=dict(self.cfg, server_startup_s=round(getattr(self, "startup_s", 0), 1),
                          jar=os.path.relpath(self.args.jar, ROOT) if self.args.jar.startswith(ROOT) else self.args.jar,
                          java_command=self.server.command if self.server else None),
            machine=self.machine(),
            scenario_seconds=self.scenario_seconds,
            table=self.rows,
            scenarios=self.scenarios,
        )
        with open(path, "w") as f:
            json.dump(doc, f, indent=2, default=str)
            f.write("\n")
        return path

    def cleanup(self):
        if self.server:
            self.server.stop()
            log("server stopped")
        if self.args.keep_db:
            log(f"kept database {self.db}")
            return
        try:
            self.pg.psql(self.pg.admin_db, f"DROP DATABASE IF EXISTS {self.db} WITH (FORCE)")
            log(f"dropped database {self.db}")
        except BenchError as e:
            log(f"could not drop database {self.db}: {e}")


def main():
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="every scenario on small data, 3 s each (< 2 min)")
    parser.add_argument("--jar", required=True, help="the server's shaded jar")
    parser.add_argument("--seconds", type=int, help="override the duration of each measured run")
    parser.add_argument("--warmup", type=int,
                        help="override the seconds of every warm-up run (write, key create, auth read, audit query)")
    parser.add_argument("--replay-events", type=int, help="override how many events the replay scenario loads")
    parser.add_argument("--replay-deadline", type=int,
                        help="seconds each replay may take before it is reported unfinished (default per mode)")
    parser.add_argument("--scenarios", help="comma-separated subset of " + ",".join(Run.SCENARIOS) + " (default: all)")
    parser.add_argument("--results", default=os.path.join(BENCH, "results"), help="where the JSON goes")
    parser.add_argument("--pg-host")
    parser.add_argument("--pg-port", type=int)
    parser.add_argument("--pg-user")
    parser.add_argument("--pg-password")
    parser.add_argument("--pg-admin-db", help="an existing database to connect to for CREATE/DROP DATABASE")
    parser.add_argument("--java-opts", default=os.environ.get("ARTIFACTA_BENCH_JAVA_OPTS", ""),
                        help="JVM options for the server (default: none, the JVM's defaults)")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    args = parser.parse_args()
    args.jar = os.path.abspath(args.jar)
    args.results = os.path.abspath(args.results)

    run = Run(args, postgres_from(args))

    def on_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    t0 = time.time()
    code = 0
    try:
        run.start()
        run.load()
        chosen = args.scenarios.split(",") if args.scenarios else Run.SCENARIOS
        unknown = [name for name in chosen if name not in Run.SCENARIOS]
        if unknown:
            raise BenchError(f"unknown scenarios {unknown}: choose among {Run.SCENARIOS}")
        run.scenario_seconds["setup"] = round(time.time() - t0, 1)
        for name in Run.SCENARIOS:
            if name in chosen:
                t1 = time.time()
                getattr(run, f"scenario_{name}")()
                run.scenario_seconds[name] = round(time.time() - t1, 1)
        duration = time.time() - t0
        print()
        print(f"Artifacta benchmark, {run.mode} mode, {run.started.strftime('%Y-%m-%d %H:%M UTC')}, "
              f"{duration:.0f} s; ours = HTTP through the server, limit = pgbench on the same PostgreSQL")
        print(run.table())
        print("\nSeconds per scenario: " + ", ".join(f"{k} {v:.0f}" for k, v in run.scenario_seconds.items()))
        machine = run.machine()
        print(f"\nMachine: {machine['nproc']} cores ({machine['cpu_model']}), {machine['memory_mib']} MiB, "
              f"PostgreSQL {machine['postgresql']} (autovacuum {machine['postgresql_settings'].get('autovacuum')}), "
              f"{machine['java']}; load average at the end "
              f"{machine['load_average_at_end'][0]:.1f} (above {machine['nproc']}: something else competed for the CPU)")
        path = run.write_json(duration)
        print(f"\nJSON: {os.path.relpath(path, ROOT) if path.startswith(ROOT) else path}")
    except BenchError as e:
        log(f"ERROR: {e}")
        code = 1
    except KeyboardInterrupt as e:
        log(f"interrupted ({e})")
        code = 130
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        run.cleanup()
    return code


if __name__ == "__main__":
    sys.exit(main())
