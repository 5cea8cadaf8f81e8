/**
 * {@code hallmark bench}: measurements of the station's parts on this machine (module bench, not part of the
 * product; it adds itself to the command line as a {@code CommandExtension}): lots at line speed, and one subcommand
 * per part (ca, hsm, serial, ui). Each prints one
 * {@code key=value} line per case for scripts, or a JSON array with {@code --json}; figures are measured,
 * never asserted. {@code bench ca} sets up the embedded CA, cfssl and OpenSSL's CMP mock itself and runs
 * in a private network namespace.
 */
package dev.hallmark.bench;
