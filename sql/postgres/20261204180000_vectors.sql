-- Stored embeddings. Vectors are BYTEA values holding `dimension` little-endian f32 values.

-- Vectors by model and cache key (the embedded text, lower-cased), shared by every process
-- on this database so a text is embedded once.
CREATE TABLE IF NOT EXISTS embedding_cache (
    model_id TEXT NOT NULL,
    text TEXT NOT NULL,
    dimension INTEGER NOT NULL,
    vector BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (model_id, text)
);

-- One profile vector per parsed resume: the normalised mean of its skill vectors.
CREATE TABLE IF NOT EXISTS resume_vectors (
    resume_id UUID PRIMARY KEY NOT NULL REFERENCES resumes (id) ON DELETE CASCADE,
    model_id TEXT NOT NULL,
    dimension INTEGER NOT NULL,
    profile BYTEA NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- The vector of each skill of a resume, in stored order.
CREATE TABLE IF NOT EXISTS resume_skill_vectors (
    resume_id UUID NOT NULL REFERENCES resumes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    vector BYTEA NOT NULL,
    PRIMARY KEY (resume_id, position)
);

-- One profile vector per parsed job: the importance-weighted, normalised mean of its
-- requirement vectors.
CREATE TABLE IF NOT EXISTS job_vectors (
    job_id UUID PRIMARY KEY NOT NULL REFERENCES job_descriptions (id) ON DELETE CASCADE,
    model_id TEXT NOT NULL,
    dimension INTEGER NOT NULL,
    profile BYTEA NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- The vector of each requirement of a job, in stored order.
CREATE TABLE IF NOT EXISTS requirement_vectors (
    job_id UUID NOT NULL REFERENCES job_descriptions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    vector BYTEA NOT NULL,
    PRIMARY KEY (job_id, position)
);
