package dev.hallmark.engine.api;

/** How far the debug interfaces are closed. */
public enum LockLevel {
    /** STM32 readout protection level 1: debug and bootloader cannot read memory; reversible with a mass erase. */
    READOUT_PROTECTED,
    /** STM32 readout protection level 2 or burnt eFuses: debug and bootloader gone for good. */
    PERMANENT;

    public boolean irreversible() {
        return this == PERMANENT;
    }
}
