/** Wiring of a station's parts on the embedded default: token, CA, audit database, the demo and the window. */
package dev.hallmark.app.station;
