-- RollCoach history, schema version 1. Applied once, in a transaction; never edited after release:
-- later changes go in V2__..., V3__...
CREATE TABLE people (
    name            TEXT PRIMARY KEY,
    body_weight_kg  REAL,
    units           TEXT
);

CREATE TABLE sessions (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    roller              TEXT    NOT NULL,
    engine_session      INTEGER NOT NULL,          -- the engine's session number in its run
    started_at          INTEGER NOT NULL,          -- epoch milliseconds, the gateway's wall clock
    ended_at            INTEGER,
    status              TEXT    NOT NULL CHECK (status IN ('active', 'done', 'cut-short')),
    person              TEXT    NOT NULL,
    routine             TEXT,
    seconds             REAL,
    strokes             INTEGER,
    mean_stroke_mm      REAL,
    mean_load_n         REAL,
    mean_cadence        REAL,
    loaded_seconds      REAL,
    points_done         INTEGER,
    points_left_early   INTEGER,
    warn_stroke         INTEGER,
    warn_coverage       INTEGER,
    warn_load           INTEGER,
    warn_cadence        INTEGER,
    warn_hold           INTEGER,
    warn_trigger_point  INTEGER,
    warn_step           INTEGER,
    capture_file        TEXT,
    summary_json        TEXT,                      -- the last summary as published
    updated_at          INTEGER NOT NULL,
    UNIQUE (roller, started_at, engine_session)
);
CREATE INDEX sessions_by_person ON sessions (person, started_at);
CREATE INDEX sessions_by_start ON sessions (started_at);

CREATE TABLE session_steps (
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    step_id     TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    seconds     REAL    NOT NULL,
    target      REAL    NOT NULL,
    reps        INTEGER,
    done        INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    PRIMARY KEY (session_id, position)
);

CREATE TABLE session_tissues (
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    tissue_id   TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    seconds     REAL    NOT NULL,
    target      REAL    NOT NULL,
    done        INTEGER NOT NULL,
    PRIMARY KEY (session_id, position)
);

CREATE TABLE trigger_points (
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    n           INTEGER NOT NULL,                  -- the event's n
    t           REAL    NOT NULL,
    step_id     TEXT,
    dwell_s     REAL,
    outcome     TEXT    NOT NULL CHECK (outcome IN ('done', 'left-early')),
    PRIMARY KEY (session_id, n)
);

CREATE TABLE session_events (                      -- warnings and session verdicts, for the physio
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    n           INTEGER NOT NULL,
    t           REAL    NOT NULL,
    rule        TEXT    NOT NULL,
    verdict     TEXT    NOT NULL,
    severity    TEXT    NOT NULL,
    step_id     TEXT,
    value       REAL,
    message     TEXT,
    PRIMARY KEY (session_id, n)
);
