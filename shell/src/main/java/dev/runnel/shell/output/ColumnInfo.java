package dev.runnel.shell.output;

/**
 * A result column as printers see it: its label, whether its values are numbers (right-aligned in
 * tables), and a typical width for tables that print rows before all of them are known. Immutable.
 */
public record ColumnInfo(String label, boolean numeric, int widthHint) {}
