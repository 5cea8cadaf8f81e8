/** The JDBC audit store: opening and migrating the audit database, claims, serials, journal and sealing of units. */
package dev.hallmark.db.store;
