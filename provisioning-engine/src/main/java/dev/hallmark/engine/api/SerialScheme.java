package dev.hallmark.engine.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a lot names its units: a pattern with one counter field ({@code HM-F4-{counter:06}}: prefix, counter padded
 * to 6 digits, suffix) or a manifest, a list of serials handed out in order.
 *
 * @param pattern  the pattern, or null for a manifest
 * @param manifest the manifest's serials in order, empty for a pattern
 */
public record SerialScheme(String pattern, List<String> manifest) {

    private static final Pattern COUNTER = Pattern.compile("\\{counter(?::(\\d{1,2}))?}");
    private static final int MAX_SERIAL = 64;

    public SerialScheme {
        manifest = manifest == null ? List.of() : List.copyOf(manifest);
        if ((pattern == null) == manifest.isEmpty()) {
            throw new IllegalArgumentException("a serial scheme is a pattern or a manifest, not both or neither");
        }
    }

    /** A scheme with a counter pattern; HM-606 when the pattern has not exactly one counter field. */
    public static SerialScheme pattern(String pattern) throws ProvisioningException {
        Objects.requireNonNull(pattern, "pattern");
        Matcher m = COUNTER.matcher(pattern);
        int fields = 0;
        while (m.find()) {
            fields++;
        }
        String rest = COUNTER.matcher(pattern).replaceAll("");
        if (fields != 1 || pattern.length() > MAX_SERIAL || rest.contains("{") || rest.contains("}")) {
            throw new ProvisioningException(ErrorCode.LOT_SERIAL_PATTERN_INVALID, "the serial pattern ("
                    + pattern.length() + " characters) needs exactly one {counter} or {counter:NN} field and at most "
                    + MAX_SERIAL + " characters");
        }
        SerialScheme scheme = new SerialScheme(pattern, List.of());
        scheme.requireProducible();
        return scheme;
    }

    /**
     * Refuses, at lot open, a pattern whose serials would break the names' character set ({@link Names}): its
     * first serial and its longest one (the counter at its width, or at 12 digits without one) must be names.
     */
    private void requireProducible() throws ProvisioningException {
        Matcher m = COUNTER.matcher(pattern);
        m.find();
        int width = m.group(1) == null ? 12 : Math.max(1, Integer.parseInt(m.group(1)));
        long widest = width >= 18 ? Long.MAX_VALUE : (long) Math.pow(10, width) - 1;
        for (long n : new long[] {1, widest}) {
            java.util.Optional<String> problem = Names.problem(format(n));
            if (problem.isPresent()) {
                throw new ProvisioningException(ErrorCode.LOT_SERIAL_PATTERN_INVALID, "the serial pattern cannot "
                        + "produce valid serials: serial number " + n + " " + problem.get() + "; use A-Z a-z 0-9 . _ / -"
                        + " around the counter, at most " + Names.MAX_LENGTH + " characters in all");
            }
        }
    }

    /** A scheme handing out the manifest's serials in order. */
    public static SerialScheme manifest(List<String> serials) {
        return new SerialScheme(null, serials);
    }

    public boolean isManifest() {
        return pattern == null;
    }

    /** The serial for the counter value {@code n} (pattern only). */
    public String format(long n) {
        Matcher m = COUNTER.matcher(pattern);
        if (!m.find()) {
            throw new IllegalStateException("no counter in " + pattern);
        }
        String width = m.group(1);
        String counter = width == null ? Long.toString(n) : String.format(Locale.ROOT, "%0" + Integer.parseInt(width) + "d", n);
        return pattern.substring(0, m.start()) + counter + pattern.substring(m.end());
    }

    /**
     * The name of the counter the pattern draws from: the text around the counter field, so lots of one product
     * line share one counter and never hand out a serial twice ({@code HM-F4-} for {@code HM-F4-{counter:06}}).
     */
    public String counterKey() {
        Matcher m = COUNTER.matcher(pattern);
        if (!m.find()) {
            throw new IllegalStateException("no counter in " + pattern);
        }
        String suffix = pattern.substring(m.end());
        return pattern.substring(0, m.start()) + (suffix.isEmpty() ? "" : "{}" + suffix);
    }

    /** What the audit record keeps of the scheme: the pattern, or the manifest's size. */
    public String describe() {
        return isManifest() ? "manifest of " + manifest.size() + " serials" : pattern;
    }
}
