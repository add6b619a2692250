package dev.artifacta.server.artifacts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** A new version: text in {@code content} or bytes in {@code contentBase64}. */
@Schema(name = "VersionRequest")
@Serdeable
public record VersionRequest(
        @Nullable String content,
        @Nullable String contentBase64,
        @Nullable @Size(max = 300) String contentType,
        @Nullable @Size(max = 255) String fileName) {}
