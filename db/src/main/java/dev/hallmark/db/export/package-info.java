/**
 * Exports of the audit database for auditors and customers — CSV, JSON lines, a PEM bundle, a signed lot
 * manifest (JWS) and AWS IoT bulk-registration lines — each streamed from a forward-only cursor, all behind
 * one entry point, {@link dev.hallmark.db.export.Exports}.
 */
package dev.hallmark.db.export;
