/** Smoke tests of the audit benchmark at a few thousand units; the figures themselves are never asserted. */
package dev.hallmark.db.bench;
