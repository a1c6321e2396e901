package dev.runnel.exec.arrow;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Maps Runnel's {@link DataType}s to Arrow types and back, one fixed vector class per kind (see
 * {@link TypeKind}): BitVector, IntVector, BigIntVector, Float8Vector, DecimalVector,
 * VarCharVector, TimeStampMilliVector (no time zone), DateDayVector, BigIntVector (day-time
 * intervals, millis), IntVector (year-month intervals, months), NullVector. Stateless.
 */
public final class ArrowTypes {
    private ArrowTypes() {}

    public static ArrowType toArrow(DataType t) {
        return switch (t.kind()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case INT, INTERVAL_YEAR_MONTH -> new ArrowType.Int(32, true);
            case BIGINT, INTERVAL_DAY_TIME -> new ArrowType.Int(64, true);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DECIMAL -> new ArrowType.Decimal(t.precision(), t.scale(), 128);
            case VARCHAR -> ArrowType.Utf8.INSTANCE;
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case NULL -> ArrowType.Null.INSTANCE;
        };
    }

    /** The Arrow field for a column; the Runnel type kind is kept in the field metadata for round trips. */
    public static Field toField(Column c) {
        java.util.Map<String, String> meta = java.util.Map.of("runnel.type", c.type().kind().name());
        return new Field(c.name(), new FieldType(c.type().nullable(), toArrow(c.type()), null, meta), null);
    }

    public static Schema toSchema(RowSchema schema) {
        return toSchema(schema.columns());
    }

    public static Schema toSchema(List<Column> columns) {
        List<Field> fields = new ArrayList<>(columns.size());
        for (Column c : columns) {
            fields.add(toField(c));
        }
        return new Schema(fields);
    }

    /** The Runnel type of an Arrow field made by {@link #toField} (or a plain Arrow field of a mapped type). */
    public static DataType fromField(Field f) {
        String kind = f.getMetadata() == null ? null : f.getMetadata().get("runnel.type");
        boolean nullable = f.isNullable();
        if (kind != null) {
            TypeKind k = TypeKind.valueOf(kind);
            if (k == TypeKind.DECIMAL) {
                ArrowType.Decimal d = (ArrowType.Decimal) f.getType();
                return new DataType(k, d.getPrecision(), d.getScale(), nullable);
            }
            return DataType.of(k).withNullable(nullable);
        }
        ArrowType t = f.getType();
        DataType base = switch (t.getTypeID()) {
            case Bool -> DataType.of(TypeKind.BOOLEAN);
            case Int -> ((ArrowType.Int) t).getBitWidth() == 64 ? DataType.of(TypeKind.BIGINT) : DataType.of(TypeKind.INT);
            case FloatingPoint -> DataType.of(TypeKind.DOUBLE);
            case Decimal -> DataType.decimal(((ArrowType.Decimal) t).getPrecision(), ((ArrowType.Decimal) t).getScale());
            case Utf8 -> DataType.varchar();
            case Timestamp -> DataType.of(TypeKind.TIMESTAMP);
            case Date -> DataType.of(TypeKind.DATE);
            case Null -> DataType.of(TypeKind.NULL);
            default -> throw new IllegalArgumentException("Arrow type " + t + " has no Runnel type");
        };
        return base.withNullable(nullable);
    }
}
