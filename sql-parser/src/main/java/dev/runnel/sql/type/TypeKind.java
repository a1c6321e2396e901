package dev.runnel.sql.type;

/**
 * The SQL types Runnel stores and computes with. Each kind has one Java representation, used for
 * literals, parameters and row-at-a-time paths (never in per-row hot loops, which work on Arrow
 * vectors):
 *
 * <table>
 *   <caption>Representations</caption>
 *   <tr><th>kind</th><th>Java value</th><th>Arrow vector</th></tr>
 *   <tr><td>BOOLEAN</td><td>Boolean</td><td>BitVector</td></tr>
 *   <tr><td>INT</td><td>Integer</td><td>IntVector</td></tr>
 *   <tr><td>BIGINT</td><td>Long</td><td>BigIntVector</td></tr>
 *   <tr><td>DOUBLE</td><td>Double</td><td>Float8Vector</td></tr>
 *   <tr><td>DECIMAL(p,s)</td><td>BigDecimal (scale s)</td><td>DecimalVector</td></tr>
 *   <tr><td>VARCHAR</td><td>String</td><td>VarCharVector (UTF-8)</td></tr>
 *   <tr><td>TIMESTAMP(3)</td><td>Long, epoch millis, no time zone</td><td>TimeStampMilliVector</td></tr>
 *   <tr><td>DATE</td><td>Integer, days since 1970-01-01</td><td>DateDayVector</td></tr>
 *   <tr><td>INTERVAL_DAY_TIME</td><td>Long, milliseconds</td><td>BigIntVector</td></tr>
 *   <tr><td>INTERVAL_YEAR_MONTH</td><td>Integer, months</td><td>IntVector</td></tr>
 *   <tr><td>NULL</td><td>null (type of a bare NULL literal)</td><td>NullVector</td></tr>
 * </table>
 */
public enum TypeKind {
    BOOLEAN,
    INT,
    BIGINT,
    DOUBLE,
    DECIMAL,
    VARCHAR,
    TIMESTAMP,
    DATE,
    INTERVAL_DAY_TIME,
    INTERVAL_YEAR_MONTH,
    NULL;

    public boolean isNumeric() {
        return this == INT || this == BIGINT || this == DOUBLE || this == DECIMAL;
    }

    public boolean isTemporal() {
        return this == TIMESTAMP || this == DATE;
    }
}
