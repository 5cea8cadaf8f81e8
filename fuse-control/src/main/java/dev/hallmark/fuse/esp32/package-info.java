/**
 * The station's link to an ESP32-C3 in its ROM serial loader (Espressif's SLIP command protocol): identify by
 * GET_SECURITY_INFO and eFuse reads, identity blob to flash with MD5 verification, and the permanent debug lock
 * by eFuses, planned first and burnt in two phases (data fuses, then write protection) as espefuse does.
 */
package dev.hallmark.fuse.esp32;
