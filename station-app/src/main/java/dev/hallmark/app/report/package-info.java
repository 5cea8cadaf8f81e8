/**
 * The conformity report of a lot: gathered from the audit database, written as JSON and as a signed PDF/A-3u
 * document (embedded fonts, the JSON attached, PAdES signature by the station audit key in the token), and checked
 * again by {@code lot report --verify}.
 */
package dev.hallmark.app.report;
