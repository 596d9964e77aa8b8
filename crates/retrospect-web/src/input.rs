//! One extractor for both surfaces: an HTML form (`application/x-www-form-urlencoded`)
//! or a JSON body decode into the same struct, so a page and the REST API
//! share one handler and one service function.

use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// The decoded input and, for forms, the raw fields (kept so that a refused
/// stale save can offer to send the very same change again).
pub struct Input<T> {
    pub value: T,
    pub raw: Vec<(String, String)>,
}

/// Request bodies larger than this are not forms anyone typed.
const MAX_BODY: usize = 4 * 1024 * 1024;

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Input<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        let bytes = axum::body::to_bytes(request.into_body(), MAX_BODY)
            .await
            .map_err(|_| AppError::bad_request("The request body is too large or was cut off."))?;
        if is_json {
            let value = serde_json::from_slice(&bytes).map_err(|e| {
                AppError::bad_request(format!(
                    "The JSON body could not be read: {e} (line {}, column {}).",
                    e.line(),
                    e.column()
                ))
            })?;
            return Ok(Input {
                value,
                raw: Vec::new(),
            });
        }
        let value = serde_urlencoded::from_bytes(&bytes)
            .map_err(|e| AppError::bad_request(format!("The form could not be read: {e}.")))?;
        let raw = form_urlencoded::parse(&bytes)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Ok(Input { value, raw })
    }
}

/// Browsers send empty strings for empty fields; these treat them as absent.
pub mod blank {
    use serde::{Deserialize, Deserializer};

    pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let v: Option<String> = Option::deserialize(d)?;
        Ok(v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()))
    }
}
