package dev.hallmark.engine.api;

import java.util.Map;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * The subject of a product's device certificates, as a template: an RFC 4514 name whose values may hold
 * {@code {serial}}, {@code {product}}, {@code {lot}} and {@code {organization}}, e.g.
 * {@code CN={serial}, serialNumber={serial}, OU={product}, O={organization}} (RFC 4514 order: most specific first).
 */
public record SubjectTemplate(String pattern) {

    /** CN, serialNumber and O: the subject when a profile names no template. */
    public static final SubjectTemplate DEFAULT = new SubjectTemplate("CN={serial}, serialNumber={serial}, O={organization}");

    private static final Map<String, String> KEYWORDS = Map.of("SERIALNUMBER", "2.5.4.5");

    public SubjectTemplate {
        Objects.requireNonNull(pattern, "pattern");
    }

    /** The subject for one unit; values are escaped so a serial cannot add attributes. */
    public X500Principal render(String serial, String product, String lot, String organization) {
        String name = pattern.replace("{serial}", escape(serial)).replace("{product}", escape(product))
                .replace("{lot}", escape(lot == null ? "" : lot)).replace("{organization}", escape(organization));
        return new X500Principal(name, KEYWORDS);
    }

    /** Checks the template renders; a profile with a broken template is refused before the first unit. */
    public void validate() {
        render("SERIAL", "product", "LOT", "organization");
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (",+\"\\<>;=#".indexOf(c) >= 0 || (i == 0 && c == ' ') || (i == value.length() - 1 && c == ' ')) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
