package dev.artifacta.server.http.openapi;

import io.swagger.v3.oas.annotations.Parameter;
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
 * Success answers and parameters that the annotation processor cannot see from a method's
 * signature: the headers an answer carries, raw content, and the rules of paging and conditional
 * parameters. A method that answers another status than 200 also says so with {@code @Status}
 * (micronaut-openapi documents a 200 beside it otherwise); for an {@code HttpResponse} it changes
 * nothing at run time.
 */
public final class ApiAnswers {

    private ApiAnswers() {}

    /** 201 with {@code Location} naming the new resource; the body is the method's return type. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "201",
            description = "Created; Location names the new resource.",
            useReturnTypeSchema = true,
            headers =
                    @Header(
                            name = "Location",
                            description = "The new resource's path.",
                            required = true,
                            schema = @Schema(type = "string", format = "uri-reference")))
    public @interface Created {}

    /** 201 with {@code Location} and the new head version as {@code ETag}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "201",
            description = "Created; Location names the new artifact or version, ETag the new head version.",
            useReturnTypeSchema = true,
            headers = {
                @Header(
                        name = "Location",
                        description = "The new artifact, or the new version's content (relative to the request"
                                + " for a share link).",
                        required = true,
                        schema = @Schema(type = "string", format = "uri-reference")),
                @Header(
                        name = "ETag",
                        description = "The head version, as \"n\".",
                        required = true,
                        schema = @Schema(type = "string"))
            })
    public @interface CreatedVersion {}

    /** 200 with the head version as {@code ETag}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "200",
            description = "The artifact and its head; ETag is the head version.",
            useReturnTypeSchema = true,
            headers =
                    @Header(
                            name = "ETag",
                            description = "The head version, as \"n\".",
                            required = true,
                            schema = @Schema(type = "string")))
    public @interface OkWithVersion {}

    /** 200 with an artifact version's raw bytes, in the type they were stored with. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "200",
            description = "The version's bytes, as stored, with the stored Content-Type.",
            headers = {
                @Header(
                        name = "ETag",
                        description = "The SHA-256 of the bytes, quoted.",
                        required = true,
                        schema = @Schema(type = "string")),
                @Header(
                        name = "Content-Disposition",
                        description = "inline, with the version's file name (RFC 6266, RFC 8187) when it has one.",
                        schema = @Schema(type = "string"))
            },
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    public @interface RawContent {}

    /** 204 without a body. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "204", description = "Done; no body.")
    public @interface NoContent {}

    /** The {@code If-Match} header of a change to an artifact; the method also answers 412. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @Parameter(
            description = "\"n\" (also n or W/\"n\"): change only while version n is the head, else 412; * or none:"
                    + " no condition. Anything else is 400 invalid-if-match.",
            schema = @Schema(type = "string", maxLength = 40))
    public @interface IfMatch {}

    /** A list's page size. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @Parameter(
            description = "Items per page, 1 to 200 (400 invalid-limit otherwise); empty is the default.",
            allowEmptyValue = true,
            schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "200", defaultValue = "50"))
    public @interface Limit {}

    /** A list's cursor. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @Parameter(
            description = "The previous page's nextCursor; opaque, and 400 invalid-cursor for one this list did not"
                    + " return.",
            schema = @Schema(type = "string", maxLength = 300))
    public @interface Cursor {}
}
