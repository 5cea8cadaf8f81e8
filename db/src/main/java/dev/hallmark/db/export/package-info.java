/** Exports of the audit database for auditors and customers, one JSON object per unit. */
package dev.hallmark.db.export;
