package dev.runnel.planner.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.SortNode;
import dev.runnel.planner.physical.SortNode.SortKey;
import dev.runnel.planner.physical.UnionAllNode;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortUnionValuesTranslatorTest {
    private final RelFixture f = new RelFixture();

    @Test
    void sortKeysWithCalcitesDefaultNullOrder() {
        SortNode sort = (SortNode) f.translate(f.b.scan("bids")
                .sortLimit(5, 10, f.b.desc(f.b.field("price")), f.b.field("auction"),
                        f.b.nullsFirst(f.b.field("bidder"))).build());

        assertThat(sort.keys()).containsExactly(new SortKey(2, true, true), new SortKey(0, false, false),
                new SortKey(1, false, true));
        assertThat(sort.offset()).isEqualTo(5);
        assertThat(sort.fetch()).isEqualTo(10);
    }

    @Test
    void limitAloneIsASortWithoutKeys() {
        SortNode sort = (SortNode) f.translate(f.b.scan("bids").limit(0, 3).build());
        assertThat(sort.keys()).isEmpty();
        assertThat(sort.offset()).isZero();
        assertThat(sort.fetch()).isEqualTo(3);
    }

    @Test
    void unionAllCastsInputsToTheUnionTypes() {
        UnionAllNode union = (UnionAllNode) f.translate(f.b.scan("auctions").project(f.b.field("category"))
                .scan("bids").project(f.b.field("price")).union(true).build());

        assertThat(union.schema().get(0).type().kind()).isEqualTo(TypeKind.BIGINT);
        ProjectNode cast = (ProjectNode) union.inputs().get(0);
        assertThat(cast.exprs()).containsExactly(new Call(Operator.CAST,
                List.of(new InputRef(0, DataType.of(TypeKind.INT))), DataType.of(TypeKind.BIGINT)));
        assertThat(union.inputs().get(1).schema().get(0).type().kind()).isEqualTo(TypeKind.BIGINT);
    }

    @Test
    void unionDistinctIsUnionAllThenGroupingOnEveryColumn() {
        AggregateNode distinct = (AggregateNode) f.translate(f.b.scan("bids").project(f.b.field("auction"), f.b.field("channel"))
                .scan("bids").project(f.b.field("bidder"), f.b.field("url")).union(false).build());

        assertThat(distinct.input()).isInstanceOf(UnionAllNode.class);
        assertThat(distinct.groupKeys()).containsExactly(0, 1);
        assertThat(distinct.calls()).isEmpty();
    }

    @Test
    void valuesRowsAreInTheJavaRepresentationOfTheirColumns() {
        ValuesNode v = (ValuesNode) f.translate(f.b.values(new String[] {"a", "b", "c"},
                1, "x", new BigDecimal("2.5"), 2, "yy", new BigDecimal("3")).build());

        assertThat(v.schema().columns()).extracting(c -> c.type().kind())
                .containsExactly(TypeKind.INT, TypeKind.VARCHAR, TypeKind.DECIMAL);
        assertThat(v.rows()).containsExactly(List.of(1, "x", new BigDecimal("2.5")), List.of(2, "yy", new BigDecimal("3.0")));
    }
}
