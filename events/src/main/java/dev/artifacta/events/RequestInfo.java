package dev.artifacta.events;

/**
 * The request that caused a command: recorded as metadata on every command and event.
 *
 * @param requestId the request id (client-supplied {@code X-Request-Id} or generated)
 * @param clientAddress the client's address as the server saw it
 * @param userAgent the client's {@code User-Agent}, truncated, may be null
 */
public record RequestInfo(String requestId, String clientAddress, String userAgent) {}
