-- Layer1 schema for SQLite. Table and column names follow the SQL Server schema of
-- existing deployments so the same repository code maps onto every backend.
-- Ids are UUID strings, times are UTC ISO-8601 strings, JSON documents are TEXT.

CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY NOT NULL,
    auth0_sub TEXT NOT NULL UNIQUE,
    email TEXT,
    role TEXT NOT NULL DEFAULT 'user',
    annual_limit INTEGER NOT NULL DEFAULT 100,
    annual_usage_count INTEGER NOT NULL DEFAULT 0,
    annual_period_start TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS resumes (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    filename TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    storage_path TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    parsed_summary TEXT,
    error_message TEXT,
    as_of TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    is_deleted INTEGER NOT NULL DEFAULT 0,
    deleted_at TEXT
);
CREATE INDEX IF NOT EXISTS resumes_user_created ON resumes (user_id, created_at);

CREATE TABLE IF NOT EXISTS job_descriptions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    filename TEXT,
    mime_type TEXT,
    storage_path TEXT,
    raw_text TEXT,
    status TEXT NOT NULL DEFAULT 'queued',
    parsed_summary TEXT,
    error_message TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    is_deleted INTEGER NOT NULL DEFAULT 0,
    deleted_at TEXT
);
CREATE INDEX IF NOT EXISTS job_descriptions_user_created ON job_descriptions (user_id, created_at);

CREATE TABLE IF NOT EXISTS requirements (
    id TEXT PRIMARY KEY NOT NULL,
    job_id TEXT NOT NULL REFERENCES job_descriptions (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    skill_id TEXT,
    importance REAL NOT NULL,
    inferred INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS requirements_job ON requirements (job_id);

CREATE TABLE IF NOT EXISTS candidate_skills (
    id TEXT PRIMARY KEY NOT NULL,
    resume_id TEXT NOT NULL REFERENCES resumes (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    skill_id TEXT,
    experience_years REAL,
    proficiency REAL,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS candidate_skills_resume ON candidate_skills (resume_id);

CREATE TABLE IF NOT EXISTS job_soft_skills (
    id TEXT PRIMARY KEY NOT NULL,
    job_id TEXT NOT NULL REFERENCES job_descriptions (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    value REAL NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS job_soft_skills_job ON job_soft_skills (job_id);

CREATE TABLE IF NOT EXISTS matches (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    resume_id TEXT NOT NULL REFERENCES resumes (id),
    job_id TEXT NOT NULL REFERENCES job_descriptions (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    score REAL,
    summary TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS match_jobs (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    resume_id TEXT NOT NULL REFERENCES resumes (id),
    job_id TEXT NOT NULL REFERENCES job_descriptions (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'queued',
    result_id TEXT REFERENCES matches (id),
    error_message TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS match_jobs_user_created ON match_jobs (user_id, created_at);
