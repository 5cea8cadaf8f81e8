/** Wiring of a station's parts on the embedded default: data directory, secrets, token, CA, audit database. */
package dev.hallmark.app.station;
