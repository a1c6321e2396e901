package dev.runnel.exec.engine;

/** Starts engines. */
public final class Engines {
    private Engines() {}

    /** Opens an engine: replays the catalog, recovers the log, resumes what was running. */
    public static Engine open(EngineConfig config) {
        // wired to the parser, planner and executor as they land (see issue 4)
        throw new UnsupportedOperationException("the engine is not wired yet");
    }
}
