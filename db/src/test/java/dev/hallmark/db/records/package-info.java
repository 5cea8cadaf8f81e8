/** Tests of the action log and the conformity evidence under the audit chain's signed checkpoints. */
package dev.hallmark.db.records;
