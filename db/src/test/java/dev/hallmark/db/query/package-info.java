/** Tests of the auditor's queries and the export cursor, against an embedded H2 audit database. */
package dev.hallmark.db.query;
