package dev.hallmark.db.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Each station's audit chain head (seq and hash of its last event), as a report states it. */
public final class ChainHeads {

    private ChainHeads() {
    }

    /** One station's head. */
    public record Head(String station, long seq, String hash) {
    }

    /** The heads of all stations, by station name. */
    public static List<Head> read(DataSource source) throws SQLException {
        List<Head> heads = new ArrayList<>();
        try (Connection c = source.getConnection();
             PreparedStatement ps = c.prepareStatement("select station, seq, hash from audit_chain_heads order by station");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                heads.add(new Head(rs.getString(1), rs.getLong(2), rs.getString(3)));
            }
        }
        return heads;
    }
}
