/** Tests of the audit exports. */
package dev.hallmark.db.export;
