/**
 * The read side: one projection per view, each a {@code XxxProjection} in its own processing
 * group, idempotent and safe to replay from the first event.
 */
package dev.artifacta.query;
