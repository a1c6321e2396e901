package dev.runnel.planner.testing;

import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.ColumnDef;
import dev.runnel.sql.statement.CreateStream;
import dev.runnel.sql.statement.CreateTable;
import dev.runnel.sql.statement.QueryBody;
import dev.runnel.sql.statement.WatermarkDef;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds CREATE STREAM/TABLE records as {@code StatementParser} will, with a small fluent builder.
 * Columns are declared one per line starting on line 2, column 3, so tests can assert positions.
 */
public final class TestDdl {
    private final String name;
    private final List<ColumnDef> columns = new ArrayList<>();
    private final List<String> primaryKey = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private Optional<WatermarkDef> watermark = Optional.empty();
    private boolean ifNotExists;

    private TestDdl(String name) {
        this.name = name;
    }

    public static TestDdl create(String name) {
        return new TestDdl(name);
    }

    /** The Nexmark bids columns, with the brief's watermark. */
    public static TestDdl bids(String name) {
        return create(name).column("auction", TypeKind.BIGINT).column("bidder", TypeKind.BIGINT)
                .column("price", TypeKind.BIGINT).column("channel", TypeKind.VARCHAR).column("url", TypeKind.VARCHAR)
                .column("date_time", TypeKind.TIMESTAMP).column("extra", TypeKind.VARCHAR)
                .watermark("date_time", "date_time - INTERVAL '4' SECOND");
    }

    public TestDdl column(String column, TypeKind kind) {
        return column(column, DataType.of(kind));
    }

    public TestDdl column(String column, DataType type) {
        columns.add(new ColumnDef(column, type, new SourcePos(columns.size() + 2, 3)));
        return this;
    }

    public TestDdl primaryKey(String... names) {
        primaryKey.addAll(List.of(names));
        return this;
    }

    /** WATERMARK FOR column AS expression, declared on the line after the last column, expression at column 30. */
    public TestDdl watermark(String column, String expression) {
        int line = columns.size() + 2;
        QueryBody body = new QueryBody(TestStatements.parseExpression(expression), expression, new SourcePos(line, 30));
        watermark = Optional.of(new WatermarkDef(column, body, new SourcePos(line, 3)));
        return this;
    }

    public TestDdl noWatermark() {
        watermark = Optional.empty();
        return this;
    }

    public TestDdl with(String key, String value) {
        options.put(key, value);
        return this;
    }

    public TestDdl ifNotExists() {
        ifNotExists = true;
        return this;
    }

    public CreateStream stream() {
        return new CreateStream(name, columns, watermark, options, ifNotExists, new SourcePos(1, 1),
                "CREATE STREAM " + name + " (...)");
    }

    public CreateTable table() {
        return new CreateTable(name, columns, primaryKey, watermark, options, ifNotExists, new SourcePos(1, 1),
                "CREATE TABLE " + name + " (...)");
    }
}
