package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.CalciteContext;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.testing.TestCatalog;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.tools.RelBuilder;

/** Builds logical plans with Calcite's RelBuilder over {@link TestCatalog#standard()} and translates them. */
final class RelFixture {
    final CalciteContext ctx = CalciteContext.create(TestCatalog.standard());
    final RelBuilder b = ctx.relBuilder();
    final RexBuilder rex = ctx.rexBuilder();
    final PhysicalTranslator translator = new PhysicalTranslator(rex);

    PhysicalNode translate(RelNode rel) {
        return translator.translate(rel);
    }
}
