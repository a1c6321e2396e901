package dev.runnel.server;

import static dev.runnel.server.ScriptedEngine.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.PreparedInfo;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * Values travel between JDBC and the engine's Java representation of each Runnel type, both ways.
 * TIMESTAMP has no time zone: a JDBC client sees the same wall-clock time the engine stores,
 * whatever the JVM's zone (surefire runs this module at +05:30 so a zone slip shows).
 */
class JdbcTypesTest {
    private static final LocalDateTime TS = LocalDateTime.of(2026, 1, 1, 0, 0, 1, 123_000_000);
    private static final long TS_MILLIS = TS.toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final LocalDate DAY = LocalDate.of(2026, 1, 2);

    private static ScriptedEngine allTypes() {
        var columns = List.of(
                col("b", DataType.of(TypeKind.BOOLEAN)),
                col("i", DataType.of(TypeKind.INT)),
                col("l", DataType.of(TypeKind.BIGINT).notNull()),
                col("d", DataType.of(TypeKind.DOUBLE)),
                col("m", DataType.decimal(10, 2)),
                col("s", DataType.varchar()),
                col("ts", DataType.of(TypeKind.TIMESTAMP)),
                col("day", DataType.of(TypeKind.DATE)),
                col("ds", DataType.of(TypeKind.INTERVAL_DAY_TIME)),
                col("ym", DataType.of(TypeKind.INTERVAL_YEAR_MONTH)));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {true, 42, 1_234_567_890_123L, 2.5, new BigDecimal("12.34"), "héllo", TS_MILLIS,
                (int) DAY.toEpochDay(), 90_061_001L, 14});
        rows.add(new Object[] {null, null, 7L, null, null, null, null, null, null, null});
        return new ScriptedEngine().on("SELECT * FROM everything", p -> ScriptedEngine.rows(columns, rows));
    }

    @Test
    void everyGetterReadsTheEngineValues() throws Exception {
        assertThat(TimeZone.getDefault().getRawOffset()).as("surefire runs this module at +05:30").isNotZero();
        try (Connection c = Scripted.connect(allTypes()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM everything")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean("b")).isTrue();
            assertThat(rs.getInt("i")).isEqualTo(42);
            assertThat(rs.getLong("l")).isEqualTo(1_234_567_890_123L);
            assertThat(rs.getDouble("d")).isEqualTo(2.5);
            assertThat(rs.getBigDecimal("m")).isEqualTo(new BigDecimal("12.34"));
            assertThat(rs.getString("m")).isEqualTo("12.34");
            assertThat(rs.getString("s")).isEqualTo("héllo");
            assertThat(rs.getTimestamp("ts").toLocalDateTime()).isEqualTo(TS);
            assertThat(rs.getTimestamp("ts").toString()).isEqualTo("2026-01-01 00:00:01.123");
            assertThat(rs.getString("ts")).isEqualTo("2026-01-01 00:00:01.123");
            assertThat(rs.getLong("ts")).isEqualTo(TS_MILLIS);
            assertThat(rs.getObject("ts")).isInstanceOf(Timestamp.class).isEqualTo(Timestamp.valueOf(TS));
            assertThat(rs.getDate("day").toLocalDate()).isEqualTo(DAY);
            assertThat(rs.getString("day")).isEqualTo("2026-01-02");
            assertThat(rs.getObject("day")).isInstanceOf(Date.class);
            assertThat(rs.getObject("m")).isInstanceOf(BigDecimal.class);
            assertThat(rs.getObject("l")).isEqualTo(1_234_567_890_123L);
            assertThat(rs.getObject("i")).isEqualTo(42);
            assertThat(rs.getLong("ds")).isEqualTo(90_061_001L);
            assertThat(rs.getInt("ym")).isEqualTo(14);
            assertThat(rs.getString("ds")).isEqualTo("+1 01:01:01.001");
            assertThat(rs.getString("ym")).isEqualTo("+1-02");

            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean("b")).isFalse();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getTimestamp("ts")).isNull();
            assertThat(rs.getDate("day")).isNull();
            assertThat(rs.getBigDecimal("m")).isNull();
            assertThat(rs.getString("s")).isNull();
            assertThat(rs.getObject("i")).isNull();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void resultSetMetaDataDescribesRunnelTypes() throws Exception {
        try (Connection c = Scripted.connect(allTypes()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM everything")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(10);
            int[] types = new int[10];
            String[] names = new String[10];
            for (int i = 1; i <= 10; i++) {
                types[i - 1] = md.getColumnType(i);
                names[i - 1] = md.getColumnTypeName(i);
            }
            assertThat(types).containsExactly(Types.BOOLEAN, Types.INTEGER, Types.BIGINT, Types.DOUBLE, Types.DECIMAL,
                    Types.VARCHAR, Types.TIMESTAMP, Types.DATE, Types.OTHER, Types.OTHER);
            assertThat(names).containsExactly("BOOLEAN", "INT", "BIGINT", "DOUBLE", "DECIMAL", "VARCHAR", "TIMESTAMP",
                    "DATE", "INTERVAL_DAY_TO_SECOND", "INTERVAL_YEAR_TO_MONTH");
            assertThat(md.getColumnLabel(5)).isEqualTo("m");
            assertThat(md.getPrecision(5)).isEqualTo(10);
            assertThat(md.getScale(5)).isEqualTo(2);
            assertThat(md.isNullable(3)).isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNullable);
            assertThat(md.getColumnClassName(7)).isEqualTo(Timestamp.class.getName());
            assertThat(md.getColumnClassName(5)).isEqualTo(BigDecimal.class.getName());
        }
    }

    @Test
    void parametersArriveAsTheEngineRepresentationOfTheirTypes() throws Exception {
        String sql = "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)";
        ScriptedEngine engine = new ScriptedEngine()
                .prepares(sql, new PreparedInfo(List.of(DataType.of(TypeKind.BIGINT), DataType.of(TypeKind.TIMESTAMP),
                        DataType.of(TypeKind.DATE), DataType.decimal(10, 2), DataType.varchar(),
                        DataType.of(TypeKind.BOOLEAN), DataType.of(TypeKind.INT)), List.of(), false))
                .on(sql, p -> ScriptedEngine.update(1, "1 row inserted"));
        try (Connection c = Scripted.connect(engine); PreparedStatement ps = c.prepareStatement(sql)) {
            assertThat(ps.getParameterMetaData().getParameterCount()).isEqualTo(7);
            assertThat(ps.getParameterMetaData().getParameterType(2)).isEqualTo(Types.TIMESTAMP);
            ps.setInt(1, 7);
            ps.setTimestamp(2, Timestamp.valueOf(TS));
            ps.setDate(3, Date.valueOf(DAY));
            ps.setBigDecimal(4, new BigDecimal("1.5"));
            ps.setString(5, "x");
            ps.setBoolean(6, true);
            ps.setNull(7, Types.INTEGER);
            assertThat(ps.executeUpdate()).isEqualTo(1);

            ps.setLong(1, 8);
            ps.setString(2, "2026-01-01 00:00:01.123");
            ps.setString(3, "2026-01-02");
            ps.setDouble(4, 2.25);
            ps.setInt(5, 5);
            ps.setString(6, "false");
            ps.setLong(7, 3);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        long day = DAY.toEpochDay();
        assertThat(engine.parametersSeen).hasSize(2);
        assertThat(engine.parametersSeen.get(0)).containsExactly(7L, TS_MILLIS, (int) day, new BigDecimal("1.50"), "x",
                true, null);
        assertThat(engine.parametersSeen.get(1)).containsExactly(8L, TS_MILLIS, (int) day, new BigDecimal("2.25"), "5",
                false, 3);
    }

    @Test
    void aParameterThatDoesNotFitItsTypeIsADataError() throws Exception {
        String sql = "INSERT INTO t VALUES (?)";
        ScriptedEngine engine = new ScriptedEngine()
                .prepares(sql, new PreparedInfo(List.of(DataType.of(TypeKind.INT)), List.of(), false))
                .on(sql, p -> ScriptedEngine.update(1, "1 row inserted"));
        try (Connection c = Scripted.connect(engine); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, 1L << 40);
            var e = org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class, ps::executeUpdate);
            assertThat(e.getSQLState()).isEqualTo("22000");
            assertThat(e.getMessage()).isEqualTo("parameter 1: cannot use 1099511627776 as INT");
        }
        assertThat(engine.parametersSeen).isEmpty();
    }

    @Test
    void preparedQueriesDescribeTheirColumnsBeforeRunning() throws Exception {
        String sql = "SELECT price FROM bids WHERE auction = ?";
        var price = col("price", DataType.of(TypeKind.BIGINT));
        ScriptedEngine engine = new ScriptedEngine()
                .prepares(sql, new PreparedInfo(List.of(DataType.of(TypeKind.BIGINT)), List.of(price), true))
                .on(sql, p -> ScriptedEngine.rows(List.of(price), List.<Object[]>of(new Object[] {100L})));
        try (Connection c = Scripted.connect(engine); PreparedStatement ps = c.prepareStatement(sql)) {
            assertThat(ps.getMetaData().getColumnName(1)).isEqualTo("price");
            assertThat(ps.getMetaData().getColumnType(1)).isEqualTo(Types.BIGINT);
            ps.setLong(1, 42);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(100L);
                assertThat(rs.next()).isFalse();
            }
        }
        assertThat(engine.parametersSeen).containsExactly(Arrays.asList((Object) 42L));
    }
}
