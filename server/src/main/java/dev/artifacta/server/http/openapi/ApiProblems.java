package dev.artifacta.server.http.openapi;

import dev.artifacta.server.http.Problem;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems (RFC 9457, {@code application/problem+json}) an operation can answer, one
 * annotation per status. Put them on the operation (or on its controller, for all of them) where
 * the status really occurs; the problem's {@code type} says which rule refused the request. Every
 * operation also answers {@code default} problems (an unexpected error), which the build adds.
 */
public final class ApiProblems {

    private ApiProblems() {}

    /** 400: unreadable JSON, wrong types, unknown fields, bad query parameters or headers. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(
            responseCode = "400",
            description = "The request is malformed: unreadable or mistyped JSON, an unknown field, a bad query"
                    + " parameter or header (the problem's type names which).",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface BadRequest {}

    /** 401: no usable credential. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(
            responseCode = "401",
            description = "No usable credential: missing, malformed, unknown, revoked or expired (unauthenticated).",
            headers =
                    @Header(
                            name = "WWW-Authenticate",
                            description = "The scheme and realm to authenticate with.",
                            schema = @Schema(type = "string")),
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Unauthenticated {}

    /** 403: the credential may not do this (scope, role, plan, CSRF token). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(
            responseCode = "403",
            description = "Refused: the credential lacks the scope or role (insufficient-scope, insufficient-role),"
                    + " the plan lacks the feature (plan-upgrade-required), or a session's change lacks its CSRF"
                    + " token.",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Forbidden {}

    /** 404: no such resource for this caller (another tenant's is the same). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(
            responseCode = "404",
            description = "Not found, or not visible to this caller (another tenant's resource answers the same).",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface NotFound {}

    /** 409: conflicts with the current state. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(
            responseCode = "409",
            description = "Conflicts with the current state (a name taken, a limit reached, already revoked).",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Conflict {}

    /** 412: {@code If-Match} no longer names the head. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(
            responseCode = "412",
            description = "If-Match no longer names the head version (version-mismatch, with expectedVersion and"
                    + " headVersion); nothing changed.",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface PreconditionFailed {}

    /** 413: the body or the content is too large. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(
            responseCode = "413",
            description = "The body or the content is too large (content-too-large, payload-too-large).",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface ContentTooLarge {}

    /** 415: a body of another type than the operation reads. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(
            responseCode = "415",
            description = "The body's Content-Type is missing or not one this operation reads.",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface UnsupportedMediaType {}

    /** 422: well-formed, but breaks a rule. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(
            responseCode = "422",
            description = "Well-formed but breaks a rule (invalid-request with the field errors, invalid-text,"
                    + " secret-in-plain-text, …).",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Unprocessable {}

    /** 429: a quota or rate limit is spent. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(
            responseCode = "429",
            description = "A limit is spent: the tenant's monthly requests (request-quota-exceeded), or too many"
                    + " failed authentications or signups from this address.",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "Seconds until the limit resets.",
                            schema = @Schema(type = "integer", minimum = "0")),
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface TooManyRequests {}
}
