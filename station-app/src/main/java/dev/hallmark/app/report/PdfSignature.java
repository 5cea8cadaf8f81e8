package dev.hallmark.app.report;

import dev.hallmark.engine.crypto.TokenContentSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The report's PDF signature (PAdES baseline B-B: ETSI.CAdES.detached, ESS signing-certificate-v2, no CMS signing
 * time) made through PDFBox's external signing, so the private key stays in the token; and its check.
 */
final class PdfSignature {

    private static final int RESERVED = 12_000;

    private PdfSignature() {
    }

    /** {@code pdf} with an incremental update that signs all of it. */
    static byte[] sign(byte[] pdf, ReportSigner signer, Instant at, String reason, String location) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(signer.certificate().getSubjectX500Principal().getName());
            signature.setReason(reason);
            signature.setLocation(location);
            signature.setSignDate(PdfArchive.calendar(at));
            SignatureOptions options = new SignatureOptions();
            options.setPreferredSignatureSize(RESERVED);
            doc.addSignature(signature, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + RESERVED * 2 + 4096);
            ExternalSigningSupport external = doc.saveIncrementalForExternalSigning(out);
            external.setSignature(cms(external.getContent().readAllBytes(), signer));
            options.close();
            return out.toByteArray();
        }
    }

    private static byte[] cms(byte[] content, ReportSigner signer) throws IOException {
        try {
            X509Certificate cert = signer.certificate();
            AttributeTable essCert = new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2(
                            java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()))))));
            DefaultSignedAttributeTableGenerator standard = new DefaultSignedAttributeTableGenerator(essCert);
            CMSAttributeTableGenerator withoutTime = parameters -> standard.getAttributes(parameters)
                    .remove(CMSAttributes.signingTime);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build()).setSignedAttributeGenerator(withoutTime)
                    .build(signer.contentSigner(), cert));
            generator.addCertificate(new JcaX509CertificateHolder(cert));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
        } catch (TokenContentSigner.TokenSigningFailure e) {
            throw new IOException("the token did not sign the report: " + TokenContentSigner.unwrap(e).getMessage(), e);
        } catch (CMSException | OperatorCreationException | CertificateException | NoSuchAlgorithmException e) {
            throw new IOException("the report's CMS signature cannot be made: " + e.getMessage(), e);
        }
    }

    /** What the check of a report's signature found. */
    record Check(boolean valid, boolean coversWholeFile, X509Certificate signer, String finding) {
    }

    /** Checks the last signature of {@code pdf}: the CMS over its byte range, and that the range is the whole file. */
    static Check check(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<PDSignature> signatures = doc.getSignatureDictionaries();
            if (signatures.isEmpty()) {
                return new Check(false, false, null, "the file has no PDF signature");
            }
            PDSignature signature = signatures.get(signatures.size() - 1);
            int[] range = signature.getByteRange();
            boolean whole = range.length == 4 && range[0] == 0 && range[2] + range[3] == pdf.length;
            byte[] contents = signature.getContents();
            byte[] signed = signature.getSignedContent(pdf);
            CMSSignedData cms;
            try (ASN1InputStream in = new ASN1InputStream(contents)) {
                // /Contents is zero-padded to its reserved size: read the one DER object, not the padding
                cms = new CMSSignedData(new CMSProcessableByteArray(signed), ContentInfo.getInstance(in.readObject()));
            }
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return new Check(false, whole, null, "the signature has " + signers.size() + " signers, not one");
            }
            SignerInformation info = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> certs = cms.getCertificates().getMatches(info.getSID());
            if (certs.isEmpty()) {
                return new Check(false, whole, null, "the signature carries no signer certificate");
            }
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(certs.iterator().next());
            boolean valid = info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
            String finding = !valid ? "the signature does not match the signed bytes"
                    : !whole ? "the signature covers bytes 0.." + (range[2] + range[3]) + " of " + pdf.length
                    + ": the file was changed after it was signed" : null;
            return new Check(valid, whole, cert, finding);
        } catch (CMSException | OperatorCreationException | CertificateException | IllegalArgumentException e) {
            return new Check(false, false, null, "the signature does not verify: " + e.getMessage());
        }
    }
}
