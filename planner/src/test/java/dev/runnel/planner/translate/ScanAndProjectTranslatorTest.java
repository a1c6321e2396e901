package dev.runnel.planner.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.testing.TestCatalog;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.junit.jupiter.api.Test;

/** Scans, and the projections and filters above them. */
class ScanAndProjectTranslatorTest {
    private final RelFixture f = new RelFixture();

    @Test
    void bareScanReadsPayloadThenMetadataColumns() {
        ScanNode scan = (ScanNode) f.translate(f.b.scan("bids").build());

        assertThat(scan.relation()).isEqualTo(TestCatalog.standard().get("bids"));
        assertThat(scan.columns()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(scan.schema().columns()).extracting(Column::name).endsWith("_partition", "_offset", "_timestamp",
                "_append_time", "_watermark");
    }

    @Test
    void scanOfNoColumnsStillDecodesTheFirstPayloadColumn() {
        ScanNode scan = ScanTranslator.of((TableScan) f.b.scan("bids").build(), List.of());
        assertThat(scan.columns()).containsExactly(0);
    }

    @Test
    void projectionOfColumnsIsFoldedIntoTheScanInProjectionOrder() {
        PhysicalNode n = f.translate(f.b.scan("bids").project(f.b.field("price"), f.b.field("_offset"),
                f.b.field("auction")).build());

        assertThat(n).isInstanceOf(ScanNode.class);
        assertThat(((ScanNode) n).columns()).containsExactly(2, 8, 0);
        assertThat(n.schema().columns()).extracting(Column::name).containsExactly("price", "_offset", "auction");
    }

    @Test
    void renamingProjectionStaysAboveTheScan() {
        PhysicalNode n = f.translate(f.b.scan("bids").project(List.of(f.b.field("price")), List.of("p")).build());

        ProjectNode p = (ProjectNode) n;
        assertThat(((ScanNode) p.input()).columns()).containsExactly(2);
        assertThat(p.exprs()).containsExactly(new InputRef(0, DataType.of(TypeKind.BIGINT)));
        assertThat(p.schema().get(0).name()).isEqualTo("p");
    }

    @Test
    void expressionsReadOnlyTheColumnsTheyUseRenumbered() {
        PhysicalNode n = f.translate(f.b.scan("bids").project(List.of(f.b.call(SqlStdOperatorTable.MULTIPLY,
                f.b.field("price"), f.b.literal(2)), f.b.field("auction")), List.of("doubled", "auction")).build());

        ProjectNode p = (ProjectNode) n;
        assertThat(((ScanNode) p.input()).columns()).containsExactly(0, 2);
        DataType bigint = DataType.of(TypeKind.BIGINT);
        assertThat(p.exprs()).containsExactly(
                new Call(Operator.TIMES, List.of(new InputRef(1, bigint), new Literal(2L, bigint.notNull())), bigint),
                new InputRef(0, bigint));
    }

    @Test
    void identityProjectionOverANonScanDisappears() {
        PhysicalNode n = f.translate(f.b.scan("bids").filter(f.b.equals(f.b.field("channel"), f.b.literal("web")))
                .project(f.b.fields()).build());

        assertThat(n).isInstanceOf(FilterNode.class);
    }

    @Test
    void filterKeepsItsConditionOverTheInputRow() {
        FilterNode filter = (FilterNode) f.translate(f.b.scan("bids")
                .filter(f.b.isNotNull(f.b.field("channel"))).build());

        assertThat(filter.condition()).isEqualTo(new Call(Operator.IS_NOT_NULL,
                List.of(new InputRef(3, DataType.varchar())), DataType.of(TypeKind.BOOLEAN).notNull()));
        assertThat(filter.schema()).isEqualTo(filter.input().schema());
    }
}
