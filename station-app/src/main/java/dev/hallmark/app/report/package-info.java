/** The conformity report of a lot: gathered from the audit database, written as JSON and as PDF with charts. */
package dev.hallmark.app.report;
