//! Export CSV: the clients shown, each with its secrets. Secrets the Secrets column has not
//! read yet are read first (ahead of the rest of the column); the file is offered when they
//! are in, so the export holds what an admin expects rather than "Not read yet" lines.

use std::sync::Arc;

use chrono::Local;
use leptos::prelude::*;

use crate::components::toast::Toasts;
use crate::model::csv::{clients_csv, csv_file_name, ExportClient, SecretsForExport};
use crate::model::{ClientKind, ClientTable};
use crate::pages::clients::core::health::{ExportSecrets, HealthLoader};

/// One client of the view, as it was when Export CSV was pressed.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    kind: ClientKind,
    id: String,
    name: String,
    enabled: Option<bool>,
}

/// An export: the view at the moment Export CSV was pressed (typing a search or switching the
/// type meanwhile does not change the file).
#[derive(Clone, Debug, PartialEq)]
pub struct ExportJob {
    rows: Arc<Vec<Row>>,
    slug: &'static str,
}

impl ExportJob {
    /// The clients at `rows` (positions in `table`) of the view named `slug`.
    pub fn of_view(table: &ClientTable, rows: &[usize], slug: &'static str) -> Self {
        let rows = rows
            .iter()
            .filter_map(|&i| table.get(i))
            .map(|c| Row {
                kind: c.kind(),
                id: c.id().to_string(),
                name: c.name().to_string(),
                enabled: c.enabled(),
            })
            .collect();
        ExportJob {
            rows: Arc::new(rows),
            slug,
        }
    }

    /// The rows whose secrets are still to be read, in the view's order.
    fn pending<'a>(&'a self, health: &'a HealthLoader) -> impl Iterator<Item = &'a Row> + 'a {
        self.rows
            .iter()
            .filter(|r| health.still_to_read(r.kind, &r.id))
    }

    /// The clients whose secrets are still to be read, in the view's order.
    pub fn unread(&self, health: &HealthLoader) -> Vec<(ClientKind, String)> {
        self.pending(health)
            .map(|r| (r.kind, r.id.clone()))
            .collect()
    }

    /// `(read, to read)` of the clients this export waits for. Tracks the loader.
    pub fn progress(&self, health: &HealthLoader, waiting_for: usize) -> (usize, usize) {
        health.track();
        let left = self.pending(health).count();
        (waiting_for.saturating_sub(left), waiting_for)
    }

    /// Writes the file and says what it holds.
    pub fn write(&self, health: &HealthLoader, toasts: &Toasts) {
        let known: Vec<ExportSecrets> = self
            .rows
            .iter()
            .map(|r| health.for_export(r.kind, &r.id))
            .collect();
        let clients: Vec<ExportClient> = self
            .rows
            .iter()
            .zip(&known)
            .map(|(r, secrets)| ExportClient {
                kind: r.kind,
                id: &r.id,
                name: &r.name,
                enabled: r.enabled,
                secrets: match secrets {
                    ExportSecrets::Known(list) => SecretsForExport::Known(list),
                    ExportSecrets::NotApplicable => SecretsForExport::NotApplicable,
                    ExportSecrets::Unavailable(why) => SecretsForExport::Unavailable(why),
                },
            })
            .collect();
        let unavailable = known
            .iter()
            .filter(|k| matches!(k, ExportSecrets::Unavailable(_)))
            .count();
        let csv = clients_csv(&clients, chrono::Utc::now());
        let file = csv_file_name(self.slug, &Local::now());
        if crate::components::download::download(&file, "text/csv;charset=utf-8", &csv) {
            let count = clients.len();
            toasts.show(if unavailable == 0 {
                format!("Exported {count} clients to {file}")
            } else {
                format!("Exported {count} clients to {file}; the secrets of {unavailable} were not available, their lines say why")
            });
        }
    }
}

/// An export waiting for secrets, and how many clients it waits for.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiting {
    pub job: ExportJob,
    pub clients: usize,
}

/// "Export CSV is reading the secrets of 40 clients: 12 read." while an export waits.
#[component]
pub fn ExportStatus(
    /// `(read, to read)` while an export waits.
    #[prop(into)]
    progress: Signal<Option<(usize, usize)>>,
) -> impl IntoView {
    view! {
        <p class="export-status muted" role="status" data-testid="export-status">
            {move || progress.get().map(|(done, total)| {
                let noun = if total == 1 { "client" } else { "clients" };
                format!("Export CSV is reading the secrets of {total} {noun} first: {done} read. The file downloads when they are in; Cancel export stops it.")
            })}
        </p>
    }
}
