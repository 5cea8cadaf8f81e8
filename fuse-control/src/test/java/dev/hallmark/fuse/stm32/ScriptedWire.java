package dev.hallmark.fuse.stm32;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link BootloaderWire} that answers every read from a fixed byte sequence and ignores what is written; once
 * the sequence is used up, every read times out at once and the timeout is added to {@link #waited()}, the time a
 * real port would have waited.
 */
final class ScriptedWire implements BootloaderWire {

    private final byte[] answers;
    private final List<Byte> consumed = new ArrayList<>();
    private int position;
    private Duration waited = Duration.ZERO;

    ScriptedWire(byte[] answers) {
        this.answers = answers.clone();
    }

    Duration waited() {
        return waited;
    }

    List<Byte> consumed() {
        return consumed;
    }

    @Override
    public String path() {
        return "/dev/scripted";
    }

    @Override
    public void write(byte[] bytes) {
        // the scripted device answers regardless
    }

    @Override
    public int read(Duration timeout) {
        if (position >= answers.length) {
            waited = waited.plus(timeout);
            return -1;
        }
        consumed.add(answers[position]);
        return answers[position++] & 0xFF;
    }

    @Override
    public byte[] readExactly(int count, Duration timeout) {
        if (answers.length - position < count) {
            waited = waited.plus(timeout);
            position = answers.length;
            return null;
        }
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) read(timeout);
        }
        return bytes;
    }

    @Override
    public void discardInput() {
        // scripted answers are never stale
    }

    @Override
    public void reopen() {
        // nothing to reopen
    }
}
