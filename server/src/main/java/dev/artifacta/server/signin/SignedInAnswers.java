package dev.artifacta.server.signin;

import io.micronaut.http.MediaType;
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
 * The answers of a finished sign-in, whichever way the person signed in (the provider's callback,
 * the development sign-in): they all come from {@link SessionResponses#signedIn}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(
        responseCode = "200",
        description = "Signed in (JSON, when asked for with Accept: application/json); the session cookie is set.",
        headers = @Header(name = "Set-Cookie", description = "artifacta_session.", schema = @Schema(type = "string")),
        content =
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = SessionResponses.SignedIn.class)))
@ApiResponse(
        responseCode = "201",
        description = "A first sign-in made a workspace: the answer shows its first API key, once.",
        headers = @Header(name = "Set-Cookie", description = "artifacta_session.", schema = @Schema(type = "string")),
        content = {
            @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SessionResponses.SignedIn.class)),
            @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = "string"))
        })
@ApiResponse(
        responseCode = "303",
        description = "Signed in (a browser): on to /console, or back to the OAuth authorization page that sent"
                + " the browser to sign in; the session cookie is set.",
        headers = {
            @Header(name = "Location", required = true, schema = @Schema(type = "string", format = "uri-reference")),
            @Header(name = "Set-Cookie", description = "artifacta_session.", schema = @Schema(type = "string"))
        })
@interface SignedInAnswers {}
