package dev.hallmark.db.access;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.port.OperatorAccount;
import dev.hallmark.engine.port.OperatorDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The operators table (V5): accounts, their roles, password hashes and sign-in state. */
public final class JdbcOperatorDirectory implements OperatorDirectory {

    private static final String COLUMNS =
            "name, roles, password_hash, failed_sign_ins, locked, service, created_at, changed_at";

    private final Jdbc jdbc;

    public JdbcOperatorDirectory(DataSource source) {
        this.jdbc = new Jdbc(source);
    }

    @Override
    public Optional<OperatorAccount> find(String name) throws ProvisioningException {
        return jdbc.transaction("read the operator " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from operators where name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<OperatorAccount> list() throws ProvisioningException {
        return jdbc.transaction("list the operators", c -> {
            List<OperatorAccount> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from operators order by name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(read(rs));
                }
            }
            return all;
        });
    }

    @Override
    public void create(OperatorAccount a) throws ProvisioningException {
        jdbc.transaction("add the operator " + a.name(), c -> {
            if (exists(c, a.name())) {
                throw new ProvisioningException(ErrorCode.OPERATOR_INVALID, "an operator named '" + a.name()
                        + "' exists already");
            }
            try (PreparedStatement ps = c.prepareStatement("insert into operators (" + COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, a.name());
                ps.setString(2, roles(a.roles()));
                ps.setString(3, a.passwordHash());
                ps.setInt(4, a.failedSignIns());
                ps.setBoolean(5, a.locked());
                ps.setBoolean(6, a.service());
                ps.setObject(7, Jdbc.timestamp(a.created()));
                ps.setObject(8, Jdbc.timestamp(a.changed()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void setPassword(String name, String passwordHash, Instant at) throws ProvisioningException {
        update(name, "set the password of " + name,
                "update operators set password_hash = ?, failed_sign_ins = 0, locked = false, changed_at = ? where name = ?",
                ps -> {
                    ps.setString(1, passwordHash);
                    ps.setObject(2, Jdbc.timestamp(at));
                    ps.setString(3, name);
                });
    }

    @Override
    public void updateState(String name, int failedSignIns, boolean locked, Instant at) throws ProvisioningException {
        update(name, "record the sign-in state of " + name,
                "update operators set failed_sign_ins = ?, locked = ?, changed_at = ? where name = ?", ps -> {
                    ps.setInt(1, failedSignIns);
                    ps.setBoolean(2, locked);
                    ps.setObject(3, Jdbc.timestamp(at));
                    ps.setString(4, name);
                });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void update(String name, String what, String sql, Binder binder) throws ProvisioningException {
        jdbc.transaction(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                if (ps.executeUpdate() != 1) {
                    throw new ProvisioningException(ErrorCode.OPERATOR_INVALID, "there is no operator named '" + name + "'");
                }
            }
            return null;
        });
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from operators where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().map(Role::label).sorted().collect(Collectors.joining(","));
    }

    private static OperatorAccount read(ResultSet rs) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String label : rs.getString("roles").split(",")) {
            if (!label.isBlank()) {
                roles.add(Role.parse(label));
            }
        }
        return new OperatorAccount(rs.getString("name"), roles, rs.getString("password_hash"),
                rs.getInt("failed_sign_ins"), rs.getBoolean("locked"), rs.getBoolean("service"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "changed_at"));
    }
}
