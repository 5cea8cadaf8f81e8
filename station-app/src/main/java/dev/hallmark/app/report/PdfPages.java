package dev.hallmark.app.report;

import dev.hallmark.app.report.ReportFonts.Style;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Flowing A4 pages for the report: headings kept with what follows, wrapped paragraphs that never leave a single
 * line behind, tables whose rows wrap and whose header repeats on each page, and a running header and a
 * "page x of y" footer drawn once the page count is known.
 */
final class PdfPages implements AutoCloseable {

    static final PDRectangle SIZE = PDRectangle.A4;
    static final float MARGIN = 50;
    private static final float TOP = SIZE.getHeight() - 62;
    private static final float BOTTOM = 58;
    static final Color GREY = new Color(0x55, 0x55, 0x55);
    static final Color RULE = new Color(0xbb, 0xbb, 0xbb);
    static final Color SHADE = new Color(0xf0, 0xf0, 0xf0);
    static final Color FAIL = new Color(0xb7, 0x1c, 0x1c);
    static final Color PASS = new Color(0x1b, 0x5e, 0x20);

    private final PDDocument doc;
    private final ReportFonts fonts;
    private final String running;
    private PDPageContentStream page;
    private float y;
    private String pendingHeading;
    private float pendingKeep;

    PdfPages(PDDocument doc, ReportFonts fonts, String running) throws IOException {
        this.doc = doc;
        this.fonts = fonts;
        this.running = running;
        newPage();
    }

    ReportFonts fonts() {
        return fonts;
    }

    /** The width between the margins. */
    float width() {
        return SIZE.getWidth() - 2 * MARGIN;
    }

    void title(String text, String subtitle) throws IOException {
        for (String l : wrap(text, Style.BOLD, 18, width())) {
            line(l, Style.BOLD, 18, MARGIN, Color.BLACK);
        }
        y -= 6;
        for (String l : wrap(subtitle, Style.REGULAR, 9.5f, width())) {
            line(l, Style.REGULAR, 9.5f, MARGIN, GREY);
        }
        y -= 6;
        rule();
    }

    /**
     * A section heading, kept on one page with at least {@code keep} points of what follows: it is drawn only when
     * the next paragraph, table or drawing knows its first lines' height, so it never ends a page alone.
     */
    void heading(String text, float keep) throws IOException {
        flushHeading(0);
        pendingHeading = text;
        pendingKeep = keep;
    }

    private void flushHeading(float next) throws IOException {
        if (pendingHeading == null) {
            return;
        }
        String text = pendingHeading;
        pendingHeading = null;
        ensure(34 + Math.max(pendingKeep, next));
        y -= 12;
        line(text, Style.BOLD, 12.5f, MARGIN, Color.BLACK);
        y -= 5;
    }

    void paragraph(String text) throws IOException {
        paragraph(text, Style.REGULAR, 9, Color.BLACK);
    }

    void note(String text) throws IOException {
        paragraph(text, Style.REGULAR, 8, GREY);
    }

    void paragraph(String text, Style style, float size, Color color) throws IOException {
        List<String> lines = wrap(text, style, size, width());
        float leading = size * 1.35f;
        flushHeading(Math.min(2, lines.size()) * leading);
        // never one line alone at the foot of a page: a paragraph that does not fit whole moves two lines at least
        if (y - lines.size() * leading < BOTTOM && y - Math.min(2, lines.size()) * leading < BOTTOM + leading) {
            newPage();
        }
        for (String l : lines) {
            if (y - leading < BOTTOM) {
                newPage();
            }
            line(l, style, size, MARGIN, color);
        }
        y -= 3;
    }

    /** A table; rows wrap within their cells, the header repeats on each new page. */
    void table(List<Column> columns, List<String[]> rows) throws IOException {
        float scale = width() / (float) columns.stream().mapToDouble(Column::width).sum();
        float size = 8;
        float leading = size * 1.3f;
        List<List<List<String>>> cells = new ArrayList<>();
        for (String[] row : rows) {
            List<List<String>> wrapped = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                wrapped.add(wrap(row[i] == null ? "" : row[i], c.style(), c.size(size), c.width() * scale - 6));
            }
            cells.add(wrapped);
        }
        boolean headed = columns.stream().anyMatch(c -> !c.header().isEmpty());
        float headerHeight = headed ? header(columns, scale, size, leading, false) : 0;
        float first = cells.isEmpty() ? 0 : height(cells.get(0), leading);
        flushHeading(headerHeight + first + (cells.size() > 1 ? height(cells.get(1), leading) : 0));
        ensure(headerHeight + first + (cells.size() > 1 ? height(cells.get(1), leading) : 0));
        if (headed) {
            header(columns, scale, size, leading, true);
        }
        for (int r = 0; r < cells.size(); r++) {
            float h = height(cells.get(r), leading);
            if (y - h < BOTTOM) {
                newPage();
                if (headed) {
                    header(columns, scale, size, leading, true);
                }
            }
            if (r % 2 == 1) {
                page.setNonStrokingColor(SHADE);
                page.addRect(MARGIN, y - h, width(), h);
                page.fill();
            }
            float x = MARGIN;
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                float cw = c.width() * scale;
                float ly = y - 2;
                for (String l : cells.get(r).get(i)) {
                    ly -= leading;
                    float lx = c.right() ? x + cw - 3 - fonts.width(l, c.style(), c.size(size)) : x + 3;
                    page.setNonStrokingColor(l.startsWith("✗") || l.startsWith("FAIL") ? FAIL
                            : l.startsWith("✓") ? PASS : Color.BLACK);
                    fonts.show(page, l, c.style(), c.size(size), lx, ly + 2.5f);
                }
                x += cw;
            }
            y -= h;
        }
        page.setStrokingColor(RULE);
        page.moveTo(MARGIN, y);
        page.lineTo(MARGIN + width(), y);
        page.stroke();
        y -= 8;
    }

    private float header(List<Column> columns, float scale, float size, float leading, boolean draw) throws IOException {
        int lines = 1;
        List<List<String>> wrapped = new ArrayList<>();
        for (Column c : columns) {
            List<String> w = wrap(c.header(), Style.BOLD, size, c.width() * scale - 6);
            wrapped.add(w);
            lines = Math.max(lines, w.size());
        }
        float h = lines * leading + 5;
        if (!draw) {
            return h;
        }
        float x = MARGIN;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            float cw = c.width() * scale;
            float ly = y - 2;
            for (String l : wrapped.get(i)) {
                ly -= leading;
                float lx = c.right() ? x + cw - 3 - fonts.width(l, Style.BOLD, size) : x + 3;
                page.setNonStrokingColor(Color.BLACK);
                fonts.show(page, l, Style.BOLD, size, lx, ly + 2.5f);
            }
            x += cw;
        }
        y -= h;
        page.setStrokingColor(Color.BLACK);
        page.setLineWidth(0.6f);
        page.moveTo(MARGIN, y);
        page.lineTo(MARGIN + width(), y);
        page.stroke();
        return h;
    }

    private static float height(List<List<String>> row, float leading) {
        int lines = 1;
        for (List<String> cell : row) {
            lines = Math.max(lines, cell.size());
        }
        return lines * leading + 3;
    }

    /** Reserves {@code height} points (a new page when they do not fit) and returns the bottom of the space. */
    float reserve(float height) throws IOException {
        flushHeading(height);
        ensure(height);
        y -= height;
        return y;
    }

    /** The content stream of the current page, for drawings inside a {@link #reserve}d space. */
    PDPageContentStream canvas() {
        return page;
    }

    void space(float points) {
        y -= points;
    }

    void ensure(float height) throws IOException {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    private void rule() throws IOException {
        page.setStrokingColor(Color.BLACK);
        page.setLineWidth(0.8f);
        page.moveTo(MARGIN, y);
        page.lineTo(MARGIN + width(), y);
        page.stroke();
        y -= 4;
    }

    private void line(String text, Style style, float size, float x, Color color) throws IOException {
        y -= size * 1.35f;
        page.setNonStrokingColor(color);
        fonts.show(page, text, style, size, x, y + size * 0.3f);
    }

    /** Wraps {@code text} at spaces (and inside words longer than a line) to lines of at most {@code width}. */
    List<String> wrap(String text, Style style, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (fonts.width(candidate, style, size) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (fonts.width(rest, style, size) > width && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && fonts.width(rest.substring(0, cut), style, size) > width) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage p = new PDPage(SIZE);
        doc.addPage(p);
        page = new PDPageContentStream(doc, p);
        y = TOP;
    }

    /** Closes the last page and draws the running header and "page x of y" on every page. */
    @Override
    public void close() throws IOException {
        flushHeading(0);
        page.close();
        int total = doc.getNumberOfPages();
        int n = 0;
        for (PDPage p : doc.getPages()) {
            n++;
            try (PDPageContentStream cs = new PDPageContentStream(doc, p, AppendMode.APPEND, true, true)) {
                cs.setNonStrokingColor(GREY);
                cs.setStrokingColor(RULE);
                cs.setLineWidth(0.5f);
                float top = SIZE.getHeight() - 38;
                fonts.show(cs, running, Style.REGULAR, 7.5f, MARGIN, top);
                cs.moveTo(MARGIN, top - 4);
                cs.lineTo(MARGIN + width(), top - 4);
                cs.moveTo(MARGIN, 42);
                cs.lineTo(MARGIN + width(), 42);
                cs.stroke();
                String pageOf = "Page " + n + " of " + total;
                fonts.show(cs, "Signed with the station audit key; check with 'hallmark lot report --verify' or pdfsig",
                        Style.REGULAR, 7.5f, MARGIN, 32);
                fonts.show(cs, pageOf, Style.BOLD, 7.5f, MARGIN + width() - fonts.width(pageOf, Style.BOLD, 7.5f), 32);
            }
        }
    }

    /** A table column: header, relative width, right-aligned (numbers) or not, and its text style. */
    record Column(String header, float width, boolean right, Style style) {
        /** Monospaced cells (fingerprints, codes) are set a point smaller so a SHA-256 takes two lines. */
        float size(float base) {
            return style == Style.MONO ? base - 1 : base;
        }

        static Column text(String header, float width) {
            return new Column(header, width, false, Style.REGULAR);
        }

        static Column number(String header, float width) {
            return new Column(header, width, true, Style.REGULAR);
        }

        static Column mono(String header, float width) {
            return new Column(header, width, false, Style.MONO);
        }
    }
}
