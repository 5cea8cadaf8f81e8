/** Tests of the exports: each format written from an embedded audit database and parsed back. */
package dev.hallmark.db.export;
