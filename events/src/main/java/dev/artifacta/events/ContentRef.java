package dev.artifacta.events;

/**
 * A version's content, by reference: the bytes live in the content store, once per distinct
 * SHA-256 per tenant, never in an event.
 *
 * @param sha256 lowercase hex SHA-256 of the bytes
 * @param size the size in bytes
 * @param contentType the media type the bytes are served with
 * @param fileName the file name, or null
 */
public record ContentRef(String sha256, long size, String contentType, String fileName) {}
