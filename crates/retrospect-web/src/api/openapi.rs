//! The OpenAPI 3.1 document at `/api/openapi.json`, built from the route table
//! so that it lists every API route that exists and nothing that does not.

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::routes::{Rule, table};

fn summary(method: &str, path: &str) -> String {
    let tail = path
        .trim_start_matches("/api/v1/")
        .replace("{id}", "one")
        .replace('/', " ");
    format!("{method} {tail}")
}

fn example_body(example: &str) -> Value {
    let filled = example
        .replace("{version}", "1")
        .replace("{key}", "C1:0123456789abcdef");
    serde_json::from_str(&filled).unwrap_or(Value::Null)
}

/// Query parameters, which the route table does not carry.
fn query_parameters(method: &str, path: &str) -> Vec<Value> {
    let param = |name: &str, description: &str| {
        json!({ "name": name, "in": "query", "required": false,
                "schema": { "type": "string" }, "description": description })
    };
    match (method, path) {
        ("GET", "/api/v1/postmortems") => vec![param(
            "q",
            "Words to look for in titles; only post-mortems you may read are listed.",
        )],
        ("GET", "/api/v1/postmortems/{id}/export.html") => vec![
            param(
                "pseudonymise",
                "1 replaces people's names with Person A, Person B …",
            ),
            param("comments", "0 leaves the discussion out."),
        ],
        _ => Vec::new(),
    }
}

pub fn build() -> Value {
    let mut paths = Map::new();
    for spec in table().iter().filter(|s| s.path.starts_with("/api/v1/")) {
        let method = spec.method.as_str().to_ascii_lowercase();
        let params: Vec<Value> = spec
            .path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "integer" } }))
            .chain(query_parameters(spec.method.as_str(), spec.path))
            .collect();
        let mut op = json!({
            "summary": summary(spec.method.as_str(), spec.path),
            "parameters": params,
            "security": if spec.rule == Rule::Public { json!([]) } else { json!([{ "bearer": [] }]) },
            "responses": {
                "200": { "description": "Done. Changes answer with the saved post-mortem.", "content": { "application/json": { "schema": {} } } },
                "400": { "$ref": "#/components/responses/Error" },
                "401": { "$ref": "#/components/responses/Error" },
                "403": { "$ref": "#/components/responses/Error" },
                "404": { "$ref": "#/components/responses/Error" },
                "409": { "description": "The post-mortem changed since `version`; the body has the error and the current post-mortem.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                "422": { "$ref": "#/components/responses/Error" }
            }
        });
        if spec.path.ends_with("/evidence") {
            op["requestBody"] = json!({ "required": true, "content": { "multipart/form-data": { "schema": {
                "type": "object", "required": ["version", "file"],
                "properties": { "version": { "type": "integer" }, "file": { "type": "string", "format": "binary" } } } } } });
        } else if let Some(example) = spec.example {
            op["requestBody"] = json!({ "required": true, "content": { "application/json": {
                "schema": { "type": "object" }, "example": example_body(example) } } });
        }
        let entry = paths
            .entry(spec.path.to_string())
            .or_insert_with(|| json!({}));
        entry[method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Retrospect",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Blameless post-mortems. Every change carries the `version` it was based on; a stale one is refused with 409 and nothing is overwritten. Errors always have the shape {\"error\": {\"code\", \"message\"}}."
        },
        "paths": paths,
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "description": "An API token made on the API tokens page." } },
            "schemas": {
                "Error": { "type": "object", "required": ["error"], "properties": { "error": {
                    "type": "object", "required": ["code", "message"],
                    "properties": { "code": { "type": "string" }, "message": { "type": "string" } } } } }
            },
            "responses": {
                "Error": { "description": "Refused; the message says why and what to do.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
        }
    })
}

pub async fn document() -> Response {
    Json(build()).into_response()
}
