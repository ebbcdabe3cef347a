//! The cases: each takes a store on a fresh, migrated database.

pub(crate) mod jobs;
pub(crate) mod lifecycle;
pub(crate) mod matches;
pub(crate) mod races;
pub(crate) mod resumes;
pub(crate) mod users;
pub(crate) mod vectors;
