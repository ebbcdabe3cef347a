-- Stored embeddings. Vectors are little-endian f32 blobs of `dimension` values.

-- Vectors by model and cache key (the embedded text, lower-cased), shared by every process
-- on this database so a text is embedded once.
CREATE TABLE IF NOT EXISTS embedding_cache (
    model_id TEXT NOT NULL,
    text TEXT NOT NULL,
    dimension INTEGER NOT NULL,
    vector BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (model_id, text)
) WITHOUT ROWID;

-- One profile vector per parsed resume: the normalised mean of its skill vectors.
CREATE TABLE IF NOT EXISTS resume_vectors (
    resume_id TEXT PRIMARY KEY NOT NULL REFERENCES resumes (id) ON DELETE CASCADE,
    model_id TEXT NOT NULL,
    dimension INTEGER NOT NULL,
    profile BLOB NOT NULL,
    updated_at TEXT NOT NULL
);

-- The vector of each skill of a resume, in stored order.
CREATE TABLE IF NOT EXISTS resume_skill_vectors (
    resume_id TEXT NOT NULL REFERENCES resumes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (resume_id, position)
);

-- One profile vector per parsed job: the importance-weighted, normalised mean of its
-- requirement vectors.
CREATE TABLE IF NOT EXISTS job_vectors (
    job_id TEXT PRIMARY KEY NOT NULL REFERENCES job_descriptions (id) ON DELETE CASCADE,
    model_id TEXT NOT NULL,
    dimension INTEGER NOT NULL,
    profile BLOB NOT NULL,
    updated_at TEXT NOT NULL
);

-- The vector of each requirement of a job, in stored order.
CREATE TABLE IF NOT EXISTS requirement_vectors (
    job_id TEXT NOT NULL REFERENCES job_descriptions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (job_id, position)
);
