package dev.hallmark.app.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Flowing A4 pages for the report: headings, wrapped text and images, a new page whenever one is full. */
final class PdfPages implements AutoCloseable {

    private static final float MARGIN = 50;
    private static final PDRectangle SIZE = PDRectangle.A4;

    private final PDDocument doc;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
    private PDPageContentStream page;
    private float y;

    PdfPages(PDDocument doc) throws IOException {
        this.doc = doc;
        newPage();
    }

    void heading(String text) throws IOException {
        space(8);
        write(text, bold, 14);
        space(4);
    }

    void subheading(String text) throws IOException {
        space(4);
        write(text, bold, 11);
    }

    void text(String text) throws IOException {
        write(text, regular, 9.5f);
    }

    void code(String text) throws IOException {
        write(text, mono, 8);
    }

    void space(float points) {
        y -= points;
    }

    void image(BufferedImage image) throws IOException {
        PDImageXObject x = LosslessFactory.createFromImage(doc, image);
        float width = Math.min(image.getWidth(), SIZE.getWidth() - 2 * MARGIN);
        float height = image.getHeight() * width / image.getWidth();
        if (y - height < MARGIN) {
            newPage();
        }
        y -= height;
        page.drawImage(x, MARGIN, y, width, height);
        space(6);
    }

    private void write(String text, PDType1Font font, float size) throws IOException {
        for (String line : wrap(printable(text), font, size, SIZE.getWidth() - 2 * MARGIN)) {
            if (y - size * 1.3f < MARGIN) {
                newPage();
            }
            y -= size * 1.3f;
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(MARGIN, y);
            page.showText(line);
            page.endText();
        }
    }

    private static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size <= width || line.isEmpty()) {
                line.setLength(0);
                line.append(candidate);
                while (font.getStringWidth(line.toString()) / 1000 * size > width && line.length() > 1) {
                    int cut = Math.max(1, (int) (line.length() * width / (font.getStringWidth(line.toString()) / 1000 * size)) - 1);
                    lines.add(line.substring(0, cut));
                    line.delete(0, cut);
                }
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** The standard fonts speak WinAnsi: anything else becomes '?', so no text is ever dropped silently. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? c : c == '\t' || c == '\n' ? ' ' : c == '…' ? '~' : '?');
        }
        return out.toString();
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage p = new PDPage(SIZE);
        doc.addPage(p);
        page = new PDPageContentStream(doc, p);
        y = SIZE.getHeight() - MARGIN;
    }

    @Override
    public void close() throws IOException {
        page.close();
    }
}
