/**
 * The JDBC audit store: opening and migrating the audit database, claims, serials, journal and sealing of units.
 * Every write also appends its events to the station's audit chain ({@link dev.hallmark.db.chain}) in the same
 * transaction, under a lock per station, and signs checkpoints with the station key when they are due.
 */
package dev.hallmark.db.store;
