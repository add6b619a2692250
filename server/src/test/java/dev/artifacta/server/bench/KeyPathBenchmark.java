package dev.artifacta.server.bench;

import dev.artifacta.command.apikeys.ApiKeySecrets;
import dev.artifacta.command.apikeys.CreateApiKey;
import dev.artifacta.command.apikeys.IssuedSecret;
import dev.artifacta.command.apikeys.infrastructure.Credential;
import dev.artifacta.command.apikeys.infrastructure.CredentialLookup;
import dev.artifacta.command.signup.SignUp;
import dev.artifacta.events.Actor;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process figures for the two hot paths of the foundation: verifying a presented key (shape
 * check, SHA-256, lookup, usability) and creating a key (a command that appends an event and
 * writes the credential lookup in the same transaction). Runs the real application context on a
 * fresh PostgreSQL database (found like the tests find it) and prints figures; it asserts nothing.
 *
 * <p>Run with {@code bin/bench-keys [seconds]}.
 */
public final class KeyPathBenchmark {

    private KeyPathBenchmark() {}

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
        var properties = new HashMap<String, Object>(TestDatabase.freshPostgres());
        properties.put("micronaut.server.port", "-1");
        properties.put("artifacta.plans.bench.max-active-keys", "100000000");
        properties.put("artifacta.default-plan", "bench");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            Commands commands = context.getBean(Commands.class);
            CredentialLookup lookup = context.getBean(CredentialLookup.class);
            Clock clock = context.getBean(Clock.class);
            var secrets = new ApiKeySecrets();
            var request = new RequestInfo("bench", "127.0.0.1", "bench");
            Actor actor = Actor.user("owner@bench.example");

            String tenantId = UUID.randomUUID().toString();
            IssuedSecret first = secrets.generate();
            commands.send(
                    new SignUp(
                            tenantId,
                            "bench-" + tenantId.substring(0, 8),
                            "owner@bench.example",
                            "bench",
                            UUID.randomUUID().toString(),
                            "Default key",
                            first.digest(),
                            UUID.randomUUID().toString(),
                            clock.instant()),
                    actor,
                    request);
            String rawKey = first.revealOnce();

            System.out.println("Key path benchmark: " + phase.toSeconds() + " s per phase, PostgreSQL "
                    + TestDatabase.mode() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
            warmUp(() -> verify(lookup, rawKey, clock), phase.dividedBy(3));
            report("key verification, 1 thread", run(1, phase, () -> verify(lookup, rawKey, clock)));

            AtomicLong names = new AtomicLong();
            Runnable create = () -> {
                IssuedSecret secret = secrets.generate();
                commands.send(
                        new CreateApiKey(
                                UUID.randomUUID().toString(),
                                tenantId,
                                "key-" + names.incrementAndGet(),
                                null,
                                secret.digest(),
                                List.of("artifacts:read"),
                                KeyIdentity.user("owner@bench.example"),
                                null,
                                clock.instant()),
                        actor,
                        request);
            };
            warmUp(create, phase.dividedBy(3));
            report("key creation (command + event + lookup row), 1 thread", run(1, phase, create));
            report("key creation, 4 threads (one tenant: creations queue on its row lock)", run(4, phase, create));
        }
    }

    private static void verify(CredentialLookup lookup, String rawKey, Clock clock) {
        String hash = ApiKeySecrets.lookupHash(rawKey).orElseThrow();
        Credential credential = lookup.findBySecretSha256(hash).orElseThrow();
        if (!credential.isUsableAt(Instant.now(clock))) {
            throw new IllegalStateException("the benchmark key must be usable");
        }
    }

    private static void warmUp(Runnable task, Duration duration) throws Exception {
        run(1, duration, task);
    }

    private record Result(long operations, Duration elapsed, long[] latenciesMicros) {}

    private static Result run(int threads, Duration duration, Runnable task) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong count = new AtomicLong();
        var latencies = new java.util.concurrent.ConcurrentLinkedQueue<Long>();
        long start = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long before = System.nanoTime();
                        task.run();
                        latencies.add((System.nanoTime() - before) / 1_000);
                        count.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(count.get(), Duration.ofNanos(System.nanoTime() - start), sorted);
    }

    private static void report(String name, Result result) {
        double perSecond = result.operations() / (result.elapsed().toNanos() / 1e9);
        long[] l = result.latenciesMicros();
        System.out.printf(
                "%-75s %10.0f ops/s   p50 %6d µs   p99 %6d µs   (%d ops)%n",
                name, perSecond, l[l.length / 2], l[(int) (l.length * 0.99)], result.operations());
    }
}
