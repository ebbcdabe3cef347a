-- Layer1 schema for SQL Server and Azure SQL: the tables of existing deployments, created only
-- where they are missing. Ids are UNIQUEIDENTIFIER, free text and JSON documents NVARCHAR(MAX),
-- times DATETIME2 in UTC. Batches are separated by GO lines, which the migration runner splits.

IF OBJECT_ID(N'users', N'U') IS NULL
BEGIN
    CREATE TABLE users (
        id UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_users PRIMARY KEY DEFAULT NEWID(),
        auth0_sub NVARCHAR(255) NOT NULL CONSTRAINT uq_users_auth0_sub UNIQUE,
        email NVARCHAR(320) NULL,
        role NVARCHAR(50) NOT NULL CONSTRAINT df_users_role DEFAULT N'user',
        annual_limit INT NOT NULL CONSTRAINT df_users_annual_limit DEFAULT 100,
        annual_usage_count INT NOT NULL CONSTRAINT df_users_annual_usage_count DEFAULT 0,
        annual_period_start DATETIME2 NULL,
        created_at DATETIME2 NOT NULL CONSTRAINT df_users_created_at DEFAULT SYSUTCDATETIME(),
        updated_at DATETIME2 NOT NULL CONSTRAINT df_users_updated_at DEFAULT SYSUTCDATETIME()
    );
END
GO

IF OBJECT_ID(N'resumes', N'U') IS NULL
BEGIN
    CREATE TABLE resumes (
        id UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_resumes PRIMARY KEY DEFAULT NEWID(),
        user_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_resumes_user REFERENCES users (id),
        filename NVARCHAR(MAX) NOT NULL,
        mime_type NVARCHAR(255) NOT NULL,
        storage_path NVARCHAR(MAX) NOT NULL,
        status NVARCHAR(32) NOT NULL CONSTRAINT df_resumes_status DEFAULT N'uploaded',
        parsed_summary NVARCHAR(MAX) NULL,
        created_at DATETIME2 NOT NULL CONSTRAINT df_resumes_created_at DEFAULT SYSUTCDATETIME(),
        updated_at DATETIME2 NOT NULL CONSTRAINT df_resumes_updated_at DEFAULT SYSUTCDATETIME(),
        is_deleted BIT NOT NULL CONSTRAINT df_resumes_is_deleted DEFAULT 0,
        deleted_at DATETIME2 NULL
    );
END
GO

IF OBJECT_ID(N'job_descriptions', N'U') IS NULL
BEGIN
    CREATE TABLE job_descriptions (
        id UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_job_descriptions PRIMARY KEY DEFAULT NEWID(),
        user_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_job_descriptions_user REFERENCES users (id),
        title NVARCHAR(MAX) NOT NULL,
        source NVARCHAR(16) NOT NULL,
        filename NVARCHAR(MAX) NULL,
        mime_type NVARCHAR(255) NULL,
        storage_path NVARCHAR(MAX) NULL,
        raw_text NVARCHAR(MAX) NULL,
        status NVARCHAR(32) NOT NULL CONSTRAINT df_job_descriptions_status DEFAULT N'uploaded',
        parsed_summary NVARCHAR(MAX) NULL,
        created_at DATETIME2 NOT NULL
            CONSTRAINT df_job_descriptions_created_at DEFAULT SYSUTCDATETIME(),
        updated_at DATETIME2 NOT NULL
            CONSTRAINT df_job_descriptions_updated_at DEFAULT SYSUTCDATETIME(),
        is_deleted BIT NOT NULL CONSTRAINT df_job_descriptions_is_deleted DEFAULT 0,
        deleted_at DATETIME2 NULL
    );
END
GO

IF OBJECT_ID(N'requirements', N'U') IS NULL
BEGIN
    CREATE TABLE requirements (
        id UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_requirements PRIMARY KEY DEFAULT NEWID(),
        job_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_requirements_job
            REFERENCES job_descriptions (id) ON DELETE CASCADE,
        skill NVARCHAR(MAX) NOT NULL,
        importance DECIMAL(5, 2) NOT NULL,
        inferred BIT NOT NULL CONSTRAINT df_requirements_inferred DEFAULT 0,
        created_at DATETIME2 NOT NULL CONSTRAINT df_requirements_created_at DEFAULT SYSUTCDATETIME()
    );
END
GO

IF OBJECT_ID(N'candidate_skills', N'U') IS NULL
BEGIN
    CREATE TABLE candidate_skills (
        id UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_candidate_skills PRIMARY KEY DEFAULT NEWID(),
        resume_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_candidate_skills_resume
            REFERENCES resumes (id) ON DELETE CASCADE,
        skill NVARCHAR(MAX) NOT NULL,
        experience_years INT NULL,
        proficiency DECIMAL(5, 2) NULL,
        created_at DATETIME2 NOT NULL
            CONSTRAINT df_candidate_skills_created_at DEFAULT SYSUTCDATETIME()
    );
END
GO

IF OBJECT_ID(N'job_soft_skills', N'U') IS NULL
BEGIN
    CREATE TABLE job_soft_skills (
        id UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_job_soft_skills PRIMARY KEY DEFAULT NEWID(),
        job_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_job_soft_skills_job
            REFERENCES job_descriptions (id) ON DELETE CASCADE,
        skill NVARCHAR(MAX) NOT NULL,
        value DECIMAL(5, 2) NOT NULL,
        created_at DATETIME2 NOT NULL
            CONSTRAINT df_job_soft_skills_created_at DEFAULT SYSUTCDATETIME()
    );
END
GO

IF OBJECT_ID(N'matches', N'U') IS NULL
BEGIN
    CREATE TABLE matches (
        id UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_matches PRIMARY KEY DEFAULT NEWID(),
        user_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_matches_user REFERENCES users (id),
        resume_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_matches_resume REFERENCES resumes (id),
        job_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_matches_job
            REFERENCES job_descriptions (id) ON DELETE CASCADE,
        status NVARCHAR(32) NOT NULL,
        score DECIMAL(5, 2) NULL,
        summary NVARCHAR(MAX) NULL,
        created_at DATETIME2 NOT NULL CONSTRAINT df_matches_created_at DEFAULT SYSUTCDATETIME(),
        updated_at DATETIME2 NOT NULL CONSTRAINT df_matches_updated_at DEFAULT SYSUTCDATETIME()
    );
END
GO

IF OBJECT_ID(N'match_jobs', N'U') IS NULL
BEGIN
    CREATE TABLE match_jobs (
        id UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_match_jobs PRIMARY KEY DEFAULT NEWID(),
        user_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_match_jobs_user REFERENCES users (id),
        resume_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_match_jobs_resume REFERENCES resumes (id),
        job_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_match_jobs_job
            REFERENCES job_descriptions (id) ON DELETE CASCADE,
        status NVARCHAR(32) NOT NULL CONSTRAINT df_match_jobs_status DEFAULT N'queued',
        result_id UNIQUEIDENTIFIER NULL CONSTRAINT fk_match_jobs_result REFERENCES matches (id),
        error_message NVARCHAR(MAX) NULL,
        created_at DATETIME2 NOT NULL CONSTRAINT df_match_jobs_created_at DEFAULT SYSUTCDATETIME(),
        updated_at DATETIME2 NOT NULL CONSTRAINT df_match_jobs_updated_at DEFAULT SYSUTCDATETIME()
    );
END
GO
