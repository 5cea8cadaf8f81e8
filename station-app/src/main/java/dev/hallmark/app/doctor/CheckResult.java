package dev.hallmark.app.doctor;

/** One item of the doctor's checklist: its name, OK / WARN / FAIL, and what was found (never a secret). */
public record CheckResult(String item, Status status, String detail) {

    /** How an item came out; only FAIL makes the doctor exit 1. */
    public enum Status { OK, WARN, FAIL }

    static CheckResult ok(String item, String detail) {
        return new CheckResult(item, Status.OK, detail);
    }

    static CheckResult warn(String item, String detail) {
        return new CheckResult(item, Status.WARN, detail);
    }

    static CheckResult fail(String item, String detail) {
        return new CheckResult(item, Status.FAIL, detail);
    }
}
