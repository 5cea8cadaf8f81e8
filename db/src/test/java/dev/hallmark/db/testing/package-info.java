/** Test helpers of the db module: units, outcomes, evidence and self-signed certificates. */
package dev.hallmark.db.testing;
