package dev.artifacta.server;

import dev.artifacta.server.http.openapi.ApiSecurity;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Contact;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.servers.ServerVariable;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Starts the Artifacta server. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Artifacta",
                        version = "v1",
                        description = "Event-sourced, audit-first API for versioned artifacts and the API keys that"
                                + " automate them. Errors are RFC 9457 application/problem+json. Every response"
                                + " carries X-Request-Id; every POST takes an Idempotency-Key.",
                        contact = @Contact(name = "Artifacta", url = "https://artifacta.dev")),
        servers =
                @Server(
                        url = "{origin}",
                        description = "Wherever the server runs: its public URL (ARTIFACTA_PUBLIC_URL).",
                        variables =
                                @ServerVariable(
                                        name = "origin",
                                        defaultValue = "http://localhost:8080",
                                        description = "Scheme, host and port; bin/run-server listens on"
                                                + " localhost:8080.")),
        security = {
            @SecurityRequirement(name = ApiSecurity.API_KEY_BEARER),
            @SecurityRequirement(name = ApiSecurity.API_KEY_HEADER),
            @SecurityRequirement(name = ApiSecurity.SESSION)
        },
        tags = {
            @Tag(name = "Signup", description = "Creating a tenant and its first API key."),
            @Tag(name = "Identity", description = "Who the caller is, its tenant and usage."),
            @Tag(name = "API keys", description = "The tenant's API keys: the secret is shown once."),
            @Tag(name = "Agents", description = "Non-human identities that keys act as."),
            @Tag(name = "Members", description = "The workspace's people and their invitations."),
            @Tag(name = "Projects", description = "Groups of artifacts within a tenant."),
            @Tag(name = "Artifacts", description = "Versioned content, its access settings and diffs."),
            @Tag(name = "Comments", description = "Discussion on an artifact and its versions."),
            @Tag(name = "Share links", description = "Tokens that open one artifact without an account."),
            @Tag(name = "Audit", description = "The tamper-evident audit trail, its export and checkpoints."),
            @Tag(name = "Sign-in", description = "OpenID Connect sign-in for people, and their sessions."),
            @Tag(name = "Admin", description = "Operator endpoints behind the admin token."),
            @Tag(name = "Operations", description = "Health and metrics for the platform.")
        })
@SecurityScheme(
        name = ApiSecurity.API_KEY_BEARER,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "ak_live_…",
        description = "An API key as 'Authorization: Bearer ak_live_…'.")
@SecurityScheme(
        name = ApiSecurity.API_KEY_HEADER,
        type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER,
        paramName = "X-API-Key",
        description = "An API key as 'X-API-Key: ak_live_…'.")
@SecurityScheme(
        name = ApiSecurity.SESSION,
        type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.COOKIE,
        paramName = "artifacta_session",
        description = "A signed-in person's session (see /auth/login). Every method but GET, HEAD and OPTIONS"
                + " also needs the session's CSRF token in X-CSRF-Token.")
@SecurityScheme(
        name = ApiSecurity.ADMIN_TOKEN,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "The operator's admin token (ARTIFACTA_ADMIN_TOKEN) as 'Authorization: Bearer'.")
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
