package dev.runnel.exec.search;

import dev.runnel.exec.expr.fn.Tokens;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * The index of one column: probed with the column's values, it adds (row, conjunction) candidates
 * for the conjunctions whose chosen conjunct the value may satisfy. Equality is a hash lookup,
 * ranges an interval stab, {@code LIKE 'prefix%'} one hash lookup per distinct prefix length (the
 * hash of the value's first bytes grows byte by byte), tokens one lookup per token. NULLs satisfy
 * nothing. Single-threaded (scratch buffers).
 */
abstract class AccessPath {
    final int column;

    AccessPath(int column) {
        this.column = column;
    }

    abstract void probe(FieldVector v, int rows, Candidates out);

    /** Adds every id of {@code ids} (may be null) as a candidate for {@code row}. */
    static void addAll(Candidates out, int row, int[] ids) {
        if (ids != null) {
            for (int id : ids) {
                out.add(row, id);
            }
        }
    }

    static final class Equal extends AccessPath {
        final Atom.KeyKind kind;
        final LongIntsMap map = new LongIntsMap();

        Equal(int column, Atom.KeyKind kind) {
            super(column);
            this.kind = kind;
        }

        @Override
        void probe(FieldVector v, int rows, Candidates out) {
            for (int r = 0; r < rows; r++) {
                if (!v.isNull(r)) {
                    addAll(out, r, map.get(Atom.key(v, r, kind)));
                }
            }
        }
    }

    static final class Range extends AccessPath implements IntervalIndex.Hits {
        final Atom.KeyKind kind;
        final IntervalIndex intervals = new IntervalIndex();
        private Candidates out;
        private int row;

        Range(int column, Atom.KeyKind kind) {
            super(column);
            this.kind = kind;
        }

        @Override
        void probe(FieldVector v, int rows, Candidates out) {
            this.out = out;
            for (int r = 0; r < rows; r++) {
                if (!v.isNull(r)) {
                    row = r;
                    intervals.probe(Atom.key(v, r, kind), this);
                }
            }
        }

        @Override
        public void hit(int id) {
            out.add(row, id);
        }
    }

    /** Text equality ({@code TEXT}), prefixes ({@code PREFIX}) or tokens ({@code TOKEN}) of a VARCHAR column. */
    static final class Text extends AccessPath implements Tokens.Sink {
        enum Mode { EQUAL, PREFIX, TOKEN }

        final Mode mode;
        final BytesIntsMap map = new BytesIntsMap();
        /** PREFIX: the distinct prefix lengths, ascending. */
        int[] lengths = new int[0];
        private byte[] scratch = new byte[256];
        private Candidates out;
        private int row;

        Text(int column, Mode mode) {
            super(column);
            this.mode = mode;
        }

        void addLength(int length) {
            for (int l : lengths) {
                if (l == length) {
                    return;
                }
            }
            lengths = java.util.Arrays.copyOf(lengths, lengths.length + 1);
            lengths[lengths.length - 1] = length;
            java.util.Arrays.sort(lengths);
        }

        @Override
        void probe(FieldVector vector, int rows, Candidates out) {
            BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
            ArrowBuf data = v.getDataBuffer();
            this.out = out;
            int maxPrefix = lengths.length == 0 ? 0 : lengths[lengths.length - 1];
            for (int r = 0; r < rows; r++) {
                if (v.isNull(r)) {
                    continue;
                }
                int start = (int) v.getStartOffset(r);
                int len = v.getEndOffset(r) - start;
                int n = mode == Mode.PREFIX ? Math.min(len, maxPrefix) : len;
                if (scratch.length < n) {
                    scratch = new byte[Math.max(n, scratch.length * 2)];
                }
                switch (mode) {
                    case EQUAL -> {
                        data.getBytes(start, scratch, 0, n);
                        addAll(out, r, map.get(scratch, n, BytesIntsMap.hash(scratch, 0, n)));
                    }
                    case PREFIX -> prefixes(data, start, n, r);
                    case TOKEN -> {
                        row = r;
                        Tokens.tokens(data, start, start + len, scratch, this);
                    }
                }
            }
        }

        private void prefixes(ArrowBuf data, int start, int n, int r) {
            data.getBytes(start, scratch, 0, n);
            int[] ls = lengths;
            int li = 0;
            int h = BytesIntsMap.SEED;
            if (ls[0] == 0) {
                addAll(out, r, map.get(scratch, 0, h));
                li = 1;
            }
            for (int i = 0; i < n && li < ls.length; i++) {
                h = BytesIntsMap.step(h, scratch[i]);
                if (ls[li] == i + 1) {
                    addAll(out, r, map.get(scratch, i + 1, h));
                    li++;
                }
            }
        }

        @Override
        public void token(byte[] bytes, int length) {
            addAll(out, row, map.get(bytes, length, BytesIntsMap.hash(bytes, 0, length)));
        }
    }
}
