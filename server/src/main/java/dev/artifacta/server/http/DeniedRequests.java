package dev.artifacta.server.http;

import io.micronaut.http.HttpRequest;

/**
 * Where the error handlers report a request they refuse for a reason worth auditing (the audit
 * feature records it). A port, so that {@code http}, which every feature uses, uses none of them.
 */
public interface DeniedRequests {

    /** Records the refusal of {@code request} for {@code reason}, answered with {@code problemType}. */
    void record(HttpRequest<?> request, String reason, String problemType);
}
