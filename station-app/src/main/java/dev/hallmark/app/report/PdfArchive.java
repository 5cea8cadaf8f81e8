package dev.hallmark.app.report;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * What makes the report PDF/A-3u: XMP metadata agreeing with the document information, the sRGB output intent
 * (the JDK's own sRGB ICC profile), and the report's JSON as an associated file (AFRelationship Data) listed in the
 * catalog's AF array and in the embedded-files name tree. Fonts are embedded by {@link ReportFonts}.
 */
final class PdfArchive {

    static final String SRGB = "sRGB IEC61966-2.1";

    private PdfArchive() {
    }

    /** Marks {@code doc} PDF/A-3u with {@code title}, made at {@code at} by {@code creator}. */
    static void declare(PDDocument doc, String title, String creator, Instant at) throws IOException {
        doc.setVersion(1.7f);
        Calendar when = calendar(at);
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setCreator(creator);
        info.setProducer(creator);
        info.setCreationDate(when);
        info.setModificationDate(when);
        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        catalog.setLanguage("en");
        PDMetadata metadata = new PDMetadata(doc);
        metadata.importXMPMetadata(xmp(title, creator, at).getBytes(StandardCharsets.UTF_8));
        catalog.setMetadata(metadata);
        PDOutputIntent intent = new PDOutputIntent(doc,
                new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        intent.setInfo(SRGB);
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setRegistryName("http://www.color.org");
        catalog.addOutputIntent(intent);
    }

    /** Attaches {@code data} as the associated file {@code name} (the data the pages present). */
    static void attach(PDDocument doc, String name, String mimeType, String description, byte[] data, Instant at)
            throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(data));
        file.setSubtype(mimeType);
        file.setSize(data.length);
        file.setCreationDate(calendar(at));
        file.setModDate(calendar(at));
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(name);
        spec.setFileUnicode(name);
        spec.setEmbeddedFile(file);
        spec.setEmbeddedFileUnicode(file);
        spec.setFileDescription(description);
        spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Data");
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(Map.of(name, spec));
        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(catalog);
        names.setEmbeddedFiles(tree);
        catalog.setNames(names);
        COSArray associated = new COSArray();
        associated.add(spec);
        catalog.getCOSObject().setItem(COSName.getPDFName("AF"), associated);
    }

    /** The bytes of the attachment {@code name}, or null when the document has none by that name. */
    static byte[] attachment(PDDocument doc, String name) throws IOException {
        PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
        if (names == null || names.getEmbeddedFiles() == null || names.getEmbeddedFiles().getNames() == null) {
            return null;
        }
        PDComplexFileSpecification spec = names.getEmbeddedFiles().getNames().get(name);
        if (spec == null || spec.getEmbeddedFileUnicode() == null) {
            return null;
        }
        return spec.getEmbeddedFileUnicode().toByteArray();
    }

    static Calendar calendar(Instant at) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
        c.setTimeInMillis(at.truncatedTo(ChronoUnit.SECONDS).toEpochMilli());
        return c;
    }

    private static String xmp(String title, String creator, Instant at) {
        String when = DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                + " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
                + " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                + "   <pdfaid:part>3</pdfaid:part>\n"
                + "   <pdfaid:conformance>U</pdfaid:conformance>\n"
                + "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + escape(title) + "</rdf:li></rdf:Alt></dc:title>\n"
                + "   <dc:format>application/pdf</dc:format>\n"
                + "   <xmp:CreatorTool>" + escape(creator) + "</xmp:CreatorTool>\n"
                + "   <xmp:CreateDate>" + when + "</xmp:CreateDate>\n"
                + "   <xmp:ModifyDate>" + when + "</xmp:ModifyDate>\n"
                + "   <pdf:Producer>" + escape(creator) + "</pdf:Producer>\n"
                + "  </rdf:Description>\n"
                + " </rdf:RDF>\n"
                + "</x:xmpmeta>\n"
                + "<?xpacket end=\"w\"?>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
