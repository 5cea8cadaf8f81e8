package dev.hallmark.ca.cmp;

import org.bouncycastle.asn1.cmp.PKIBody;

/** The CMP enrolment request a {@link CmpIssuer} sends: ir, cr (both CRMF) or p10cr (the PKCS#10 as it is). */
public enum RequestType {
    /** Initialization request, answered by ip; needs a proof of possession (see {@link PopMethod}). */
    IR(PKIBody.TYPE_INIT_REQ, PKIBody.TYPE_INIT_REP, "ir"),
    /** Certification request, answered by cp; needs a proof of possession (see {@link PopMethod}). */
    CR(PKIBody.TYPE_CERT_REQ, PKIBody.TYPE_CERT_REP, "cr"),
    /** PKCS#10 request, answered by cp; the CSR's own signature is the proof of possession. */
    P10CR(PKIBody.TYPE_P10_CERT_REQ, PKIBody.TYPE_CERT_REP, "p10cr");

    private final int requestBody;
    private final int responseBody;
    private final String cmpName;

    RequestType(int requestBody, int responseBody, String cmpName) {
        this.requestBody = requestBody;
        this.responseBody = responseBody;
        this.cmpName = cmpName;
    }

    int requestBody() {
        return requestBody;
    }

    int responseBody() {
        return responseBody;
    }

    /** Whether the request is a CRMF CertReqMessages (ir, cr) that carries its own proof of possession. */
    boolean crmf() {
        return this != P10CR;
    }

    /** The name RFC 4210 gives the message, as logged. */
    String cmpName() {
        return cmpName;
    }
}
