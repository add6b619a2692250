package dev.artifacta.server;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Starts the Artifacta server. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Artifacta",
                        version = "v1",
                        description =
                                "Event-sourced, audit-first API for versioned artifacts and the API keys that automate"
                                        + " them. Errors are RFC 9457 application/problem+json."),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(
        name = "apiKey",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "An API key (ak_live_…) as 'Authorization: Bearer <key>'; 'X-API-Key: <key>' works too.")
@SecurityScheme(name = "adminToken", type = SecuritySchemeType.HTTP, scheme = "bearer", in = SecuritySchemeIn.HEADER)
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
