/** What PKCS#11 modules, slots and tokens say about themselves, read without any PIN: `hallmark hsm info`. */
package dev.hallmark.hsm.info;
