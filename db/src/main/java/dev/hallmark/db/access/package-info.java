/** Operators and the hash-chained action log in the audit database (migration V5). */
package dev.hallmark.db.access;
