package dev.artifacta.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Content is stored once per tenant: writers storing the same bytes at once all succeed. */
@MicronautTest(transactional = false)
class ConcurrentSameContentIT extends ApiTest {

    @Inject
    DataSource dataSource;

    @Test
    void givenEightWritersWithTheSameContentAtOnce_thenAllSucceedAndTheBytesAreStoredOnce() throws Exception {
        Tenant tenant = api.signUp("same-content");
        String body = "{\"title\":\"copy\",\"content\":\"identical bytes, written by everyone at the same time\"}";
        int writers = 8;
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            String roundBody = body.replace("identical", "identical " + round);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                var futures = new ArrayList<Future<Integer>>();
                for (int i = 0; i < writers; i++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return api.post("/v1/artifacts", tenant.key(), roundBody)
                                .status();
                    }));
                }
                start.countDown();
                for (Future<Integer> future : futures) {
                    statuses.add(future.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }

        assertThat(statuses).hasSize(3 * writers).containsOnly(201);
        assertThat(new Tables(dataSource)
                        .rows("SELECT COUNT(*) AS n FROM content_blob WHERE tenant_id = '" + tenant.id() + "'")
                        .getFirst()
                        .get("n"))
                .as("signup's default content aside, three distinct contents stored once each")
                .satisfies(n -> assertThat(((Number) n).longValue()).isBetween(3L, 4L));
    }
}
