package dev.runnel.exec.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every relation definition survives its catalog event unchanged. */
class CatalogEventsProperties {

    @Property(tries = 300)
    void aCreatedEventDecodesToTheSameDefinition(@ForAll("relations") RelationDef r) {
        CatalogEvents.Event e = CatalogEvents.decode(CatalogEvents.created(r));
        assertThat(e).isEqualTo(new CatalogEvents.Created(r));
    }

    @Provide
    Arbitrary<RelationDef> relations() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars('_', 'É', '"', ' ')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<DataType> types = Arbitraries.of(TypeKind.values()).filter(k -> k != TypeKind.NULL).flatMap(k -> {
            if (k == TypeKind.DECIMAL) {
                return Combinators.combine(Arbitraries.integers().between(1, 38), Arbitraries.integers().between(0, 38),
                        Arbitraries.of(true, false)).as((p, s, n) -> new DataType(k, p, Math.min(s, p), n));
            }
            if (k == TypeKind.VARCHAR) {
                return Combinators.combine(Arbitraries.of(DataType.UNBOUNDED, 1, 255), Arbitraries.of(true, false))
                        .as((p, n) -> new DataType(k, p, 0, n));
            }
            return Arbitraries.of(true, false).map(n -> DataType.of(k).withNullable(n));
        });
        Arbitrary<List<Column>> columns = Combinators.combine(names, types).as(Column::new).list().ofMinSize(1).ofMaxSize(8);
        return Combinators.combine(names, Arbitraries.of(RelationKind.values()), columns,
                Arbitraries.of(Format.values()), Arbitraries.integers().between(1, 64),
                Arbitraries.maps(names, Arbitraries.strings().ofMaxLength(20)).ofMaxSize(4),
                Arbitraries.strings().ofMaxLength(200), Arbitraries.longs().between(0, 1_000_000))
                .as((name, kind, cols, format, partitions, options, sql, delay) -> {
                    List<Integer> key = new ArrayList<>();
                    for (int i = 0; i < cols.size(); i += 2) {
                        key.add(i);
                    }
                    Optional<WatermarkSpec> wm = delay % 3 == 0 ? Optional.empty()
                            : Optional.of(new WatermarkSpec(cols.size() - 1, delay));
                    return new RelationDef(name, kind, cols, kind == RelationKind.STREAM ? List.of() : key, wm,
                            new StorageSpec(name + "_t", partitions, format, key, delay % 2 == 0 ? null : name + ".dlq"),
                            Map.copyOf(options), sql);
                });
    }
}
