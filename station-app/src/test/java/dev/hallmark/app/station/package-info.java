/** Tests of the station wiring: the scan-driven bench. */
package dev.hallmark.app.station;
