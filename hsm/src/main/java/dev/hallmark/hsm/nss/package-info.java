/** NSS softoken as a station token: its database through C_Initialize's LibraryParameters, and its first PIN. */
package dev.hallmark.hsm.nss;
