package dev.runnel.shell;

import dev.runnel.shell.output.ColumnInfo;
import dev.runnel.shell.output.RowPrinter;
import dev.runnel.shell.output.Values;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

/**
 * A push query's rows in the interactive shell, live: rows scroll up as they arrive, in columns as
 * wide as their types; the change kind of an updating result (its {@code op} column) is coloured
 * ({@code +I} green, {@code +U} yellow, {@code -U} and {@code -D} red); a status line at the bottom
 * of the screen is updated in place with the rows so far, per change kind, and the rate, until the
 * query ends or Ctrl-C cancels it. Then the status line goes and the count stays, as
 * {@code (N rows)} (with the change kinds: {@code (5 rows: 3 +I, 1 -U, 1 +U)}). On a terminal without
 * a scroll region or colours (a dumb one) it prints the same rows plainly. One query, on the shell's
 * thread, except that a timer refreshes the status line while no rows arrive.
 */
final class LiveStreamView implements RowPrinter {
    private static final int MAX_WIDTH = 24;
    private static final long STATUS_EVERY_NANOS = 100_000_000L;
    private static final String[] OPS = {"+I", "-U", "+U", "-D"};
    private static final AttributedStyle[] OP_STYLES = {
        AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN),
        AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).faint(),
        AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW),
        AttributedStyle.DEFAULT.foreground(AttributedStyle.RED),
    };

    private final Terminal terminal;
    private final PrintWriter out;
    private List<ColumnInfo> columns;
    private int[] widths;
    private int opColumn = -1;
    private final long[] opCounts = new long[OPS.length];
    private long rows;
    private long startedNanos;
    private long statusAt;
    private Status status;
    private java.util.concurrent.ScheduledExecutorService refresher;

    LiveStreamView(Terminal terminal, PrintWriter out) {
        this.terminal = terminal;
        this.out = out;
    }

    /** Whether this terminal can keep a status line below scrolling rows. */
    static boolean canShowStatus(Terminal terminal) {
        Size size = terminal.getSize();
        return !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())
                && size != null && size.getRows() >= 4 && size.getColumns() >= 20;
    }

    @Override
    public void start(List<ColumnInfo> columns, boolean streaming) {
        this.columns = List.copyOf(columns);
        this.startedNanos = System.nanoTime();
        widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(columns.get(i).label().length(), Math.min(MAX_WIDTH, columns.get(i).widthHint()));
        }
        int last = columns.size() - 1;
        if (last > 0 && columns.get(last).label().equalsIgnoreCase("op")) {
            opColumn = last;
            widths[last] = 2;
        }
        StringBuilder head = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            head.append(i == 0 ? " " : " | ").append(pad(columns.get(i).label(), widths[i], false));
            rule.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
        }
        print(new AttributedString(head.toString().stripTrailing(), AttributedStyle.BOLD));
        print(new AttributedString(rule.append('-').toString()));
        if (canShowStatus(terminal)) {
            status = Status.getStatus(terminal, true);
            refresher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "runnel-shell-status");
                t.setDaemon(true);
                return t;
            });
            refresher.scheduleWithFixedDelay(() -> updateStatus(true), 250, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        updateStatus(true);
    }

    @Override
    public synchronized void row(Object[] values) {
        rows++;
        AttributedStringBuilder b = new AttributedStringBuilder();
        for (int i = 0; i < values.length; i++) {
            String text = Values.text(values[i]);
            String cell = text == null ? "NULL" : text.replace("\r", "\\r").replace("\n", "\\n");
            b.append(i == 0 ? " " : " | ");
            String padded = pad(cell, widths[i], columns.get(i).numeric());
            int op = i == opColumn ? opIndex(cell) : -1;
            if (op >= 0) {
                opCounts[op]++;
                b.styled(OP_STYLES[op], padded);
            } else if (text == null) {
                b.styled(AttributedStyle.DEFAULT.faint(), padded);
            } else {
                b.append(padded);
            }
        }
        print(b.toAttributedString());
        updateStatus(false);
    }

    @Override
    public synchronized void end(long count) {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
        if (status != null) {
            status.hide();
            status = null;
        }
        StringBuilder footer = new StringBuilder(count == 1 ? "(1 row" : "(" + count + " rows");
        if (opColumn >= 0 && count > 0) {
            String sep = ": ";
            for (int k = 0; k < OPS.length; k++) {
                if (opCounts[k] > 0) {
                    footer.append(sep).append(opCounts[k]).append(' ').append(OPS[k]);
                    sep = ", ";
                }
            }
        }
        out.println(footer.append(')'));
        out.flush();
    }

    /** The status line's text now. */
    String statusText() {
        double secs = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, " streaming: %,d %s", rows, rows == 1 ? "row" : "rows"));
        if (opColumn >= 0) {
            for (int k = 0; k < OPS.length; k++) {
                s.append(String.format(Locale.ROOT, "  %s %,d", OPS[k], opCounts[k]));
            }
        }
        s.append(String.format(Locale.ROOT, "  |  %,.0f rows/s  |  %.0f s  |  Ctrl-C stops ", rows / secs, secs));
        return s.toString();
    }

    /** Redraws the status line: at most every 100 ms for rows, and every 250 ms from the timer. */
    private synchronized void updateStatus(boolean now) {
        if (status == null) {
            return;
        }
        long t = System.nanoTime();
        if (!now && t - statusAt < STATUS_EVERY_NANOS) {
            return;
        }
        statusAt = t;
        status.update(List.of(new AttributedString(statusText(), AttributedStyle.INVERSE)));
    }

    private void print(AttributedString line) {
        out.println(line.toAnsi(terminal));
        out.flush();
    }

    private static int opIndex(String op) {
        for (int k = 0; k < OPS.length; k++) {
            if (OPS[k].equals(op)) {
                return k;
            }
        }
        return -1;
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
