package dev.hallmark.db.store;

import dev.hallmark.db.chain.AuditEvent;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.StepStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SEAL: writes a unit's final result, chained as UNIT_SEALED (and signed by a checkpoint when sealing is a
 * checkpoint); refuses a PASS without lock evidence that holds, releases early failures.
 */
final class UnitSeal {

    private static final Logger LOG = LoggerFactory.getLogger(UnitSeal.class);

    /** The steps after whose start the device cannot be taken back (LOCK), as a SQL list of literals. */
    private static final String IRREVERSIBLE = Arrays.stream(Step.values()).filter(Step::irreversible)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));

    private final ChainLog chain;
    private final UnitPlaces places;

    UnitSeal(ChainLog chain, UnitPlaces places) {
        this.chain = chain;
        this.places = places;
    }

    void finish(long unitId, UnitOutcome outcome, Instant at) throws ProvisioningException {
        UnitResult result = Objects.requireNonNull(outcome.result(), "outcome.result");
        Objects.requireNonNull(at, "at");
        if (result == UnitResult.IN_PROGRESS) {
            throw new ProvisioningException(ErrorCode.INTERNAL,
                    "unit #" + unitId + " cannot be sealed while its result is still IN_PROGRESS");
        }
        UnitPlaces.Place place = places.of(unitId);
        boolean released = chain.write(place.station(), "seal unit #" + unitId + " as " + result, (c, log) -> {
            UnitState unit = UnitState.lock(c, unitId);
            if (unit.result() == result) {
                LOG.info("unit {} was already sealed {}; sealing it again changes nothing", unit.name(), result);
                return false;
            }
            unit.requireOpen("result");
            if (result == UnitResult.PASS) {
                requireLockHolds(c, unit);
            }
            String cause = write(c, unitId, outcome, at);
            if (result == UnitResult.FAILED && unit.serial() != null) {
                LotSlot.release(c, place.lot());
            }
            boolean passed = result == UnitResult.PASS;
            log.append(AuditEvent.unitSealed(place.station(), place.lot(), unitId, at, result.name(),
                    passed || outcome.failedStep() == null ? null : outcome.failedStep().name(),
                    passed || outcome.error() == null ? null : outcome.error().id(), cause));
            return result == UnitResult.FAILED && !pastNoReturn(c, unitId) && release(c, unitId);
        });
        LOG.info("unit #{} sealed {}{}", unitId, result, released ? "; its device claim was released" : "");
    }

    private static void requireLockHolds(Connection c, UnitState unit) throws SQLException, ProvisioningException {
        try (PreparedStatement ps = c.prepareStatement("select locked from lock_evidence where unit_id = ?")) {
            ps.setLong(1, unit.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ProvisioningException(ErrorCode.INTERNAL, "unit " + unit.name()
                            + " cannot be sealed PASS because no lock evidence was recorded for it");
                }
                if (!rs.getBoolean(1)) {
                    throw new ProvisioningException(ErrorCode.INTERNAL, "unit " + unit.name()
                            + " cannot be sealed PASS because its lock evidence shows the device is not locked");
                }
            }
        }
    }

    /** Writes the result columns; returns the cause as stored. */
    private static String write(Connection c, long unitId, UnitOutcome outcome, Instant at) throws SQLException {
        boolean passed = outcome.result() == UnitResult.PASS;
        String cause = passed ? null : Sql.fit(outcome.cause(), 2000);
        String sql = "update units set result = ?, failed_step = ?, error_code = ?, cause = ?, finished_at = ?"
                + " where id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, outcome.result().name());
            ps.setString(2, passed || outcome.failedStep() == null ? null : outcome.failedStep().name());
            ps.setString(3, passed || outcome.error() == null ? null : outcome.error().id());
            ps.setString(4, cause);
            Sql.setInstant(ps, 5, at);
            ps.setLong(6, unitId);
            ps.executeUpdate();
        }
        return cause;
    }

    /** Whether an irreversible step was started or lock evidence exists: then the device keeps its claim. */
    private static boolean pastNoReturn(Connection c, long unitId) throws SQLException {
        String sql = "select count(*) from step_events where unit_id = ? and status = ? and step in ("
                + IRREVERSIBLE + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, unitId);
            ps.setString(2, StepStatus.STARTED.name());
            if (count(ps) > 0) {
                return true;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select count(*) from lock_evidence where unit_id = ?")) {
            ps.setLong(1, unitId);
            return count(ps) > 0;
        }
    }

    private static boolean release(Connection c, long unitId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from uid_claims where unit_id = ?")) {
            ps.setLong(1, unitId);
            return ps.executeUpdate() > 0;
        }
    }

    private static long count(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
