//! The signed-in session as a reactive service in context: token in memory, who the user is,
//! whether they may change anything, and re-authentication without leaving the page.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use super::browser::{self, SignInError};
use super::config::AppConfig;
use super::oidc::{self, Discovery, Identity, PendingSignIn, TokenResponse};

/// What the console knows about the signed-in user; `Copy`, so views can capture it freely.
#[derive(Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
    id_token: RwSignal<Option<String>>,
    /// Name (and roles, when the token lists them) of the signed-in user.
    pub identity: RwSignal<Identity>,
    /// `Some(false)` once the token's roles or a 403 showed the user is not Tenant Administrator.
    pub is_admin: RwSignal<Option<bool>>,
    /// The token expired or the API answered 401: the user must sign in again.
    pub expired: RwSignal<bool>,
    /// Why the last re-authentication failed, if it did.
    pub reauth_error: RwSignal<Option<String>>,
    config: StoredValue<AppConfig>,
    discovery: StoredValue<Option<Discovery>>,
}

impl Session {
    /// A session for tokens just obtained.
    pub fn new(config: AppConfig, discovery: Option<Discovery>, tokens: &TokenResponse) -> Self {
        let session = Self {
            token: RwSignal::new(None),
            id_token: RwSignal::new(None),
            identity: RwSignal::new(Identity::default()),
            is_admin: RwSignal::new(None),
            expired: RwSignal::new(false),
            reauth_error: RwSignal::new(None),
            config: StoredValue::new(config),
            discovery: StoredValue::new(discovery),
        };
        session.accept(tokens);
        session
    }

    fn accept(&self, tokens: &TokenResponse) {
        let identity = oidc::identity_from_tokens(&tokens.access_token, tokens.id_token.as_deref());
        self.is_admin.set(identity.is_tenant_admin);
        self.identity.set(identity);
        self.token.set(Some(tokens.access_token.clone()));
        self.id_token.set(tokens.id_token.clone());
        self.expired.set(false);
        self.reauth_error.set(None);
        self.schedule_expiry();
    }

    /// Marks the session expired a little before the token's `exp`.
    fn schedule_expiry(&self) {
        let Some(exp) = self.identity.get_untracked().expires_at else {
            return;
        };
        let now = (js_sys::Date::now() / 1000.0) as i64;
        let token = self.token.get_untracked();
        let expired = self.expired;
        let current = self.token;
        let delay_ms = ((exp - now - 30).max(0) as u64)
            .saturating_mul(1000)
            .min(i32::MAX as u64);
        set_timeout(
            move || {
                if current.try_get_untracked().flatten() == token {
                    let _ = expired.try_set(true);
                }
            },
            std::time::Duration::from_millis(delay_ms),
        );
    }

    /// The runtime configuration.
    pub fn config(&self) -> AppConfig {
        self.config.get_value()
    }

    /// The bearer token for API calls (never stored anywhere but memory).
    pub fn token(&self) -> Option<String> {
        self.token.get_untracked()
    }

    /// Whether write controls should be enabled: unknown counts as yes until the API says 403.
    pub fn may_change(&self) -> bool {
        self.is_admin.get() != Some(false)
    }

    /// Learns from an API failure: 401 → sign in again; 403 → read-only.
    pub fn note_status(&self, status: u16) {
        match status {
            401 => {
                let _ = self.expired.try_set(true);
            }
            403 => {
                let _ = self.is_admin.try_set(Some(false));
            }
            _ => {}
        }
    }

    /// Signs out at the identity server.
    pub fn sign_out(&self) {
        let id_token = self.id_token.get_untracked();
        self.token.set(None);
        let discovery = self.discovery.get_value();
        browser::sign_out(
            &self.config.get_value(),
            discovery.as_ref(),
            id_token.as_deref(),
        );
    }

    /// Signs in again in a popup window, so that nothing on this page is lost. Call it from
    /// the click handler: the window opens at once (browsers allow pop-ups only then) and is
    /// sent to the identity server when the PKCE request is ready.
    pub fn reauthenticate(&self) {
        self.reauth_error.set(None);
        let popup = web_sys::window()
            .and_then(|w| {
                w.open_with_url_and_target_and_features(
                    "",
                    "clients-console-sign-in",
                    "width=520,height=680",
                )
                .ok()
            })
            .flatten();
        let Some(popup) = popup else {
            self.reauth_error.set(Some(
                "The browser blocked the sign-in window: allow pop-ups for this site and choose Sign in again.".into(),
            ));
            return;
        };
        let session = *self;
        leptos::task::spawn_local(async move {
            if let Err(err) = session.reauthenticate_in(popup.clone()).await {
                let _ = popup.close();
                let _ = session.reauth_error.try_set(Some(err.to_string()));
            }
        });
    }

    async fn reauthenticate_in(&self, popup: web_sys::Window) -> Result<(), SignInError> {
        let config = self.config.get_value();
        let discovery = self.discovery.get_value().ok_or_else(|| {
            SignInError::Protocol("the identity server's settings are not loaded".into())
        })?;
        let (pending, challenge) = browser::new_request(browser::current_location()).await?;
        let url = oidc::authorize_url(
            &discovery,
            &config,
            &browser::redirect_uri(),
            &pending.state,
            &pending.nonce,
            &challenge,
        );
        let session = *self;
        wait_for_popup_answer(move |query| {
            let (config, discovery, pending) = (config.clone(), discovery.clone(), pending.clone());
            leptos::task::spawn_local(async move {
                match finish_popup(&config, &discovery, &query, &pending).await {
                    Ok(tokens) => session.accept(&tokens),
                    Err(err) => {
                        let _ = session.reauth_error.try_set(Some(err.to_string()));
                    }
                }
            });
        });
        popup.location().set_href(&url).map_err(|_| {
            SignInError::Protocol("could not open the sign-in page in the new window".into())
        })
    }
}

async fn finish_popup(
    config: &AppConfig,
    discovery: &Discovery,
    query: &str,
    pending: &PendingSignIn,
) -> Result<TokenResponse, SignInError> {
    let callback = oidc::parse_callback(query).ok_or_else(|| {
        SignInError::Protocol("the sign-in window returned neither a code nor an error".into())
    })?;
    browser::finish(config, discovery, callback, pending).await
}

type MessageListener = Closure<dyn FnMut(web_sys::MessageEvent)>;

/// Listens (once) for the query string the sign-in popup posts back from the callback page.
fn wait_for_popup_answer(on_answer: impl FnOnce(String) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let origin = window.location().origin().unwrap_or_default();
    let mut on_answer = Some(on_answer);
    let holder: std::rc::Rc<std::cell::RefCell<Option<MessageListener>>> = Default::default();
    let holder_in = holder.clone();
    let closure =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if event.origin() != origin {
                return;
            }
            let Some(text) = event.data().as_string() else {
                return;
            };
            let Some(query) = text.strip_prefix(POPUP_MESSAGE_PREFIX) else {
                return;
            };
            if let Some(answer) = on_answer.take() {
                answer(query.to_string());
            }
            if let (Some(window), Some(closure)) =
                (web_sys::window(), holder_in.borrow_mut().take())
            {
                let _ = window.remove_event_listener_with_callback(
                    "message",
                    closure.as_ref().unchecked_ref(),
                );
            }
        });
    let _ = window.add_event_listener_with_callback("message", closure.as_ref().unchecked_ref());
    *holder.borrow_mut() = Some(closure);
}

/// What the callback page in a popup posts to its opener: this prefix + the query string.
pub const POPUP_MESSAGE_PREFIX: &str = "clients-console.sign-in:";

/// On the callback page inside the popup: hand the answer to the opener and close.
/// Returns false when this window is not such a popup.
pub fn answer_opener_if_popup() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(opener) = window.opener() else {
        return false;
    };
    if opener.is_null() || opener.is_undefined() {
        return false;
    }
    let origin = window.location().origin().unwrap_or_default();
    let search = window.location().search().unwrap_or_default();
    let message = wasm_bindgen::JsValue::from_str(&format!("{POPUP_MESSAGE_PREFIX}{search}"));
    // The opener is another window's object: this realm's `Window` bindings (instanceof checks,
    // prototype calls) do not apply to it, so its own `postMessage` is looked up and called.
    let Ok(post) = js_sys::Reflect::get(&opener, &wasm_bindgen::JsValue::from_str("postMessage"))
    else {
        return false;
    };
    if !post.is_function() {
        return false;
    }
    let post: js_sys::Function = post.unchecked_into();
    if post
        .call2(&opener, &message, &wasm_bindgen::JsValue::from_str(&origin))
        .is_err()
    {
        return false;
    }
    let _ = window.close();
    true
}
