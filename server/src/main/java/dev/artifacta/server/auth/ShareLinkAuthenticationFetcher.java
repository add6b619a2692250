package dev.artifacta.server.auth;

import dev.artifacta.command.apikeys.ApiKeySecrets;
import dev.artifacta.command.sharing.ShareLink;
import dev.artifacta.command.sharing.infrastructure.ShareLinkRegistryProjection;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.access.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The share link authentication source: a request under {@code /v1/shared/{token}} (or the
 * console's {@code /console/shared/{token}}) whose token
 * names a usable link (not revoked, not expired) is that link's {@link Principal.ShareLink}, with
 * the link's role on its one artifact. Any other token leaves the request anonymous, and the shared
 * routes answer it with the same 404 whatever was wrong.
 */
@Singleton
public class ShareLinkAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    /** How share link tokens look and hash: the same scheme as API keys, another marker. */
    public static final ApiKeySecrets TOKENS = ApiKeySecrets.withPrefix(ShareLink.TOKEN_MARKER);

    private static final String SHARED = "/v1/shared/";

    /** The console's read-only page of a share link. */
    private static final String CONSOLE_SHARED = "/console/shared/";

    private final ShareLinkRegistryProjection links;
    private final Clock clock;
    private final Scheduler blocking;

    public ShareLinkAuthenticationFetcher(
            ShareLinkRegistryProjection links, Clock clock, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.links = links;
        this.clock = clock;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String path = request.getPath();
        String prefix = path.startsWith(SHARED) ? SHARED : path.startsWith(CONSOLE_SHARED) ? CONSOLE_SHARED : null;
        if (prefix == null) {
            return Mono.empty();
        }
        int end = path.indexOf('/', prefix.length());
        String token = end < 0 ? path.substring(prefix.length()) : path.substring(prefix.length(), end);
        return Mono.fromCallable(() -> resolve(token).orElse(null)).subscribeOn(blocking);
    }

    private Optional<Authentication> resolve(String token) {
        return TOKENS.hashIfWellFormed(token)
                .flatMap(hash -> links.findUsable(hash, clock.instant()))
                .flatMap(link -> Role.parse(link.role())
                        .map(role -> new Principal.ShareLink(
                                link.tenantId(), link.linkId(), link.prefix(), link.artifactId(), role)))
                .map(principal -> Principals.authentication(principal.linkId(), principal));
    }
}
