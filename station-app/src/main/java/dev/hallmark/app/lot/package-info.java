/**
 * Lots for mass provisioning ({@code hallmark provision}): product profiles and fixtures from station.yaml, the
 * units manifest, the bench feed, the crash points of the resume harness, and the wiring of a lot's run.
 */
package dev.hallmark.app.lot;
