package dev.runnel.sql;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Stops the ANTLR parser at the first syntax error and throws it as a {@link RunnelSqlException}
 * (42000) naming the offending token and the tokens that were expected there, instead of
 * recovering and parsing on. One instance per parse; not thread-safe.
 *
 * <p>Where an optional part may be skipped (the parser's "sync" sees a state that can be left
 * without consuming), the expected set of that state is remembered for the current token, so
 * {@code CREATE STREAM s (a INT) WITH} reports {@code '('} and not just the end of the statement.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {
    private final SourceText source;
    private int nextTokensIndex = -1;

    SyntaxErrorStrategy(SourceText source) {
        this.source = source;
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        Token offending = e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
        IntervalSet expected = e.getExpectedTokens();
        // A prediction that failed several tokens after it started knows what was expected where
        // it started, not at the token that ended it: name only the token then.
        boolean precise = !(e instanceof NoViableAltException nv)
                || nv.getStartToken().getTokenIndex() == offending.getTokenIndex();
        throw SyntaxMessages.error(recognizer, offending, precise ? expected : null, source);
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        reportError(recognizer, e);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        boolean remembered = nextTokensContext != null && nextTokensIndex == recognizer.getInputStream().index();
        InputMismatchException e = remembered
                ? new InputMismatchException(recognizer, nextTokensState, nextTokensContext)
                : new InputMismatchException(recognizer);
        reportError(recognizer, e);
        throw e;
    }

    @Override
    public void sync(Parser recognizer) {
        ATNState s = recognizer.getInterpreter().atn.states.get(recognizer.getState());
        int la = recognizer.getInputStream().LA(1);
        IntervalSet next = recognizer.getATN().nextTokens(s);
        if (next.contains(la)) {
            nextTokensContext = null;
            nextTokensState = ATNState.INVALID_STATE_NUMBER;
            nextTokensIndex = -1;
            return;
        }
        if (next.contains(Token.EPSILON)) {
            if (nextTokensContext == null || nextTokensIndex != recognizer.getInputStream().index()) {
                nextTokensContext = recognizer.getContext();
                nextTokensState = recognizer.getState();
                nextTokensIndex = recognizer.getInputStream().index();
            }
            return;
        }
        switch (s.getStateType()) {
            case ATNState.BLOCK_START, ATNState.STAR_BLOCK_START, ATNState.PLUS_BLOCK_START,
                    ATNState.STAR_LOOP_ENTRY, ATNState.PLUS_LOOP_BACK, ATNState.STAR_LOOP_BACK ->
                    reportError(recognizer, new InputMismatchException(recognizer));
            default -> { }
        }
    }
}
