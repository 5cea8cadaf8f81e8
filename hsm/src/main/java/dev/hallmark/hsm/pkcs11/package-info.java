/** PKCS#11 plumbing shared by the hsm packages: one module per JVM, session pool, error mapping, wrapper logging. */
package dev.hallmark.hsm.pkcs11;
