package dev.runnel.sql;

import dev.runnel.sql.grammar.RunnelStatementBaseVisitor;
import dev.runnel.sql.grammar.RunnelStatementParser;
import dev.runnel.sql.grammar.RunnelStatementParser.BodyContext;
import dev.runnel.sql.grammar.RunnelStatementParser.CopyStatementContext;
import dev.runnel.sql.grammar.RunnelStatementParser.CreateJobContext;
import dev.runnel.sql.grammar.RunnelStatementParser.CreateMaterializedViewContext;
import dev.runnel.sql.grammar.RunnelStatementParser.CreateRelationContext;
import dev.runnel.sql.grammar.RunnelStatementParser.CreateSearchContext;
import dev.runnel.sql.grammar.RunnelStatementParser.CreateStatementContext;
import dev.runnel.sql.grammar.RunnelStatementParser.DescribeStatementContext;
import dev.runnel.sql.grammar.RunnelStatementParser.DropStatementContext;
import dev.runnel.sql.grammar.RunnelStatementParser.ExplainStatementContext;
import dev.runnel.sql.grammar.RunnelStatementParser.InsertTextContext;
import dev.runnel.sql.grammar.RunnelStatementParser.QueryTextContext;
import dev.runnel.sql.grammar.RunnelStatementParser.ResetStatementContext;
import dev.runnel.sql.grammar.RunnelStatementParser.SetStatementContext;
import dev.runnel.sql.grammar.RunnelStatementParser.ShowStatementContext;
import dev.runnel.sql.grammar.RunnelStatementParser.StatementContext;
import dev.runnel.sql.grammar.RunnelStatementParser.StopStatementContext;
import dev.runnel.sql.statement.Copy;
import dev.runnel.sql.statement.CreateJob;
import dev.runnel.sql.statement.CreateMaterializedView;
import dev.runnel.sql.statement.CreateSearch;
import dev.runnel.sql.statement.Describe;
import dev.runnel.sql.statement.Drop;
import dev.runnel.sql.statement.Explain;
import dev.runnel.sql.statement.Insert;
import dev.runnel.sql.statement.ObjectKind;
import dev.runnel.sql.statement.Query;
import dev.runnel.sql.statement.QueryBody;
import dev.runnel.sql.statement.SetOption;
import dev.runnel.sql.statement.Show;
import dev.runnel.sql.statement.ShowKind;
import dev.runnel.sql.statement.Statement;
import dev.runnel.sql.statement.StopJob;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlWith;

/**
 * Turns the parse tree of one statement into its {@link Statement} record, handing query bodies,
 * INSERTs and watermark expressions to Calcite with their exact source text and script position.
 * One instance per statement; not thread-safe.
 */
final class StatementBuilder extends RunnelStatementBaseVisitor<Statement> {
    private final SourceText source;
    private final StatementText statement;

    StatementBuilder(SourceText source) {
        this.source = source;
        this.statement = source.statement();
    }

    Statement build(StatementContext ctx) {
        return visit(ctx.body());
    }

    @Override
    public Statement visitBody(BodyContext ctx) {
        return visit(ctx.getChild(0));
    }

    @Override
    public Statement visitCreateStatement(CreateStatementContext ctx) {
        return visit(ctx.getChild(1));
    }

    @Override
    public Statement visitCreateRelation(CreateRelationContext ctx) {
        return new RelationBuilder(source).build(ctx);
    }

    @Override
    public Statement visitCreateMaterializedView(CreateMaterializedViewContext ctx) {
        String name = Literals.identifier(ctx.identifier(), source);
        var options = Literals.options(ctx.withOptions(), source);
        QueryBody query = queryBody(ctx.queryText());
        return new CreateMaterializedView(name, options, query, ctx.ifNotExists() != null, statement.pos(),
                statement.text());
    }

    @Override
    public Statement visitCreateJob(CreateJobContext ctx) {
        String name = Literals.identifier(ctx.identifier(), source);
        Insert insert = insert(ctx.insertText(), source.pos(ctx.insertText()), source.text(ctx.insertText()));
        return new CreateJob(name, insert, ctx.ifNotExists() != null, statement.pos(), statement.text());
    }

    @Override
    public Statement visitCreateSearch(CreateSearchContext ctx) {
        String name = Literals.identifier(ctx.identifier(0), source);
        String stream = Literals.identifier(ctx.identifier(1), source);
        QueryBody condition = CalciteParsing.parseExpression(source.text(ctx.searchCondition()),
                source.pos(ctx.searchCondition()));
        return new CreateSearch(name, stream, condition, ctx.ifNotExists() != null, statement.pos(), statement.text());
    }

    @Override
    public Statement visitStopStatement(StopStatementContext ctx) {
        return new StopJob(Literals.identifier(ctx.identifier(), source), statement.pos(), statement.text());
    }

    @Override
    public Statement visitDropStatement(DropStatementContext ctx) {
        ObjectKind kind = switch (ctx.objectKind().getStart().getType()) {
            case RunnelStatementParser.STREAM -> ObjectKind.STREAM;
            case RunnelStatementParser.TABLE -> ObjectKind.TABLE;
            case RunnelStatementParser.MATERIALIZED -> ObjectKind.MATERIALIZED_VIEW;
            case RunnelStatementParser.TOPIC -> ObjectKind.TOPIC;
            case RunnelStatementParser.JOB -> ObjectKind.JOB;
            case RunnelStatementParser.SEARCH -> ObjectKind.SEARCH;
            default -> throw new IllegalStateException("unhandled DROP " + ctx.objectKind().getText());
        };
        boolean cascade = ctx.behavior != null && ctx.behavior.getType() == RunnelStatementParser.CASCADE;
        return new Drop(kind, Literals.identifier(ctx.identifier(), source), ctx.ifExists() != null, cascade,
                statement.pos(), statement.text());
    }

    @Override
    public Statement visitShowStatement(ShowStatementContext ctx) {
        ShowKind kind = switch (((TerminalNode) ctx.getChild(1)).getSymbol().getType()) {
            case RunnelStatementParser.STREAMS -> ShowKind.STREAMS;
            case RunnelStatementParser.TABLES -> ShowKind.TABLES;
            case RunnelStatementParser.MATERIALIZED -> ShowKind.MATERIALIZED_VIEWS;
            case RunnelStatementParser.TOPICS -> ShowKind.TOPICS;
            case RunnelStatementParser.JOBS -> ShowKind.JOBS;
            case RunnelStatementParser.SEARCHES -> ShowKind.SEARCHES;
            case RunnelStatementParser.CONSUMER -> ShowKind.CONSUMER_GROUPS;
            case RunnelStatementParser.SETTINGS -> ShowKind.SETTINGS;
            case RunnelStatementParser.CLUSTER -> ShowKind.CLUSTER;
            default -> throw new IllegalStateException("unhandled SHOW " + ctx.getText());
        };
        return new Show(kind, statement.pos(), statement.text());
    }

    @Override
    public Statement visitDescribeStatement(DescribeStatementContext ctx) {
        return new Describe(Literals.identifier(ctx.identifier(), source), ctx.TOPIC() != null, statement.pos(),
                statement.text());
    }

    @Override
    public Statement visitExplainStatement(ExplainStatementContext ctx) {
        Statement explained = ctx.insertText() != null
                ? insert(ctx.insertText(), source.pos(ctx.insertText()), source.text(ctx.insertText()))
                : query(ctx.queryText(), source.pos(ctx.queryText()), source.text(ctx.queryText()));
        return new Explain(explained, ctx.ANALYZE() != null, statement.pos(), statement.text());
    }

    @Override
    public Statement visitSetStatement(SetStatementContext ctx) {
        return new SetOption(Literals.key(ctx.optionKey(), source), Literals.value(ctx.optionValue(), source),
                statement.pos(), statement.text());
    }

    @Override
    public Statement visitResetStatement(ResetStatementContext ctx) {
        return new SetOption(Literals.key(ctx.optionKey(), source), null, statement.pos(), statement.text());
    }

    @Override
    public Statement visitCopyStatement(CopyStatementContext ctx) {
        String path = Literals.string(ctx.path);
        if (path.isEmpty()) {
            throw new RunnelSqlException("42000", "COPY needs a file path, not ''", source.pos(ctx.path));
        }
        return new Copy(Literals.identifier(ctx.identifier(), source), path, Literals.options(ctx.withOptions(), source),
                statement.pos(), statement.text());
    }

    @Override
    public Statement visitInsertText(InsertTextContext ctx) {
        return insert(ctx, statement.pos(), statement.text());
    }

    @Override
    public Statement visitQueryText(QueryTextContext ctx) {
        return query(ctx, statement.pos(), statement.text());
    }

    private Insert insert(InsertTextContext ctx, SourcePos pos, String text) {
        QueryBody body = CalciteParsing.parseQuery(source.text(ctx), source.pos(ctx));
        if (!(body.node() instanceof SqlInsert insert)) {
            throw new RunnelSqlException("42000", "expected INSERT INTO, found " + body.node().getKind(), pos);
        }
        return new Insert(targetName(insert.getTargetTable()), body, pos, text);
    }

    private Query query(QueryTextContext ctx, SourcePos pos, String text) {
        QueryBody body = queryBody(ctx);
        return new Query(body, isStream(body.node()), pos, text);
    }

    private QueryBody queryBody(QueryTextContext ctx) {
        QueryBody body = CalciteParsing.parseQuery(source.text(ctx), source.pos(ctx));
        if (!body.node().isA(SqlKind.QUERY)) {
            throw new RunnelSqlException("42000", "expected a query, found " + body.node().getKind(), source.pos(ctx));
        }
        return body;
    }

    /** True for {@code SELECT STREAM ...}, also under ORDER BY, WITH and set operations. */
    static boolean isStream(SqlNode node) {
        return switch (node.getKind()) {
            case SELECT -> ((SqlSelect) node).getModifierNode(SqlSelectKeyword.STREAM) != null;
            case ORDER_BY -> isStream(((SqlOrderBy) node).query);
            case WITH -> isStream(((SqlWith) node).body);
            case UNION, INTERSECT, EXCEPT -> ((SqlCall) node).getOperandList().stream()
                    .anyMatch(StatementBuilder::isStream);
            default -> false;
        };
    }

    /** The INSERT target as written: {@code bids}, {@code "Big Bids"} → Big Bids, {@code s.t} → s.t. */
    private static String targetName(SqlNode target) {
        if (target instanceof SqlIdentifier id) {
            return String.join(".", id.names);
        }
        if (target instanceof SqlCall call && !call.getOperandList().isEmpty()
                && call.getOperandList().get(0) instanceof SqlIdentifier id) {
            return String.join(".", id.names);
        }
        return target.toString();
    }
}
