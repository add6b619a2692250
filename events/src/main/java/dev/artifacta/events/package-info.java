/**
 * The event contract of Artifacta: every fact the system records, as immutable records.
 *
 * <p>Rules that keep stored history readable forever:
 *
 * <ul>
 *   <li>An event's fully qualified class name is stored with every event: never move or rename one.
 *   <li>Every event carries {@code @Revision}; a change to its JSON shape needs a new revision and
 *       an upcaster named {@code <Event><from>To<to>Upcaster}. The contract test in this module
 *       fails until both exist.
 *   <li>Events carry the tenant and the ids they concern, and the time the command carried. Who did
 *       it and from which request travel as message metadata, see {@link AuditMetadata}.
 *   <li>A raw API key never appears in an event: only its SHA-256 hash, prefix and last four.
 * </ul>
 */
package dev.artifacta.events;
