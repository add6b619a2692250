package dev.artifacta.server.http.openapi;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an operation, as the OpenAPI document says it. Without one of these an operation
 * takes the document's default: an API key ({@code Authorization: Bearer} or {@code X-API-Key})
 * or a session cookie. Each must agree with the route's {@code @Secured}: the contract test fails
 * when a request without credentials is served where the document asks for them.
 */
public final class ApiSecurity {

    /** An API key as {@code Authorization: Bearer ak_live_…}. */
    public static final String API_KEY_BEARER = "apiKeyBearer";
    /** An API key as {@code X-API-Key: ak_live_…}. */
    public static final String API_KEY_HEADER = "apiKeyHeader";
    /** A signed-in person's session cookie. */
    public static final String SESSION = "session";
    /** The operator's admin token as {@code Authorization: Bearer}. */
    public static final String ADMIN_TOKEN = "adminToken";

    private ApiSecurity() {}

    /** No credential: anyone may call (a share link's token, a signup, health, metrics, sign-in). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @SecurityRequirement(name = "")
    public @interface NoCredentials {}

    /** A key or a session if the caller has one, else anonymous; the access policy decides (public artifacts). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @SecurityRequirement(name = API_KEY_BEARER)
    @SecurityRequirement(name = API_KEY_HEADER)
    @SecurityRequirement(name = SESSION)
    @SecurityRequirement(name = "")
    public @interface OptionalCredentials {}

    /** Only a signed-in person's session. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @SecurityRequirement(name = SESSION)
    public @interface SessionOnly {}

    /** Only the operator's admin token. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @SecurityRequirement(name = ADMIN_TOKEN)
    public @interface AdminToken {}
}
