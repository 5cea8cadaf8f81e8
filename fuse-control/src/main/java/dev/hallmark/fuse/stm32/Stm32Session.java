package dev.hallmark.fuse.stm32;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootloader exchanges with recovery. AN3155 leaves recovery to the host: after a timeout, a NACK of a later
 * frame or a byte out of protocol, the host must bring the bootloader back to waiting for a command. Here every
 * exchange is tried at most {@link Stm32LinkOptions#attempts()} times; between two tries the session drops
 * stale input, fills any half-received frame with 0xFF, sends 0x7F (ACK: a reset device synced again; NACK: a
 * synced one took it as a command) and checks with GET_ID that the bootloader is in step. A NACKed READ_MEMORY is
 * asked again before it counts as readout protection, so a NACK from line noise is not taken for a lock.
 */
final class Stm32Session {

    private static final Logger log = LoggerFactory.getLogger(Stm32Session.class);
    /** Consecutive NACKed reads that count as readout protection. */
    static final int NACK_CONFIRMATIONS = 3;
    private static final int RECOVERY_ROUNDS = 3;
    /**
     * How long one 0x7F after a reset waits for its answer before the next is sent: a limit, not a delay (the answer
     * ends it). Short, because a 0x7F sent while the part boots is lost and only the next one can be answered; long
     * enough for the ACK to come back over a USB bridge before another 0x7F follows.
     */
    static final Duration RESET_POLL = Duration.ofMillis(5);

    /** One exchange with the device. */
    @FunctionalInterface
    interface Exchange<T> {
        T run() throws ProvisioningException;
    }

    private final BootloaderWire wire;
    private final Stm32Commands commands;
    private final Stm32LinkOptions options;
    private boolean synced;
    private int recoveries;

    Stm32Session(BootloaderWire wire, Stm32LinkOptions options) {
        this.wire = wire;
        this.options = options;
        this.commands = new Stm32Commands(wire, options);
    }

    Stm32Commands commands() {
        return commands;
    }

    String path() {
        return wire.path();
    }

    boolean synced() {
        return synced;
    }

    int attempts() {
        return options.attempts();
    }

    long resetSettleMillis() {
        return options.resetSettle().toMillis();
    }

    /** Re-syncs done so far, for the log and the benchmarks. */
    int recoveries() {
        return recoveries;
    }

    /** The first sync of a session (or after a reset): 0x7F until ACK or NACK. */
    int sync() throws ProvisioningException {
        int reply = commands.sync();
        synced = true;
        return reply;
    }

    /** The device reset itself (protection change, option write): it must be synced again. */
    void deviceReset() {
        synced = false;
    }

    void ensureSynced() throws ProvisioningException {
        if (!synced) {
            sync();
        }
    }

    /** Runs the exchange, recovering and trying again on a timeout, a late NACK or a byte out of protocol. */
    <T> T retried(String what, Exchange<T> exchange) throws ProvisioningException {
        ProvisioningException last = null;
        for (int attempt = 1; attempt <= options.attempts(); attempt++) {
            try {
                ensureSynced();
                return exchange.run();
            } catch (ProvisioningException e) {
                if (!recoverable(e)) {
                    throw e;
                }
                last = e;
                log.info("{}: {} failed (try {} of {}): {}", wire.path(), what, attempt, options.attempts(),
                        e.rawDetail());
                if (attempt < options.attempts() && !recover()) {
                    break;
                }
            }
        }
        throw new ProvisioningException(ErrorCode.DEVICE_RETRIES_EXHAUSTED, "The device on " + wire.path()
                + " kept failing " + what + " after " + options.attempts() + " tries with re-sync.",
                last.rawDetail(), last);
    }

    /**
     * An answer that carries no checksum (GET, GET_ID, READ_MEMORY data), asked until two answers in a row agree,
     * so a reply changed by line noise is not taken for the device's word.
     */
    <T> T agreed(String what, Exchange<T> exchange, java.util.function.BiPredicate<T, T> same)
            throws ProvisioningException {
        T previous = retried(what, exchange);
        for (int n = 0; n < options.attempts(); n++) {
            T again = retried(what, exchange);
            if (same.test(previous, again)) {
                return again;
            }
            log.info("{}: two answers to {} differ, asking again", wire.path(), what);
            previous = again;
        }
        throw new ProvisioningException(ErrorCode.DEVICE_RETRIES_EXHAUSTED, "The device on " + wire.path()
                + " answered " + what + " differently every time.", what + " -> differing answers", null);
    }

    /** GET_ID until two answers agree. */
    int productId() throws ProvisioningException {
        return agreed("GET_ID", commands::getId, Integer::equals);
    }

    /** GET until two answers agree. */
    Stm32Commands.BootloaderInfo bootloaderInfo() throws ProvisioningException {
        return agreed("GET", commands::get, (a, b) -> a.version() == b.version()
                && java.util.Arrays.equals(a.commands(), b.commands()));
    }

    /**
     * READ_MEMORY with recovery; empty only if the command byte was NACKed {@link #NACK_CONFIRMATIONS} times, with
     * a GET_ID between two tries proving the bootloader is in step (so a NACK is its answer to READ_MEMORY, not
     * to a byte it took for something else).
     */
    Optional<byte[]> read(long address, int length) throws ProvisioningException {
        String what = "READ_MEMORY " + Stm32Protocol.hex32(address);
        for (int n = 1; ; n++) {
            Optional<byte[]> data = retried(what, () -> commands.readMemory(address, length));
            if (data.isPresent() || n >= NACK_CONFIRMATIONS) {
                return data;
            }
            log.debug("{}: {} NACKed, checking the bootloader is in step and asking again", wire.path(), what);
            retried("GET_ID", commands::getId);
        }
    }

    /**
     * Brings the bootloader back to waiting for a command, and checks with a GET_ID that it is in step; false if
     * it stays silent (then the next try would only wait again). The 0xFF flush comes before any 0x7F: a 0x7F
     * landing in a half-received WRITE_MEMORY frame could complete it with a valid checksum and program 0x7F
     * into flash, where 0xFF programs nothing.
     */
    boolean recover() throws ProvisioningException {
        recoveries++;
        for (int round = 0; round < RECOVERY_ROUNDS; round++) {
            drain();
            commands.flushFrame();
            try {
                sync();
            } catch (ProvisioningException silent) {
                if (!recoverable(silent)) {
                    throw silent;
                }
                log.info("{}: no answer while re-syncing: {}", wire.path(), silent.rawDetail());
                return false;
            }
            if (inStep()) {
                return true;
            }
        }
        return true;
    }

    private boolean inStep() throws ProvisioningException {
        try {
            drain();
            commands.getId();
            return true;
        } catch (ProvisioningException e) {
            if (!recoverable(e)) {
                throw e;
            }
            log.debug("{}: not in step after the sync: {}", wire.path(), e.rawDetail());
            return false;
        }
    }

    /**
     * After a reset: the device itself says when it is back. The first 0x7F goes out at once and is repeated every
     * {@link #RESET_POLL} until it is answered, within the sync timeout times the sync attempts; no fixed pause. A
     * port that went away (USB bridge re-enumerated) is opened again and synced the usual way.
     */
    int reconnect() throws ProvisioningException {
        try {
            Duration poll = options.syncTimeout().compareTo(RESET_POLL) < 0 ? options.syncTimeout() : RESET_POLL;
            int reply = commands.syncAfterReset(poll);
            synced = true;
            return reply;
        } catch (ProvisioningException notBack) {
            if (notBack.code() != ErrorCode.DEVICE_NOT_RESPONDING) {
                throw notBack;
            }
            log.info("{}: no answer after the reset, reopening the port", wire.path());
            wire.reopen();
            return sync();
        }
    }

    /** Drops input until the line has been quiet for the sync timeout (a stalled reply arrives late). */
    private void drain() throws ProvisioningException {
        wire.discardInput();
        while (wire.read(options.syncTimeout()) >= 0) {
            wire.discardInput();
        }
    }

    static boolean recoverable(ProvisioningException e) {
        return e.code() == ErrorCode.DEVICE_NOT_RESPONDING || e.code() == ErrorCode.DEVICE_PROTOCOL_ERROR
                || e.code() == ErrorCode.DEVICE_NACK;
    }

    static void pause(long millis) throws ProvisioningException {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED,
                    "The station was interrupted while the device reset.", null, e);
        }
    }
}
