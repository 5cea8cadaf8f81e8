package dev.hallmark.app.lot;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A units manifest ({@code units.csv}): one serial per row, in the order they are handed out; an optional header
 * row {@code serial}; blank lines and lines starting with {@code #} are skipped. Every bad row is reported with its
 * line number before anything starts.
 */
public final class Manifest {

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
    private static final int MAX_REPORTED = 20;

    private Manifest() {
    }

    /** The manifest's serials; LOT_MANIFEST_INVALID names each bad row (line number, what is wrong). */
    public static List<String> read(Path file) throws ProvisioningException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.LOT_MANIFEST_INVALID, "the manifest " + file
                    + " cannot be read", e.toString(), e);
        }
        return parse(file.toString(), lines);
    }

    /** Parses the lines of a manifest named {@code name}. */
    public static List<String> parse(String name, List<String> lines) throws ProvisioningException {
        List<String> serials = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (serials.isEmpty() && problems.isEmpty()
                    && line.equalsIgnoreCase("serial"))) {
                continue;
            }
            String serial = line.endsWith(",") ? line.substring(0, line.length() - 1).strip() : line;
            if (serial.contains(",")) {
                problems.add("line " + lineNo + ": one column (serial) expected, found '" + line + "'");
            } else if (!SERIAL.matcher(serial).matches()) {
                problems.add("line " + lineNo + ": '" + serial + "' is not a serial (1-64 of A-Z a-z 0-9 . _ / -,"
                        + " starting with a letter or digit)");
            } else if (seen.containsKey(serial)) {
                problems.add("line " + lineNo + ": serial " + serial + " repeats line " + seen.get(serial));
            } else {
                seen.put(serial, lineNo);
                serials.add(serial);
            }
        }
        if (!problems.isEmpty()) {
            List<String> shown = problems.subList(0, Math.min(MAX_REPORTED, problems.size()));
            String more = problems.size() > MAX_REPORTED ? "; and " + (problems.size() - MAX_REPORTED) + " more" : "";
            throw new ProvisioningException(ErrorCode.LOT_MANIFEST_INVALID, "the manifest " + name + " has "
                    + problems.size() + " bad row" + (problems.size() == 1 ? "" : "s") + ": "
                    + String.join("; ", shown) + more);
        }
        if (serials.isEmpty()) {
            throw new ProvisioningException(ErrorCode.LOT_MANIFEST_INVALID, "the manifest " + name + " names no serial");
        }
        return serials;
    }
}
