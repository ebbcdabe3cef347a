-- Additions Layer1 needs beyond the original schema: nullable columns and new tables only,
-- each guarded so the script can run on a database that already has some of them. Nothing is
-- dropped or renamed, so the previous backend keeps working on the same database.
--
-- The original DECIMAL(5,2) and INT columns round importance, proficiency, soft-skill weight,
-- score and years of experience. Layer1 writes both the rounded value (for the previous
-- backend) and the exact one in a FLOAT *_exact column, and reads the exact one when present.

IF COL_LENGTH(N'users', N'annual_limit') IS NULL
    ALTER TABLE users ADD annual_limit INT NOT NULL
        CONSTRAINT df_users_annual_limit DEFAULT 100;
IF COL_LENGTH(N'users', N'annual_usage_count') IS NULL
    ALTER TABLE users ADD annual_usage_count INT NOT NULL
        CONSTRAINT df_users_annual_usage_count DEFAULT 0;
IF COL_LENGTH(N'users', N'annual_period_start') IS NULL
    ALTER TABLE users ADD annual_period_start DATETIME2 NULL;
GO

IF COL_LENGTH(N'resumes', N'error_message') IS NULL
    ALTER TABLE resumes ADD error_message NVARCHAR(MAX) NULL;
IF COL_LENGTH(N'resumes', N'is_deleted') IS NULL
    ALTER TABLE resumes ADD is_deleted BIT NOT NULL CONSTRAINT df_resumes_is_deleted DEFAULT 0;
IF COL_LENGTH(N'resumes', N'deleted_at') IS NULL
    ALTER TABLE resumes ADD deleted_at DATETIME2 NULL;
IF COL_LENGTH(N'job_descriptions', N'error_message') IS NULL
    ALTER TABLE job_descriptions ADD error_message NVARCHAR(MAX) NULL;
IF COL_LENGTH(N'job_descriptions', N'is_deleted') IS NULL
    ALTER TABLE job_descriptions ADD is_deleted BIT NOT NULL
        CONSTRAINT df_job_descriptions_is_deleted DEFAULT 0;
IF COL_LENGTH(N'job_descriptions', N'deleted_at') IS NULL
    ALTER TABLE job_descriptions ADD deleted_at DATETIME2 NULL;
IF COL_LENGTH(N'match_jobs', N'error_message') IS NULL
    ALTER TABLE match_jobs ADD error_message NVARCHAR(MAX) NULL;
GO

-- Stable canonical skill ids, stored order and exact values of skills and requirements.
IF COL_LENGTH(N'candidate_skills', N'skill_id') IS NULL
    ALTER TABLE candidate_skills ADD skill_id NVARCHAR(200) NULL;
IF COL_LENGTH(N'candidate_skills', N'position') IS NULL
    ALTER TABLE candidate_skills ADD position INT NULL;
IF COL_LENGTH(N'candidate_skills', N'experience_years_exact') IS NULL
    ALTER TABLE candidate_skills ADD experience_years_exact FLOAT NULL;
IF COL_LENGTH(N'candidate_skills', N'proficiency_exact') IS NULL
    ALTER TABLE candidate_skills ADD proficiency_exact FLOAT NULL;
IF COL_LENGTH(N'requirements', N'skill_id') IS NULL
    ALTER TABLE requirements ADD skill_id NVARCHAR(200) NULL;
IF COL_LENGTH(N'requirements', N'position') IS NULL
    ALTER TABLE requirements ADD position INT NULL;
IF COL_LENGTH(N'requirements', N'importance_exact') IS NULL
    ALTER TABLE requirements ADD importance_exact FLOAT NULL;
IF COL_LENGTH(N'job_soft_skills', N'position') IS NULL
    ALTER TABLE job_soft_skills ADD position INT NULL;
IF COL_LENGTH(N'job_soft_skills', N'value_exact') IS NULL
    ALTER TABLE job_soft_skills ADD value_exact FLOAT NULL;
IF COL_LENGTH(N'matches', N'score_exact') IS NULL
    ALTER TABLE matches ADD score_exact FLOAT NULL;
GO

-- Indexes for the per-user lists (newest first) and the child rows of a document.
IF NOT EXISTS (SELECT 1 FROM sys.indexes
               WHERE name = N'ix_resumes_user_created' AND object_id = OBJECT_ID(N'resumes'))
    CREATE INDEX ix_resumes_user_created ON resumes (user_id, created_at);
IF NOT EXISTS (SELECT 1 FROM sys.indexes
               WHERE name = N'ix_job_descriptions_user_created'
                 AND object_id = OBJECT_ID(N'job_descriptions'))
    CREATE INDEX ix_job_descriptions_user_created ON job_descriptions (user_id, created_at);
IF NOT EXISTS (SELECT 1 FROM sys.indexes
               WHERE name = N'ix_match_jobs_user_created' AND object_id = OBJECT_ID(N'match_jobs'))
    CREATE INDEX ix_match_jobs_user_created ON match_jobs (user_id, created_at);
IF NOT EXISTS (SELECT 1 FROM sys.indexes
               WHERE name = N'ix_candidate_skills_resume'
                 AND object_id = OBJECT_ID(N'candidate_skills'))
    CREATE INDEX ix_candidate_skills_resume ON candidate_skills (resume_id);
IF NOT EXISTS (SELECT 1 FROM sys.indexes
               WHERE name = N'ix_requirements_job' AND object_id = OBJECT_ID(N'requirements'))
    CREATE INDEX ix_requirements_job ON requirements (job_id);
IF NOT EXISTS (SELECT 1 FROM sys.indexes
               WHERE name = N'ix_job_soft_skills_job' AND object_id = OBJECT_ID(N'job_soft_skills'))
    CREATE INDEX ix_job_soft_skills_job ON job_soft_skills (job_id);
GO

-- Indexes for purging a document's matches, so a purge finds its rows without a table scan.
IF NOT EXISTS (SELECT 1 FROM sys.indexes
               WHERE name = N'ix_match_jobs_resume' AND object_id = OBJECT_ID(N'match_jobs'))
    CREATE INDEX ix_match_jobs_resume ON match_jobs (resume_id);
IF NOT EXISTS (SELECT 1 FROM sys.indexes
               WHERE name = N'ix_match_jobs_job' AND object_id = OBJECT_ID(N'match_jobs'))
    CREATE INDEX ix_match_jobs_job ON match_jobs (job_id);
IF NOT EXISTS (SELECT 1 FROM sys.indexes
               WHERE name = N'ix_matches_resume' AND object_id = OBJECT_ID(N'matches'))
    CREATE INDEX ix_matches_resume ON matches (resume_id);
IF NOT EXISTS (SELECT 1 FROM sys.indexes
               WHERE name = N'ix_matches_job' AND object_id = OBJECT_ID(N'matches'))
    CREATE INDEX ix_matches_job ON matches (job_id);
GO

-- Vectors by model and cache key (the embedded text, lower-cased), shared by every process on
-- this database so a text is embedded once. Keys can exceed an index key's 900 bytes, so the
-- primary key contains their SHA-256, and the key itself is stored to compare on lookup.
IF OBJECT_ID(N'embedding_cache', N'U') IS NULL
BEGIN
    CREATE TABLE embedding_cache (
        model_id NVARCHAR(200) NOT NULL,
        text_sha256 BINARY(32) NOT NULL,
        text NVARCHAR(MAX) NOT NULL,
        dimension INT NOT NULL,
        vector VARBINARY(MAX) NOT NULL,
        created_at DATETIME2 NOT NULL,
        CONSTRAINT pk_embedding_cache PRIMARY KEY (model_id, text_sha256)
    );
END
GO

-- One profile vector per parsed resume: the normalised mean of its skill vectors. Vectors are
-- little-endian f32 values.
IF OBJECT_ID(N'resume_vectors', N'U') IS NULL
BEGIN
    CREATE TABLE resume_vectors (
        resume_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_resume_vectors PRIMARY KEY
            CONSTRAINT fk_resume_vectors_resume REFERENCES resumes (id) ON DELETE CASCADE,
        model_id NVARCHAR(200) NOT NULL,
        dimension INT NOT NULL,
        profile VARBINARY(MAX) NOT NULL,
        updated_at DATETIME2 NOT NULL
    );
END
GO

-- The vector of each skill of a resume, in stored order.
IF OBJECT_ID(N'resume_skill_vectors', N'U') IS NULL
BEGIN
    CREATE TABLE resume_skill_vectors (
        resume_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_resume_skill_vectors_resume
            REFERENCES resumes (id) ON DELETE CASCADE,
        position INT NOT NULL,
        text NVARCHAR(MAX) NOT NULL,
        vector VARBINARY(MAX) NOT NULL,
        CONSTRAINT pk_resume_skill_vectors PRIMARY KEY (resume_id, position)
    );
END
GO

-- One profile vector per parsed job: the importance-weighted, normalised mean of its
-- requirement vectors.
IF OBJECT_ID(N'job_vectors', N'U') IS NULL
BEGIN
    CREATE TABLE job_vectors (
        job_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_job_vectors PRIMARY KEY
            CONSTRAINT fk_job_vectors_job REFERENCES job_descriptions (id) ON DELETE CASCADE,
        model_id NVARCHAR(200) NOT NULL,
        dimension INT NOT NULL,
        profile VARBINARY(MAX) NOT NULL,
        updated_at DATETIME2 NOT NULL
    );
END
GO

-- The vector of each requirement of a job, in stored order.
IF OBJECT_ID(N'requirement_vectors', N'U') IS NULL
BEGIN
    CREATE TABLE requirement_vectors (
        job_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_requirement_vectors_job
            REFERENCES job_descriptions (id) ON DELETE CASCADE,
        position INT NOT NULL,
        text NVARCHAR(MAX) NOT NULL,
        vector VARBINARY(MAX) NOT NULL,
        CONSTRAINT pk_requirement_vectors PRIMARY KEY (job_id, position)
    );
END
GO
