/**
 * The auditor's read side of the audit database: {@link dev.hallmark.db.query.UnitQuery} criteria, paged
 * look-ups and counts ({@link dev.hallmark.db.query.UnitSearch}) and a forward-only cursor for exports
 * ({@link dev.hallmark.db.query.UnitCursor}). Parameterised SQL only; pages are keyset pages on the unit id.
 */
package dev.hallmark.db.query;
