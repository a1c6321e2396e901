package dev.runnel.exec.testing;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/** Short ways to write row schemas in tests. */
public final class Schemas {
    private Schemas() {}

    /** Alternating names and types: {@code of("a", BIGINT, "b", VARCHAR)}; TypeKinds or DataTypes. */
    public static RowSchema of(Object... nameTypePairs) {
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            Object t = nameTypePairs[i + 1];
            DataType type = t instanceof DataType d ? d : DataType.of((TypeKind) t);
            cols.add(new Column((String) nameTypePairs[i], type));
        }
        return new RowSchema(cols);
    }

    public static List<DataType> types(RowSchema s) {
        List<DataType> t = new ArrayList<>();
        for (Column c : s.columns()) {
            t.add(c.type());
        }
        return t;
    }
}
