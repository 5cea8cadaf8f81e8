package dev.hallmark.engine.access;

import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.engine.port.ChainedAction;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain of the action log: each action's hash is SHA-256 over its sequence number, its fields (each
 * length-prefixed UTF-8, null as -1) and the previous action's hash (64 zeros for the first). An independent
 * checker recomputes it from the rows alone.
 */
public final class ActionChain {

    /** The previous hash of the first action. */
    public static final String GENESIS = "0".repeat(64);

    private ActionChain() {
    }

    /** The hash of the action at {@code seq} after {@code prevHash}. */
    public static String hash(long seq, ActionRecord a, String prevHash) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(seq);
            field(out, a.at().toString());
            field(out, a.operator());
            field(out, a.action());
            field(out, a.target());
            field(out, a.approver());
            field(out, a.outcome());
            field(out, a.detail());
            field(out, prevHash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** The result of checking the chain: how many actions, and each break found (empty when it holds). */
    public record Report(int actions, List<String> findings) {
        public boolean holds() {
            return findings.isEmpty();
        }
    }

    /** Checks that sequence numbers count from 1 without gaps and every hash links to the one before. */
    public static Report verify(List<ChainedAction> actions) {
        List<String> findings = new ArrayList<>();
        String prev = GENESIS;
        long expected = 1;
        for (ChainedAction action : actions) {
            if (action.seq() != expected) {
                findings.add("action " + action.seq() + ": expected sequence number " + expected
                        + " (an action was deleted or inserted)");
            }
            if (!prev.equals(action.prevHash())) {
                findings.add("action " + action.seq() + ": does not link to the action before it");
            }
            if (!hash(action.seq(), action.record(), action.prevHash()).equals(action.hash())) {
                findings.add("action " + action.seq() + ": its fields were changed after it was written");
            }
            prev = action.hash();
            expected = action.seq() + 1;
        }
        return new Report(actions.size(), List.copyOf(findings));
    }

    private static void field(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
