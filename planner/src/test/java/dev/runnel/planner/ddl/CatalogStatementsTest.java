package dev.runnel.planner.ddl;

import static dev.runnel.planner.testing.Planning.error;
import static dev.runnel.planner.testing.Planning.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.testing.TestCatalog;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.Describe;
import dev.runnel.sql.statement.Drop;
import dev.runnel.sql.statement.ObjectKind;
import dev.runnel.sql.statement.Show;
import dev.runnel.sql.statement.ShowKind;
import org.junit.jupiter.api.Test;

class CatalogStatementsTest {
    private static final SourcePos POS = new SourcePos(4, 1);

    private static Drop drop(ObjectKind kind, String name, boolean ifExists) {
        return new Drop(kind, name, ifExists, false, POS, "DROP " + kind + " " + name);
    }

    @Test
    void dropResolvesTheRelationCaseInsensitively() {
        PlannedStatement.Drop d = (PlannedStatement.Drop) plan(drop(ObjectKind.STREAM, "BIDS", false));

        assertThat(d.name()).isEqualTo("bids");
        assertThat(d.relation()).contains(TestCatalog.standard().get("bids"));
    }

    @Test
    void droppingATableAsAStreamNamesWhatItIs() {
        RunnelSqlException e = error(drop(ObjectKind.STREAM, "users", false));

        assertThat(e.sqlState()).isEqualTo("42000");
        assertThat(e.detail()).isEqualTo("'users' is a table, not a stream: use DROP TABLE users");
        assertThat(e.position()).isEqualTo(POS);
    }

    @Test
    void droppingSomethingUnknownSuggestsANameUnlessIfExists() {
        RunnelSqlException e = error(drop(ObjectKind.TABLE, "user", false));
        assertThat(e.sqlState()).isEqualTo("42S02");
        assertThat(e.detail()).isEqualTo("unknown table 'user' (did you mean 'users'?)");

        PlannedStatement.Drop d = (PlannedStatement.Drop) plan(drop(ObjectKind.TABLE, "user", true));
        assertThat(d.relation()).isEmpty();
        assertThat(d.ifExists()).isTrue();
    }

    @Test
    void aRelationsTopicIsDroppedWithTheRelation() {
        RunnelSqlException e = error(drop(ObjectKind.TOPIC, "bids", false));
        assertThat(e.detail()).isEqualTo("topic 'bids' holds a stream 'bids': use DROP STREAM bids");

        PlannedStatement.Drop other = (PlannedStatement.Drop) plan(drop(ObjectKind.TOPIC, "scratch", false));
        assertThat(other.kind()).isEqualTo(ObjectKind.TOPIC);
        assertThat(other.relation()).isEmpty();
    }

    @Test
    void dropJobPassesThrough() {
        PlannedStatement.Drop d = (PlannedStatement.Drop) plan(drop(ObjectKind.JOB, "job-7", false));
        assertThat(d.kind()).isEqualTo(ObjectKind.JOB);
        assertThat(d.name()).isEqualTo("job-7");
    }

    @Test
    void describeResolvesRelationsAndTopics() {
        PlannedStatement.Describe rel = (PlannedStatement.Describe) plan(new Describe("Users", false, POS, "DESCRIBE Users"));
        assertThat(rel.relation()).contains(TestCatalog.standard().get("users"));

        PlannedStatement.Describe topic = (PlannedStatement.Describe) plan(new Describe("bids", true, POS, "DESCRIBE TOPIC bids"));
        assertThat(topic.topic()).isTrue();
        assertThat(topic.relation()).contains(TestCatalog.standard().get("bids"));

        RunnelSqlException e = error(new Describe("bid", false, POS, "DESCRIBE bid"));
        assertThat(e.sqlState()).isEqualTo("42S02");
        assertThat(e.detail()).isEqualTo("unknown stream or table 'bid' (did you mean 'bids'?)");
    }

    @Test
    void showPassesItsKindThrough() {
        assertThat(plan(new Show(ShowKind.TOPICS, POS, "SHOW TOPICS"))).isEqualTo(new PlannedStatement.Show(ShowKind.TOPICS));
    }
}
