package dev.hallmark.app.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The report's embedded fonts (PDF/A forbids the unembedded standard 14): DejaVu Sans, Sans Bold and Sans Mono from
 * Debian's fonts-dejavu-core for Latin, Greek, Cyrillic, Arabic, Hebrew and symbols, and Droid Sans Fallback
 * (fonts-droid-fallback) for Chinese, Japanese and Korean. Each run of text is set in the first font that has its
 * glyphs; a character no font has is shown as U+FFFD, never dropped and never drawn as .notdef.
 */
final class ReportFonts {

    /** The style of a run of text. */
    enum Style { REGULAR, BOLD, MONO }

    static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu");
    static final List<Path> FALLBACKS = List.of(
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallback.ttf"));

    private final PDFont regular;
    private final PDFont bold;
    private final PDFont mono;
    private final PDFont fallback;
    private final Map<PDFont, Map<Integer, Boolean>> coverage = new IdentityHashMap<>();

    private ReportFonts(PDFont regular, PDFont bold, PDFont mono, PDFont fallback) {
        this.regular = regular;
        this.bold = bold;
        this.mono = mono;
        this.fallback = fallback;
    }

    /** Loads the fonts into {@code doc} (subset on save); IOException naming the package when DejaVu is missing. */
    static ReportFonts load(PDDocument doc) throws IOException {
        Path sans = DEJAVU.resolve("DejaVuSans.ttf");
        if (!Files.isReadable(sans)) {
            throw new IOException("the report's font " + sans + " is missing; install Debian's fonts-dejavu-core");
        }
        PDFont fallback = null;
        for (Path p : FALLBACKS) {
            if (Files.isReadable(p)) {
                fallback = PDType0Font.load(doc, p.toFile());
                break;
            }
        }
        return new ReportFonts(PDType0Font.load(doc, sans.toFile()),
                PDType0Font.load(doc, DEJAVU.resolve("DejaVuSans-Bold.ttf").toFile()),
                PDType0Font.load(doc, DEJAVU.resolve("DejaVuSansMono.ttf").toFile()), fallback);
    }

    PDFont font(Style style) {
        return switch (style) {
            case REGULAR -> regular;
            case BOLD -> bold;
            case MONO -> mono;
        };
    }

    /** The width of {@code text} in points. */
    float width(String text, Style style, float size) throws IOException {
        float w = 0;
        for (Run r : runs(text, style)) {
            w += r.font.getStringWidth(r.text) / 1000 * size;
        }
        return w;
    }

    /** Shows {@code text} at (x, y) inside an open text-less content stream. */
    void show(PDPageContentStream cs, String text, Style style, float size, float x, float y) throws IOException {
        float at = x;
        for (Run r : runs(text, style)) {
            cs.beginText();
            cs.setFont(r.font, size);
            cs.newLineAtOffset(at, y);
            cs.showText(r.text);
            cs.endText();
            at += r.font.getStringWidth(r.text) / 1000 * size;
        }
    }

    /** Splits {@code text} into runs, each in the first font that has all its characters. */
    List<Run> runs(String text, Style style) throws IOException {
        PDFont primary = font(style);
        List<Run> runs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        PDFont currentFont = primary;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp)) {
                cp = ' ';
            }
            PDFont f = has(primary, cp) ? primary : fallback != null && has(fallback, cp) ? fallback
                    : has(regular, cp) ? regular : null;
            if (f == null) {
                f = regular;
                cp = 0xFFFD;
            }
            if (f != currentFont && !current.isEmpty()) {
                runs.add(new Run(current.toString(), currentFont));
                current.setLength(0);
            }
            currentFont = f;
            current.appendCodePoint(cp);
        }
        if (!current.isEmpty()) {
            runs.add(new Run(current.toString(), currentFont));
        }
        return runs;
    }

    private boolean has(PDFont font, int codePoint) throws IOException {
        Map<Integer, Boolean> known = coverage.computeIfAbsent(font, f -> new HashMap<>());
        Boolean has = known.get(codePoint);
        if (has == null) {
            try {
                font.encode(new String(Character.toChars(codePoint)));
                has = true;
            } catch (IllegalArgumentException noGlyph) {
                has = false;
            }
            known.put(codePoint, has);
        }
        return has;
    }

    /** A piece of text and the font that draws it. */
    record Run(String text, PDFont font) {
    }
}
