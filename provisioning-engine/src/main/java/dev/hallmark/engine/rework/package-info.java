/**
 * Rework: a readout-locked unit's device wiped through the link's {@code ReadoutUnprotect} capability, its identity
 * revoked through the CA's {@code Revoker} (and a CRL published where the CA can), and the UNIT_REWORKED record
 * written through the store's {@code ReworkRecords}, which releases the device for a new unit.
 */
package dev.hallmark.engine.rework;
