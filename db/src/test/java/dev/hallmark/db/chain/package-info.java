/** Tests of the audit chain: its encoding, the verifier against every kind of tampering, checkpoints. */
package dev.hallmark.db.chain;
