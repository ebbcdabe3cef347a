//! The OpenAPI 3 document (`/openapi.json`), generated from the handlers and body types, and a
//! self-contained HTML page (`/docs`) that lists its operations without loading anything from
//! other sites.

use axum::Json;
use axum::response::Html;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    ContentBuilder, HeaderBuilder, ObjectBuilder, OpenApi as Document, Ref, ResponseBuilder, Type,
};
use utoipa::{Modify, OpenApi};

use super::{jobs, matches, observe, rank, resumes, schema, usage};

/// Name of the bearer scheme in the document.
const BEARER: &str = "bearer_auth";

/// OpenAPI description of the product API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Layer1 API",
        description = "Resume and job matching. Every /api/v1 route needs a bearer token \
                       unless the server runs with AUTH_DISABLED=true.",
    ),
    paths(
        super::health,
        super::ready,
        observe::metrics_text,
        resumes::upload,
        resumes::list,
        resumes::detail,
        resumes::remove,
        resumes::retry,
        jobs::create,
        jobs::list,
        jobs::detail,
        jobs::remove,
        jobs::retry,
        matches::create,
        matches::list,
        matches::detail,
        matches::retry,
        usage::usage,
        rank::resumes_for_job,
        rank::jobs_for_resume,
    ),
    components(schemas(schema::ErrorBody)),
    modifiers(&ProductApiDefaults),
    tags(
        (name = "service", description = "Health, readiness and metrics"),
        (name = "resumes"), (name = "jobs"), (name = "matches"), (name = "usage"),
        (name = "ranking", description = "Stored resumes and jobs ranked against one job or \
            resume"),
    )
)]
pub struct ApiDoc;

/// Adds the bearer scheme and, on every `/api/v1` operation, the bearer requirement and the
/// error responses that any of them can return.
struct ProductApiDefaults;

fn error_response(description: &str, retry_after: bool) -> utoipa::openapi::Response {
    let content = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("ErrorBody")))
        .build();
    let mut builder = ResponseBuilder::new()
        .description(description)
        .content("application/json", content);
    if retry_after {
        let seconds = ObjectBuilder::new().schema_type(Type::Integer).build();
        builder = builder.header(
            "Retry-After",
            HeaderBuilder::new()
                .schema(Some(seconds))
                .description(Some("Seconds to wait before retrying"))
                .build(),
        );
    }
    builder.build()
}

fn add_common_errors(operation: &mut Operation) {
    let common = [
        ("401", "Missing or invalid bearer token", false),
        ("429", "Too many requests from this user or address", true),
        ("500", "Internal error", false),
    ];
    for (status, description, retry_after) in common {
        operation
            .responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| error_response(description, retry_after).into());
    }
    operation.security = Some(vec![SecurityRequirement::new(BEARER, Vec::<String>::new())]);
}

impl Modify for ProductApiDefaults {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            BEARER,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        for (path, item) in openapi.paths.paths.iter_mut() {
            if !path.starts_with("/api/v1") {
                continue;
            }
            let operations = [
                &mut item.get,
                &mut item.post,
                &mut item.delete,
                &mut item.put,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                add_common_errors(operation);
            }
        }
    }
}

/// `GET /openapi.json`.
pub(super) async fn document() -> Json<Document> {
    Json(ApiDoc::openapi())
}

/// `GET /docs`: an HTML page that reads `/openapi.json` from this server and lists the
/// operations with their parameters and responses.
pub(super) async fn docs_page() -> Html<&'static str> {
    Html(DOCS_HTML)
}

const DOCS_HTML: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Layer1 API</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
.op { border: 1px solid #ccc; border-radius: 6px; margin: 0.75rem 0; padding: 0.5rem 0.75rem; }
.method { display: inline-block; min-width: 4.5rem; font-weight: bold; text-transform: uppercase; }
code { background: #f4f4f4; padding: 0 0.25rem; }
.responses { color: #444; font-size: 0.9em; }
</style>
</head>
<body>
<h1 id="title">Layer1 API</h1>
<p>The machine-readable document is <a href="/openapi.json">/openapi.json</a>.</p>
<div id="operations">Loading /openapi.json…</div>
<script>
fetch('/openapi.json').then(function (r) { return r.json(); }).then(function (doc) {
  var root = document.getElementById('operations');
  root.textContent = '';
  document.getElementById('title').textContent = doc.info.title + ' ' + doc.info.version;
  Object.keys(doc.paths).sort().forEach(function (path) {
    var item = doc.paths[path];
    ['get', 'post', 'delete', 'put', 'patch'].forEach(function (method) {
      var op = item[method];
      if (!op) { return; }
      var box = document.createElement('div');
      box.className = 'op';
      var head = document.createElement('div');
      var verb = document.createElement('span');
      verb.className = 'method';
      verb.textContent = method;
      var code = document.createElement('code');
      code.textContent = path;
      head.appendChild(verb);
      head.appendChild(code);
      box.appendChild(head);
      var text = document.createElement('div');
      text.textContent = op.summary || op.description || '';
      box.appendChild(text);
      var params = (op.parameters || []).map(function (p) { return p.name + ' (' + p.in + ')'; });
      if (params.length) {
        var line = document.createElement('div');
        line.textContent = 'Parameters: ' + params.join(', ');
        box.appendChild(line);
      }
      var statuses = Object.keys(op.responses || {}).map(function (s) {
        return s + ' ' + (op.responses[s].description || '');
      });
      var responses = document.createElement('div');
      responses.className = 'responses';
      responses.textContent = 'Responses: ' + statuses.join('; ');
      box.appendChild(responses);
      root.appendChild(box);
    });
  });
}).catch(function (error) {
  document.getElementById('operations').textContent = 'Failed to load /openapi.json: ' + error;
});
</script>
</body>
</html>
"#;
