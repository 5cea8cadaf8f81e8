/** Per-unit conformity evidence in the audit database (migration V5), read back for the lot report. */
package dev.hallmark.db.conformity;
