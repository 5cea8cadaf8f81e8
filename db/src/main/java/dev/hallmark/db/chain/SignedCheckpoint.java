package dev.hallmark.db.chain;

/** A checkpoint as read, with what is wrong with its signature (null when it verifies and its key is trusted). */
record SignedCheckpoint(Checkpoint checkpoint, String signatureProblem) {

    boolean signatureHolds() {
        return signatureProblem == null;
    }
}
