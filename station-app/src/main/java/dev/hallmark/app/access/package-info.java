/** Sign-in for the CLI: operators, the station's service account, passwords from files, the environment or a prompt. */
package dev.hallmark.app.access;
