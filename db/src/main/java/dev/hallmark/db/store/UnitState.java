package dev.hallmark.db.store;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The few columns of a unit that writes check first, read under a row lock inside the writing transaction. */
record UnitState(long id, UnitResult result, String serial, String uid, String chipFamily, String certSha256) {

    /** Reads and row-locks the unit; a unit that does not exist is a defect of the caller. */
    static UnitState lock(Connection c, long unitId) throws SQLException, ProvisioningException {
        String sql = "select result, serial, uid, chip_family, cert_sha256 from units where id = ? for update";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, unitId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ProvisioningException(ErrorCode.INTERNAL,
                            "unit " + unitId + " is not in the audit database");
                }
                return new UnitState(unitId, UnitResult.valueOf(rs.getString("result")), rs.getString("serial"),
                        rs.getString("uid"), rs.getString("chip_family"), rs.getString("cert_sha256"));
            }
        }
    }

    /** Refuses to change a unit that is already sealed, so a sealed record stays as it was sealed. */
    UnitState requireOpen(String change) throws ProvisioningException {
        if (result != UnitResult.IN_PROGRESS) {
            throw new ProvisioningException(ErrorCode.INTERNAL,
                    "unit " + name() + " is already sealed " + result + ", so its " + change + " cannot change");
        }
        return this;
    }

    /** The serial if allocated, else the row id, for messages. */
    String name() {
        return serial != null ? serial : "#" + id;
    }
}
