package dev.hallmark.app.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The file name of a lot's report: a readable slug of the lot name (characters outside {@code A-Z a-z 0-9 . _ -}
 * become {@code _}, at most 40 kept) and the first 16 hex digits of SHA-256 over the exact name, so two lots whose
 * slugs agree ({@code A/B} and {@code A_B}, or {@code LOT} and {@code lot} on a case-insensitive USB stick) never
 * overwrite each other's report: {@code lot-C1-<16 hex>-conformity}.
 */
public final class ReportFileName {

    private static final int SLUG = 40;
    private static final int HASH_HEX = 16;

    private ReportFileName() {
    }

    /** The base name, without extension, for the lot's report files. */
    public static String base(String lot) {
        String slug = lot.replaceAll("[^A-Za-z0-9._-]", "_");
        if (slug.length() > SLUG) {
            slug = slug.substring(0, SLUG);
        }
        return "lot-" + slug + "-" + hash(lot) + "-conformity";
    }

    private static String hash(String lot) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(lot.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
