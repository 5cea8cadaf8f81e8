/** The hallmark command line: subcommands, their output for people and scripts, and exit codes. */
package dev.hallmark.app.cli;
