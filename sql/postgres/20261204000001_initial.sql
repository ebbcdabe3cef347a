-- Layer1 schema for PostgreSQL. Tables, columns, indexes and constraints match the SQLite
-- schema (and the names of the SQL Server schema of existing deployments) so the same
-- repository contract maps onto every backend. Times are TIMESTAMPTZ in UTC, JSON documents
-- are JSONB.

CREATE TABLE IF NOT EXISTS users (
    id UUID PRIMARY KEY NOT NULL,
    auth0_sub TEXT NOT NULL UNIQUE,
    email TEXT,
    role TEXT NOT NULL DEFAULT 'user',
    annual_limit BIGINT NOT NULL DEFAULT 100,
    annual_usage_count BIGINT NOT NULL DEFAULT 0,
    annual_period_start TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS resumes (
    id UUID PRIMARY KEY NOT NULL,
    user_id UUID NOT NULL REFERENCES users (id),
    filename TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    storage_path TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    parsed_summary JSONB,
    error_message TEXT,
    as_of TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    is_deleted BOOLEAN NOT NULL DEFAULT FALSE,
    deleted_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS resumes_user_created ON resumes (user_id, created_at);

CREATE TABLE IF NOT EXISTS job_descriptions (
    id UUID PRIMARY KEY NOT NULL,
    user_id UUID NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    filename TEXT,
    mime_type TEXT,
    storage_path TEXT,
    raw_text TEXT,
    status TEXT NOT NULL DEFAULT 'queued',
    parsed_summary JSONB,
    error_message TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    is_deleted BOOLEAN NOT NULL DEFAULT FALSE,
    deleted_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS job_descriptions_user_created ON job_descriptions (user_id, created_at);

CREATE TABLE IF NOT EXISTS requirements (
    id UUID PRIMARY KEY NOT NULL,
    job_id UUID NOT NULL REFERENCES job_descriptions (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    skill_id TEXT,
    importance DOUBLE PRECISION NOT NULL,
    inferred BOOLEAN NOT NULL DEFAULT FALSE,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS requirements_job ON requirements (job_id);

CREATE TABLE IF NOT EXISTS candidate_skills (
    id UUID PRIMARY KEY NOT NULL,
    resume_id UUID NOT NULL REFERENCES resumes (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    skill_id TEXT,
    experience_years DOUBLE PRECISION,
    proficiency DOUBLE PRECISION,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS candidate_skills_resume ON candidate_skills (resume_id);

CREATE TABLE IF NOT EXISTS job_soft_skills (
    id UUID PRIMARY KEY NOT NULL,
    job_id UUID NOT NULL REFERENCES job_descriptions (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS job_soft_skills_job ON job_soft_skills (job_id);

CREATE TABLE IF NOT EXISTS matches (
    id UUID PRIMARY KEY NOT NULL,
    user_id UUID NOT NULL REFERENCES users (id),
    resume_id UUID NOT NULL REFERENCES resumes (id),
    job_id UUID NOT NULL REFERENCES job_descriptions (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    score DOUBLE PRECISION,
    summary JSONB,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS match_jobs (
    id UUID PRIMARY KEY NOT NULL,
    user_id UUID NOT NULL REFERENCES users (id),
    resume_id UUID NOT NULL REFERENCES resumes (id),
    job_id UUID NOT NULL REFERENCES job_descriptions (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'queued',
    result_id UUID REFERENCES matches (id),
    error_message TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS match_jobs_user_created ON match_jobs (user_id, created_at);
