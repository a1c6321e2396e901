package dev.runnel.planner.ddl;

import static dev.runnel.planner.testing.Planning.error;
import static dev.runnel.planner.testing.Planning.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.StatementParser;
import dev.runnel.sql.statement.CreateSearch;
import org.junit.jupiter.api.Test;

class CreateSearchPlannerTest {

    private static CreateSearch search(String sql) {
        return (CreateSearch) new StatementParser().parse(sql);
    }

    private static PlannedStatement.CreateSearch planned(String sql) {
        return (PlannedStatement.CreateSearch) plan(search(sql));
    }

    @Test
    void theConditionIsOverTheStreamsFullRow() {
        PlannedStatement.CreateSearch s = planned("CREATE SEARCH s ON bids WHERE channel = 'web' AND _partition = 1");
        assertThat(s.stream().name()).isEqualTo("bids");
        assertThat(s.conditionSql()).isEqualTo("channel = 'web' AND _partition = 1");
        Call and = (Call) s.condition();
        assertThat(and.op()).isEqualTo(Operator.AND);
        Call channel = (Call) and.operands().get(0);
        assertThat(channel.operands().get(0)).isEqualTo(new InputRef(3, channel.operands().get(0).type()));
        Call partition = (Call) and.operands().get(1);
        int partitionAt = s.stream().fullRow().stream().map(c -> c.name()).toList().indexOf("_partition");
        assertThat(((InputRef) partition.operands().get(0)).index()).isEqualTo(partitionAt);
        assertThat(partitionAt).isGreaterThanOrEqualTo(s.stream().columns().size());
    }

    @Test
    void tokenMatchesAndConstantConditions() {
        Call token = (Call) planned("CREATE SEARCH s ON bids WHERE CONTAINS_TOKEN(extra, 'Rust')").condition();
        assertThat(token.op()).isEqualTo(Operator.CONTAINS_TOKEN);
        assertThat(((Literal) planned("CREATE SEARCH s ON bids WHERE 1 = 1").condition()).value()).isEqualTo(true);
        assertThat(((Literal) planned("CREATE SEARCH s ON bids WHERE 1 = 0").condition()).value()).isEqualTo(false);
    }

    @Test
    void anUnknownColumnIsPositionedInTheCondition() {
        RunnelSqlException e = error(search("CREATE SEARCH s ON bids\n  WHERE price > 10 AND chanel = 'web'"));
        assertThat(e.sqlState()).isEqualTo("42S22");
        assertThat(e.position()).isEqualTo(new SourcePos(2, 24));
        assertThat(e.detail()).contains("unknown column 'chanel'");
    }

    @Test
    void theStreamMustExistAndBeAStream() {
        RunnelSqlException missing = error(search("CREATE SEARCH s ON bidz WHERE price > 1"));
        assertThat(missing.sqlState()).isEqualTo("42S02");
        assertThat(missing.detail()).isEqualTo("unknown stream 'bidz' in CREATE SEARCH (did you mean 'bids'?)");
        RunnelSqlException table = error(search("CREATE SEARCH s ON users WHERE id = 1"));
        assertThat(table.sqlState()).isEqualTo("42000");
        assertThat(table.detail()).contains("'users' is a table");
    }

    @Test
    void typeErrorsAndSubqueriesAreRefused() {
        assertThat(error(search("CREATE SEARCH s ON bids WHERE price")).sqlState()).isNotEqualTo("XX000");
        assertThat(error(search("CREATE SEARCH s ON bids WHERE price IN (SELECT id FROM users)")).sqlState())
                .isEqualTo("0A000");
    }
}
