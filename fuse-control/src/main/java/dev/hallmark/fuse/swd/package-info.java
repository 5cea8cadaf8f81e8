/** A second witness of the lock over another wire: a debug probe driven by OpenOCD must fail to read flash. */
package dev.hallmark.fuse.swd;
