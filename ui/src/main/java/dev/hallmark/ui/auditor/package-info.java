/** The auditor's read-only screen: search units over a paged table, open one unit, verify the audit chain, export. */
package dev.hallmark.ui.auditor;
