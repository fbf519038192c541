//! Import (next to Add Client): pick or paste a document made by Export as JSON, see a dry
//! run before anything is sent (a row per client: will be created; a client with that name
//! exists, create anyway or skip; roles matched by name or dropped; what the contract
//! refuses), then Create runs like a bulk action. The new clients' first secrets are shown
//! once, together, with Copy per line and a `.env` download made in memory; closing asks
//! first, like every reveal.

use std::collections::HashSet;
use std::rc::Rc;

use chrono::Local;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{ApiError, CancelToken};
use crate::components::clipboard::copy_to_clipboard;
use crate::components::dialog::Modal;
use crate::components::download::download;
use crate::model::bulk::{BulkItem, BulkOp, BulkRun, Outcome};
use crate::model::definitions::{parse, plan, Plan, RoleFate, MAX_BYTES};
use crate::model::{ClientKind, NewClient};

use super::Definitions;
use crate::pages::clients::core::batch::{batch_progress, clients, Batch, Ended, Send};
use crate::pages::clients::core::writes::new_guid;
use crate::pages::clients::core::Page;

/// A client the import created, with its first secret's value (memory only, shown once).
#[derive(Clone)]
pub struct Created {
    pub name: String,
    pub client_id: String,
    pub secret: Option<String>,
}

/// The import's state, from the pick to the secrets.
#[derive(Clone, Copy)]
pub struct Import {
    /// The document's text (kept when it is refused: nothing pasted is lost).
    pub text: RwSignal<String>,
    pub problem: RwSignal<Option<String>>,
    pub checking: RwSignal<bool>,
    pub plans: RwSignal<Option<Vec<Plan>>>,
    /// Per plan: create it (a name that exists starts as Skip).
    pub create: RwSignal<Vec<bool>>,
    pub batch: Batch,
    pub created: RwSignal<Vec<Created>>,
    /// Close was pressed while secrets are on screen: asks first.
    pub asking_close: RwSignal<bool>,
}

impl Import {
    pub fn new() -> Self {
        Import {
            text: RwSignal::new(String::new()),
            problem: RwSignal::new(None),
            checking: RwSignal::new(false),
            plans: RwSignal::new(None),
            create: RwSignal::new(Vec::new()),
            batch: Batch::new(),
            created: RwSignal::new(Vec::new()),
            asking_close: RwSignal::new(false),
        }
    }

    /// Back to an empty pick (the secrets of an earlier import are forgotten).
    pub fn reset(&self) {
        self.text.set(String::new());
        self.problem.set(None);
        self.plans.set(None);
        self.batch.clear();
        self.created.set(Vec::new());
        self.asking_close.set(false);
    }
}

impl Default for Import {
    fn default() -> Self {
        Self::new()
    }
}

/// Reads the picked file into the text (refused above [`MAX_BYTES`], before reading).
async fn read_file(import: Import, file: web_sys::File) {
    if file.size() > MAX_BYTES as f64 {
        return import.problem.set(Some(format!(
            "“{}” is {:.1} MB; a client definitions document is at most {} MB. Pick the file that Export as JSON made.",
            file.name(),
            file.size() / 1_048_576.0,
            MAX_BYTES / 1_048_576
        )));
    }
    match wasm_bindgen_futures::JsFuture::from(file.text()).await {
        Ok(text) => {
            import.problem.set(None);
            import.text.set(text.as_string().unwrap_or_default());
        }
        Err(_) => import.problem.set(Some(format!(
            "“{}” could not be read. Pick it again, or paste its text.",
            file.name()
        ))),
    }
}

/// The dry run: the document read, the tenant's names of the types it holds and its roles.
async fn check(s: Page, import: Import) {
    import.problem.set(None);
    let parsed = match parse(&import.text.get_untracked()) {
        Ok(parsed) => parsed,
        Err(why) => return import.problem.set(Some(why)),
    };
    import.checking.set(true);
    let api = s.api();
    let kinds: HashSet<ClientKind> = parsed.iter().map(|p| p.kind).collect();
    let mut existing = HashSet::new();
    for kind in kinds {
        match api.load_all(kind, |_, _| {}, &CancelToken::new()).await {
            Ok(page) => existing.extend(
                page.items
                    .iter()
                    .map(|c| (kind, c.name().unwrap_or_default().trim().to_string())),
            ),
            Err(error) => {
                import.checking.set(false);
                return import.problem.set(Some(format!(
                    "The {} of this tenant could not be read to compare names, so nothing was sent. {}",
                    kind.plural_noun(),
                    error.with_server_words()
                )));
            }
        }
    }
    let roles = match s.roles.get_untracked() {
        Some(Ok(roles)) => roles,
        _ => match api.list_roles().await {
            Ok(roles) => roles,
            Err(error) => {
                import.checking.set(false);
                return import.problem.set(Some(format!(
                    "The tenant's roles could not be read to match the document's, so nothing was sent. {}",
                    error.with_server_words()
                )));
            }
        },
    };
    let now = Local::now();
    let plans: Vec<Plan> = parsed
        .iter()
        .map(|p| plan(p, &existing, &roles, new_guid(), &now))
        .collect();
    import.create.set(
        plans
            .iter()
            .map(|p| p.body.is_some() && !p.exists)
            .collect(),
    );
    import.plans.set(Some(plans));
    import.checking.set(false);
}

/// Create: the chosen plans, at most four at a time.
fn create(s: Page, import: Import) {
    let Some(plans) = import.plans.get_untracked() else {
        return;
    };
    let chosen = import.create.get_untracked();
    let picked: Vec<(usize, Plan)> = plans
        .into_iter()
        .enumerate()
        .filter(|(i, p)| chosen.get(*i).copied().unwrap_or(false) && p.body.is_some())
        .collect();
    let items = picked
        .iter()
        .map(|(i, p)| (p.kind, i.to_string(), p.name.clone(), None))
        .collect();
    let bodies: Rc<Vec<(usize, NewClient)>> = Rc::new(
        picked
            .into_iter()
            .filter_map(|(i, p)| Some((i, p.body?)))
            .collect(),
    );
    let send: Send = Rc::new(move |_, item: BulkItem| {
        let body = item
            .id
            .parse::<usize>()
            .ok()
            .and_then(|i| bodies.iter().find(|(j, _)| *j == i))
            .map(|(_, b)| b.clone());
        Box::pin(async move {
            match body {
                Some(body) => create_one(s, import, item, body).await,
                None => Outcome::NotDone("Nothing to send.".into()),
            }
        })
    });
    let ended: Ended = Rc::new(move |_: &BulkRun| s.refresh());
    import
        .batch
        .start(BulkRun::new(BulkOp::Create, items), send, ended);
}

/// One client's POST. Its id was made once: after no answer, it is read to see whether it was
/// created (then its secret's value is lost, and said), so a retry never makes a second one.
async fn create_one(s: Page, import: Import, item: BulkItem, body: NewClient) -> Outcome {
    let api = s.api();
    let id = body.id().unwrap_or_default().to_string();
    match api.create_client(&body).await {
        Ok(created) => {
            let client_id = created.client_id().unwrap_or(&id).to_string();
            let secret = created.secret_value().map(str::to_string);
            import.created.update(|list| {
                list.push(Created {
                    name: item.name.clone(),
                    client_id,
                    secret,
                })
            });
            Outcome::Done
        }
        Err(error) if error.outcome_unknown() => match api.get_client(body.kind(), &id).await {
            Ok(_) => {
                import.created.update(|list| {
                    list.push(Created {
                        name: item.name.clone(),
                        client_id: id.clone(),
                        secret: None,
                    })
                });
                Outcome::Done
            }
            Err(ApiError::NotFound(_)) => Outcome::NotDone(format!(
                "{} It was not created: Retry sends it again.",
                error.with_server_words()
            )),
            Err(_) => Outcome::NotDone(format!(
                "{} Reading it again failed too: refresh the list before you retry.",
                error.with_server_words()
            )),
        },
        Err(error) => Outcome::NotDone(error.with_server_words()),
    }
}

/// The `.env` lines of the created clients (made in memory, never stored).
fn env_text(created: &[Created]) -> String {
    let key = |name: &str| super::slug(name, '_', true);
    created
        .iter()
        .map(|c| {
            let k = key(&c.name);
            let mut lines = format!("# {}\n{k}_CLIENT_ID={}\n", c.name, c.client_id);
            if let Some(secret) = &c.secret {
                lines.push_str(&format!("{k}_CLIENT_SECRET={secret}\n"));
            }
            lines
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Step 1: pick or paste.
fn pick_view(room: Definitions) -> AnyView {
    let (s, import) = (room.s, room.import);
    let on_file = move |ev: leptos::ev::Event| {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            leptos::task::spawn_local(read_file(import, file));
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !import.checking.get_untracked() {
            leptos::task::spawn_local(check(s, import));
        }
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <p>"Creates clients from a document made by Export as JSON (in this tenant or another). Nothing is sent until you have seen what will happen."</p>
            <label class="field">
                <span class="field__label">"Document file"</span>
                <input type="file" accept=".json,application/json" data-testid="import-file" on:change=on_file />
            </label>
            <label class="field">
                <span class="field__label">"Or paste its text"</span>
                <textarea rows="8" spellcheck="false" data-testid="import-text"
                    prop:value=move || import.text.get()
                    on:input:target=move |ev| import.text.set(ev.target().value())></textarea>
            </label>
            {move || import.problem.get().map(|why| view! {
                <div class="error-panel" role="alert" data-testid="import-problem"><p>{why}</p></div>
            })}
            <div class="dialog__actions">
                <button type="button" class="button" on:click=move |_| s.dialogs.close()>"Cancel"</button>
                <button type="submit" class="button button--primary" disabled=move || import.checking.get() || import.text.read().trim().is_empty()>
                    {move || if import.checking.get() { "Checking…" } else { "Check" }}
                </button>
            </div>
        </form>
    }
    .into_any()
}

/// One row of the dry run.
fn plan_row(import: Import, i: usize, p: Plan) -> impl IntoView {
    let status = if !p.refused.is_empty() {
        let why: Vec<String> = p.refused.iter().map(|(f, m)| format!("{f}: {m}")).collect();
        view! { <p class="bulk-outcome--failed">{format!("✗ Not created: the contract refuses it. {}", why.join(" "))}</p> }.into_any()
    } else if p.exists {
        let choose = move |create: bool| {
            move |_| {
                import.create.update(|c| {
                    if let Some(slot) = c.get_mut(i) {
                        *slot = create;
                    }
                })
            }
        };
        let chosen = move || import.create.read().get(i).copied().unwrap_or(false);
        let group = format!("import-exists-{i}");
        view! {
            <fieldset class="import-choice">
                <legend>"A client of this type with this name exists."</legend>
                <label class="check"><input type="radio" name=group.clone() prop:checked=move || !chosen() on:change=choose(false) />"Skip it"</label>
                <label class="check"><input type="radio" name=group prop:checked=chosen on:change=choose(true) />"Create anyway"</label>
            </fieldset>
        }
        .into_any()
    } else {
        view! { <p>"Will be created."</p> }.into_any()
    };
    let roles = p
        .roles
        .iter()
        .map(|r| match r {
            RoleFate::Matched { name, .. } => format!("Role “{name}”: matched by name."),
            RoleFate::Dropped { name } => {
                format!("Role “{name}”: not in this tenant, dropped (the client is created without it).")
            }
            RoleFate::MemberAdded { name, .. } => format!("Role “{name}”: added (every client needs it)."),
        })
        .chain(p.notes.iter().cloned())
        .map(|line| view! { <li>{line}</li> })
        .collect_view();
    view! {
        <li class="import-row" data-testid="import-row">
            <p><strong>{p.name.clone()}</strong>" · "{p.kind.label()}</p>
            {status}
            <ul class="muted">{roles}</ul>
        </li>
    }
}

/// Step 2: the dry run, then Create.
fn plan_view(room: Definitions, plans: Vec<Plan>) -> AnyView {
    let (s, import) = (room.s, room.import);
    let count = Memo::new(move |_| import.create.read().iter().filter(|c| **c).count());
    let rows = plans
        .into_iter()
        .enumerate()
        .map(|(i, p)| plan_row(import, i, p))
        .collect_view();
    view! {
        <p role="status" data-testid="import-summary">
            {move || format!("Nothing has been sent yet. {} will be created.", clients(count.get()))}
        </p>
        <ul class="import-rows" tabindex="0" aria-label="What the import will do, per client">{rows}</ul>
        <div class="dialog__actions">
            <button type="button" class="button" on:click=move |_| import.plans.set(None)>"Back"</button>
            <button type="button" class="button button--primary" data-testid="import-create"
                disabled=move || count.get() == 0 on:click=move |_| create(s, import)>
                {move || format!("Create {}", clients(count.get()))}
            </button>
        </div>
    }
    .into_any()
}

/// Step 3 and 4: the run, then the new secrets, shown once.
fn run_view(room: Definitions) -> AnyView {
    let (s, import) = (room.s, room.import);
    let over = Memo::new(move |_| {
        import
            .batch
            .run
            .with(|r| r.as_ref().is_some_and(BulkRun::over))
    });
    let close = Callback::new(move |()| request_close(s, import));
    let secrets = move || {
        let created = import.created.get();
        (over.get() && !created.is_empty()).then(|| {
            let lines = created
                .iter()
                .map(|c| {
                    let (id, secret) = (c.client_id.clone(), c.secret.clone());
                    let copy_id = id.clone();
                    let value = secret.clone().unwrap_or_else(|| "— (its value never arrived: add a secret to this client)".into());
                    let copy = secret.map(|v| view! {
                        <button type="button" class="button button--quiet" on:click=move |_| copy_to_clipboard(v.clone(), "Secret")>"Copy secret"</button>
                    });
                    view! {
                        <tr data-testid="import-secret">
                            <th scope="row">{c.name.clone()}</th>
                            <td><code>{id}</code>" "
                                <button type="button" class="button button--quiet" on:click=move |_| copy_to_clipboard(copy_id.clone(), "Client ID")>"Copy ID"</button></td>
                            <td><code class="secret-value">{value}</code>" "{copy}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="reveal" data-testid="import-secrets">
                    <p><strong>"Copy the new secrets now: they are shown only this once."</strong></p>
                    <table class="import-secrets">
                        <thead><tr><th scope="col">"Client"</th><th scope="col">"Client ID"</th><th scope="col">"Secret"</th></tr></thead>
                        <tbody>{lines}</tbody>
                    </table>
                    <button type="button" class="button" data-testid="import-env"
                        on:click=move |_| { download("imported-clients.env", "text/plain", &env_text(&import.created.get_untracked())); }>
                        "Download .env"
                    </button>
                </div>
            }
        })
    };
    // The question takes the focus (Keep open, the safe answer).
    Effect::new(move |_| {
        if import.asking_close.get() {
            request_animation_frame(|| {
                crate::components::focus::focus_id("import-keep-open");
            });
        }
    });
    let asking = move || {
        import.asking_close.get().then(|| view! {
            <div class="notice" role="alert" data-testid="import-close-guard">
                <p>"Close? The secrets above cannot be shown again: copy them or download the .env first."</p>
                <button type="button" class="button" id="import-keep-open" on:click=move |_| import.asking_close.set(false)>"Keep open"</button>
                <button type="button" class="button button--danger" on:click=move |_| close_now(s, import)>"Close"</button>
            </div>
        })
    };
    // The secrets first (what must be copied now), then each client's outcome and Close.
    view! {
        {secrets}
        {asking}
        {batch_progress(import.batch, close)}
    }
    .into_any()
}

/// Close, asking first while secret values are on screen.
fn request_close(s: Page, import: Import) {
    if import.batch.running() {
        return import.batch.cancel();
    }
    let secrets_shown = import
        .created
        .with_untracked(|c| c.iter().any(|c| c.secret.is_some()));
    if secrets_shown && !import.asking_close.get_untracked() {
        import.asking_close.set(true);
    } else {
        close_now(s, import);
    }
}

fn close_now(s: Page, import: Import) {
    import.reset();
    s.dialogs.close();
}

/// The Import dialog, at its step.
pub fn import_dialog_view() -> AnyView {
    let room = expect_context::<Definitions>();
    let (s, import) = (room.s, room.import);
    let step = Memo::new(move |_| {
        if import.batch.run.with(Option::is_some) {
            2
        } else if import.plans.with(Option::is_some) {
            1
        } else {
            0
        }
    });
    view! {
        <Modal open=true title="Import clients" wide=true on_close=Callback::new(move |()| request_close(s, import))>
            {move || match step.get() {
                2 => run_view(room),
                1 => plan_view(room, import.plans.get_untracked().unwrap_or_default()),
                _ => pick_view(room),
            }}
        </Modal>
    }
    .into_any()
}
