/** Tests of sign-in, lockout, the role matrix, the two-person rule, password hashing and the action chain. */
package dev.hallmark.engine.access;
