package dev.runnel.sql;

import static dev.runnel.sql.Parsing.error;
import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.runnel.sql.statement.ColumnDef;
import dev.runnel.sql.statement.CreateTable;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import org.junit.jupiter.api.Test;

class CreateTableParsingTest {

    @Test
    void columnPrimaryKeyFromTheSqlGuide() {
        CreateTable t = parse("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR)\n"
                + "  WITH (topic = 'users', format = 'json');", CreateTable.class);
        assertThat(t.name()).isEqualTo("users");
        assertThat(t.columns()).containsExactly(
                new ColumnDef("id", DataType.of(TypeKind.BIGINT).notNull(), pos(1, 21)),
                new ColumnDef("name", DataType.varchar(), pos(1, 44)),
                new ColumnDef("city", DataType.varchar(), pos(1, 58)));
        assertThat(t.primaryKey()).containsExactly("id");
        assertThat(t.watermark()).isEmpty();
        assertThat(t.options()).containsExactly(entry("topic", "users"), entry("format", "json"));
        assertThat(t.ifNotExists()).isFalse();
        assertThat(t.pos()).isEqualTo(pos(1, 1));
        assertThat(t.text()).isEqualTo("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR)\n"
                + "  WITH (topic = 'users', format = 'json')");
    }

    @Test
    void decimalColumnFromTheSqlGuide() {
        CreateTable t = parse("CREATE TABLE orders_cdc (id BIGINT PRIMARY KEY, amount DECIMAL(10,2), status VARCHAR)"
                + " WITH (topic = 'orders', format = 'debezium-json')", CreateTable.class);
        assertThat(t.columns()).extracting(ColumnDef::type).containsExactly(
                DataType.of(TypeKind.BIGINT).notNull(), DataType.decimal(10, 2), DataType.varchar());
        assertThat(t.options()).containsEntry("format", "debezium-json");
    }

    @Test
    void tablePrimaryKeyKeepsItsOrderNamesColumnsAsDeclaredAndMakesThemNotNull() {
        CreateTable t = parse("CREATE TABLE IF NOT EXISTS t (Region VARCHAR, id BIGINT, v INT, PRIMARY KEY (ID, region))",
                CreateTable.class);
        assertThat(t.ifNotExists()).isTrue();
        assertThat(t.primaryKey()).containsExactly("id", "Region");
        assertThat(t.columns()).extracting(c -> c.type().nullable()).containsExactly(false, false, true);
    }

    @Test
    void primaryKeyMayComeBeforeTheColumnsAndAWatermarkIsAllowed() {
        CreateTable t = parse("CREATE TABLE t (PRIMARY KEY (k), k INT, ts TIMESTAMP, WATERMARK FOR ts AS ts)",
                CreateTable.class);
        assertThat(t.primaryKey()).containsExactly("k");
        assertThat(t.watermark().orElseThrow().column()).isEqualTo("ts");
    }

    @Test
    void tableWithoutPrimaryKeyIsRejected() {
        RunnelSqlException e = error("CREATE TABLE t (a INT)");
        assertThat(e.sqlState()).isEqualTo("42000");
        assertThat(e.getMessage()).isEqualTo("line 1, column 14: a TABLE needs a PRIMARY KEY, on a column "
                + "(id BIGINT PRIMARY KEY) or as PRIMARY KEY (a, b); a STREAM is append-only and needs none");
    }

    @Test
    void twoColumnPrimaryKeysAreRejected() {
        assertThat(error("CREATE TABLE t (a INT PRIMARY KEY, b INT PRIMARY KEY)").getMessage())
                .isEqualTo("line 1, column 42: PRIMARY KEY is declared more than once; "
                        + "declare a key of several columns as PRIMARY KEY (a, b)");
        assertThat(error("CREATE TABLE t (a INT PRIMARY KEY, PRIMARY KEY (a))").position()).isEqualTo(pos(1, 36));
    }

    @Test
    void unknownPrimaryKeyColumnSuggestsTheClosestColumn() {
        RunnelSqlException e = error("CREATE TABLE t (user_id INT, PRIMARY KEY (userid))");
        assertThat(e.sqlState()).isEqualTo("42S22");
        assertThat(e.getMessage())
                .isEqualTo("line 1, column 43: unknown column 'userid' in PRIMARY KEY (did you mean 'user_id'?)");
    }

    @Test
    void primaryKeyColumnListedTwiceIsRejected() {
        assertThat(error("CREATE TABLE t (a INT, PRIMARY KEY (a, A))").getMessage())
                .isEqualTo("line 1, column 40: column 'a' appears twice in PRIMARY KEY");
    }
}
