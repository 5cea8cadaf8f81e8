/** Operators, roles and secrets: password hashing, sign-in with lockout, the role matrix, the two-person rule, the action chain. */
package dev.hallmark.engine.access;
