/**
 * {@code hallmark bench}: measurements of the station's parts on this machine, one subcommand per part
 * ({@code ca} today; hsm, db and line can join as further subcommand classes). Each prints one
 * {@code key=value} line per case for scripts, or a JSON array with {@code --json}; figures are measured,
 * never asserted. {@code bench ca} sets up the embedded CA, cfssl and OpenSSL's CMP mock itself and runs
 * in a private network namespace.
 */
package dev.hallmark.app.bench;
