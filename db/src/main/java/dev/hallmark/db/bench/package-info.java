/**
 * The audit database benchmark (not a test): a generator of realistic unit records bulk-loaded into H2, and
 * timings of serial look-ups and a full CSV export, printed by the CLI as one line.
 */
package dev.hallmark.db.bench;
