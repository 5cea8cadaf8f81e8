/** Rework: a readout-locked unit's device wiped (readout unprotect), its identity revoked, its device released. */
package dev.hallmark.app.rework;
