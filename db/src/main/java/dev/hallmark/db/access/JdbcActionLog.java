package dev.hallmark.db.access;

import dev.hallmark.engine.access.ActionChain;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ActionLog;
import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.engine.port.ChainedAction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The operator_actions table (V5) as a hash chain: each append locks the chain head row, links to it and moves it,
 * in one transaction, so stations sharing one PostgreSQL append in one order.
 */
public final class JdbcActionLog implements ActionLog {

    private static final int DETAIL_MAX = 2000;
    private static final int TARGET_MAX = 256;

    private final Jdbc jdbc;

    public JdbcActionLog(DataSource source) {
        this.jdbc = new Jdbc(source);
    }

    @Override
    public ChainedAction append(ActionRecord action) throws ProvisioningException {
        ActionRecord row = new ActionRecord(action.at().truncatedTo(ChronoUnit.MICROS), action.operator(),
                action.action(), cut(action.target(), TARGET_MAX), action.approver(), action.outcome(),
                cut(action.detail(), DETAIL_MAX));
        return jdbc.transaction("record the action " + action.action(), c -> {
            long seq;
            String prev;
            try (PreparedStatement ps = c.prepareStatement(
                    "select seq, hash from operator_action_head where id = 1 for update");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED, "the action chain has no head row");
                }
                seq = rs.getLong(1) + 1;
                prev = rs.getString(2);
            }
            String hash = ActionChain.hash(seq, row, prev);
            try (PreparedStatement ps = c.prepareStatement("insert into operator_actions (seq, at, operator, action,"
                    + " target, approver, outcome, detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, seq);
                ps.setObject(2, Jdbc.timestamp(row.at()));
                ps.setString(3, row.operator());
                ps.setString(4, row.action());
                ps.setString(5, row.target());
                ps.setString(6, row.approver());
                ps.setString(7, row.outcome());
                ps.setString(8, row.detail());
                ps.setString(9, prev);
                ps.setString(10, hash);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("update operator_action_head set seq = ?, hash = ? where id = 1")) {
                ps.setLong(1, seq);
                ps.setString(2, hash);
                ps.executeUpdate();
            }
            return new ChainedAction(seq, row, prev, hash);
        });
    }

    @Override
    public List<ChainedAction> all() throws ProvisioningException {
        return jdbc.transaction("read the action log", c -> {
            List<ChainedAction> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select seq, at, operator, action, target, approver, outcome,"
                    + " detail, prev_hash, hash from operator_actions order by seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new ChainedAction(rs.getLong("seq"), new ActionRecord(Jdbc.instant(rs, "at"),
                            rs.getString("operator"), rs.getString("action"), rs.getString("target"),
                            rs.getString("approver"), rs.getString("outcome"), rs.getString("detail")),
                            rs.getString("prev_hash"), rs.getString("hash")));
                }
            }
            return all;
        });
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
