/**
 * Tamper-evident export of the audit view and the offline verifier (issue #4). It reads what the
 * query side stores and never writes events or read models.
 */
package dev.artifacta.auditexport;
