//! Evidence upload (multipart). The file is read whole, mined, and added with
//! its proposed timeline entries in one store update: all or nothing.

use axum::extract::{Multipart, Path, State};
use axum::response::Response;

use super::edits::reply;
use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::evidence_import::{apply, import_upload, incident_window};
use crate::service::{Permission, change, load_readable};
use crate::state::AppState;

pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let mut version: Option<i64> = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::bad_request(format!("The upload was cut off or malformed: {e}.")))?
    {
        match field.name() {
            Some("version") => {
                let text = field
                    .text()
                    .await
                    .map_err(|e| AppError::bad_request(e.to_string()))?;
                version =
                    Some(text.trim().parse().map_err(|_| {
                        AppError::bad_request("The form's version is not a number.")
                    })?);
            }
            Some("file") => {
                let name = field.file_name().unwrap_or("upload.log").to_string();
                let bytes = field.bytes().await.map_err(|e| {
                    AppError::bad_request(format!(
                        "{name}: the upload stopped before the end ({e}). Nothing was added."
                    ))
                })?;
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    let version = version.ok_or_else(|| {
        AppError::bad_request("The form is missing its version; please reload the page.")
    })?;
    let (name, bytes) =
        file.ok_or_else(|| AppError::bad_request("Please choose a file to upload."))?;
    if bytes.is_empty() {
        return Err(AppError::bad_request(format!(
            "{name} is empty; nothing was added."
        )));
    }
    let now = jiff::Timestamp::now();
    // Proposals are made within the key moments as they are now; the version
    // check below refuses the change if the post-mortem moved on meanwhile.
    let window = incident_window(&load_readable(&state, &person, id).await?);
    let name_for_import = name.clone();
    let imported =
        tokio::task::spawn_blocking(move || import_upload(&name_for_import, &bytes, now, window))
            .await
            .map_err(AppError::internal)??;
    let items: u64 = imported.iter().map(|i| i.lines).sum();
    let what = format!("evidence {name} imported ({items} items)");
    let changed = change(
        &state,
        &person,
        id,
        version,
        Permission::Edit,
        &what,
        |pm| imported.into_iter().try_for_each(|one| apply(pm, one)),
    )
    .await?;
    let action = if ctx.api() {
        format!("/api/v1/postmortems/{id}/evidence")
    } else {
        format!("/pm/{id}/evidence")
    };
    reply(&state, &ctx, changed, "evidence", Vec::new(), action).await
}
