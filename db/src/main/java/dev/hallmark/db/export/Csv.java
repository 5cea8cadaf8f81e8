package dev.hallmark.db.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV cells and records as RFC 4180 writes them (CRLF after each record; a field holding a comma, a double
 * quote, CR or LF is quoted, its quotes doubled) and safe to open in a spreadsheet: a cell beginning with
 * {@code = + - @}, TAB or CR is prefixed with a single quote, so it is text and never a formula (OWASP,
 * "CSV Injection").
 */
final class Csv {

    static final String CRLF = "\r\n";

    private Csv() {
    }

    /** Writes one record: the cells, comma-separated, then CRLF; a null cell is empty. */
    static void record(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write(CRLF);
    }

    /** One cell: neutralised against formula injection, then quoted if RFC 4180 requires it. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = startsAFormula(value) ? "'" + value : value;
        if (!needsQuotes(text)) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static boolean startsAFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
