package dev.artifacta.server.processing.config;

/**
 * This server process as other nodes see it: the owner it writes into {@code token_entry} when it
 * claims a segment, and the id it announces itself with in {@code server_node}.
 */
public record NodeIdentity(String id) {}
