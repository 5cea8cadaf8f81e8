package dev.hallmark.db.conformity;

import dev.hallmark.db.access.Jdbc;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.UnitSecretRecords;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The unit_secrets table (V9): each unit's secret as its verifier and its form wrapped for the customer. */
public final class JdbcUnitSecrets implements UnitSecretRecords {

    private final Jdbc jdbc;

    public JdbcUnitSecrets(DataSource source) {
        this.jdbc = new Jdbc(source);
    }

    @Override
    public void record(long unitId, String verifier, String wrapped, Instant at) throws ProvisioningException {
        jdbc.transaction("record the secret of unit " + unitId, c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into unit_secrets (unit_id, verifier, wrapped,"
                    + " recorded_at) values (?, ?, ?, ?)")) {
                ps.setLong(1, unitId);
                ps.setString(2, verifier);
                ps.setString(3, wrapped);
                ps.setObject(4, Jdbc.timestamp(at));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<String> verifier(long unitId) throws ProvisioningException {
        return jdbc.transaction("read the secret verifier of unit " + unitId, c -> {
            try (PreparedStatement ps = c.prepareStatement("select verifier from unit_secrets where unit_id = ?"
                    + " order by id desc")) {
                ps.setLong(1, unitId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public List<WrappedSecret> wrapped(String lot) throws ProvisioningException {
        return jdbc.transaction("read the wrapped secrets of lot " + lot, c -> {
            List<WrappedSecret> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select u.serial, u.uid, s.wrapped from unit_secrets s"
                    + " join units u on u.id = s.unit_id where u.lot_id = ? and u.result = 'PASS' and s.wrapped is not"
                    + " null and s.id = (select max(s2.id) from unit_secrets s2 where s2.unit_id = s.unit_id)"
                    + " order by u.serial")) {
                ps.setString(1, lot);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WrappedSecret(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }
}
