/** The fixtures' serial ports through jSerialComm, shared by the chip families' links. */
package dev.hallmark.fuse.serial;
