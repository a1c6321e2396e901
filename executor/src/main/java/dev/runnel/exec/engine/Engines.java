package dev.runnel.exec.engine;

/** Starts engines. */
public final class Engines {
    private Engines() {}

    /** Opens an engine: replays the catalog, recovers the log, resumes what was running. */
    public static Engine open(EngineConfig config) {
        return RunnelEngine.open(config);
    }
}
