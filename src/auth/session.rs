//! The signed-in session as a reactive service in context: token in memory, who the user is,
//! whether they may change anything, and re-authentication without leaving the page.

use std::{cell::RefCell, rc::Rc};

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use super::browser::{self, SignInError, SignedIn};
use super::config::AppConfig;
use super::oidc::{self, Discovery, Identity, PendingSignIn};
use super::rights::WriteAccess;

/// The name of the console's own sign-in pop-up window: only a window of this name answers
/// its opener from the callback page.
pub const POPUP_NAME: &str = "clients-console-sign-in";

/// A different user signed in through the pop-up than the one the page belonged to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserSwitch {
    /// Who was signed in before (their name).
    pub before: String,
    /// Who signed in now.
    pub after: String,
}

/// What the console knows about the signed-in user; `Copy`, so views can capture it freely.
#[derive(Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
    id_token: RwSignal<Option<String>>,
    /// Name (and roles, when the token lists them) of the signed-in user.
    pub identity: RwSignal<Identity>,
    /// `Some(false)` once the token's roles, the rights check or a 403 showed the user is not
    /// Tenant Administrator; `Some(true)` once the roles or the rights check showed they are.
    pub is_admin: RwSignal<Option<bool>>,
    /// The console is asking the API whether this user may change clients.
    pub checking_rights: RwSignal<bool>,
    /// The token expired or the API answered 401: the user must sign in again.
    pub expired: RwSignal<bool>,
    /// Why the last re-authentication failed, if it did.
    pub reauth_error: RwSignal<Option<String>>,
    /// Set when the pop-up signed in someone else: the page waits for the user's decision.
    pub user_switch: RwSignal<Option<UserSwitch>>,
    /// The other user's sign-in, held until the user decides.
    switch_pending: StoredValue<Option<SignedIn>>,
    config: StoredValue<AppConfig>,
    discovery: StoredValue<Option<Discovery>>,
}

impl Session {
    /// A session for a user who just signed in.
    pub fn new(config: AppConfig, discovery: Option<Discovery>, signed_in: SignedIn) -> Self {
        let session = Self {
            token: RwSignal::new(None),
            id_token: RwSignal::new(None),
            identity: RwSignal::new(Identity::default()),
            is_admin: RwSignal::new(None),
            checking_rights: RwSignal::new(false),
            expired: RwSignal::new(false),
            reauth_error: RwSignal::new(None),
            user_switch: RwSignal::new(None),
            switch_pending: StoredValue::new(None),
            config: StoredValue::new(config),
            discovery: StoredValue::new(discovery),
        };
        session.accept(signed_in);
        session
    }

    fn accept(&self, signed_in: SignedIn) {
        let SignedIn { tokens, identity } = signed_in;
        self.is_admin.set(identity.is_tenant_admin);
        // Roles not in the token: the console asks the API (see `app::check_rights`).
        self.checking_rights.set(identity.is_tenant_admin.is_none());
        self.identity.set(identity);
        self.token.set(Some(tokens.access_token));
        self.id_token.set(tokens.id_token);
        self.expired.set(false);
        self.reauth_error.set(None);
        self.schedule_expiry();
    }

    /// Marks the session expired a little before the token's deadline.
    fn schedule_expiry(&self) {
        let Some(deadline) = self.identity.get_untracked().expires_at else {
            return;
        };
        let token = self.token.get_untracked();
        let expired = self.expired;
        let current = self.token;
        let delay_ms = ((deadline - browser::now_seconds() - 30).max(0) as u64)
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

    /// Whether this user may change clients, as far as the console knows (reactive).
    pub fn access(&self) -> WriteAccess {
        WriteAccess::from_knowledge(self.is_admin.get(), self.checking_rights.get())
    }

    /// Whether write controls should be enabled (reactive): not while the rights are being
    /// checked, not once the user is known to be read-only.
    pub fn may_change(&self) -> bool {
        self.access() == WriteAccess::Allowed
    }

    /// The answer of the rights check: `Some(may_change)`, or `None` when the API could not
    /// tell (the write controls are then enabled, and a 403 still turns the page read-only).
    pub fn rights_checked(&self, may_change: Option<bool>) {
        if let Some(may_change) = may_change {
            if self.is_admin.get_untracked() != Some(false) {
                let _ = self.is_admin.try_set(Some(may_change));
            }
        }
        let _ = self.checking_rights.try_set(false);
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

    /// The identity server's token endpoint (from its discovery document; without one, the
    /// authority's `/connect/token`).
    pub fn token_endpoint(&self) -> String {
        self.discovery
            .get_value()
            .map(|d| d.token_endpoint)
            .unwrap_or_else(|| {
                crate::model::snippet::token_endpoint_from_authority(
                    &self.config.get_value().authority,
                )
            })
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

    /// Continues as the user who signed in through the pop-up (after a [`UserSwitch`]).
    pub fn continue_as_new_user(&self) {
        if let Some(signed_in) = self.switch_pending.try_update_value(Option::take).flatten() {
            self.accept(signed_in);
        }
        self.user_switch.set(None);
    }

    /// Refuses the other user's sign-in: their token is dropped, the session stays ended, and
    /// the next sign-in shows the identity server's account choice.
    pub fn refuse_new_user(&self) {
        self.switch_pending.set_value(None);
        self.user_switch.set(None);
        self.reauth_error.set(Some(
            "The other account's sign-in was not used. Choose Sign in again and sign in as the user this page belongs to.".into(),
        ));
    }

    /// What the pop-up brought back: the same user carries on at once; a different one waits
    /// for the user's decision, so nothing on the page is sent in their name unasked.
    fn accept_from_popup(&self, signed_in: SignedIn) {
        let before = self.identity.get_untracked();
        if before.subject.is_empty() || before.subject == signed_in.identity.subject {
            self.accept(signed_in);
            return;
        }
        self.user_switch.set(Some(UserSwitch {
            before: before.name,
            after: signed_in.identity.name.clone(),
        }));
        self.switch_pending.set_value(Some(signed_in));
    }

    /// Signs in again in a pop-up window, so that nothing on this page is lost. Call it from
    /// the click handler: the window opens at once (browsers allow pop-ups only then) and is
    /// sent to the identity server when the PKCE request is ready. After a refused
    /// [`UserSwitch`] the identity server is asked to show its account choice
    /// (`prompt=login`).
    pub fn reauthenticate(&self) {
        let choose_account = self.reauth_error.get_untracked().is_some();
        self.reauth_error.set(None);
        let popup = web_sys::window()
            .and_then(|w| {
                w.open_with_url_and_target_and_features("", POPUP_NAME, "width=520,height=680")
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
            if let Err(err) = session
                .reauthenticate_in(popup.clone(), choose_account)
                .await
            {
                let _ = popup.close();
                let _ = session.reauth_error.try_set(Some(err.to_string()));
            }
        });
    }

    async fn reauthenticate_in(
        &self,
        popup: web_sys::Window,
        choose_account: bool,
    ) -> Result<(), SignInError> {
        let config = self.config.get_value();
        let discovery = self.discovery.get_value().ok_or_else(|| {
            SignInError::Protocol("the identity server's settings are not loaded".into())
        })?;
        let (pending, challenge) = browser::new_request(browser::current_location()).await?;
        let mut url = oidc::authorize_url(
            &discovery,
            &config,
            &browser::redirect_uri(),
            &pending.state,
            &pending.nonce,
            &challenge,
        );
        if choose_account {
            url.push_str("&prompt=login");
        }
        let session = *self;
        let answered = move |query: String| {
            let (config, discovery, pending) = (config.clone(), discovery.clone(), pending.clone());
            leptos::task::spawn_local(async move {
                match finish_popup(&config, &discovery, &query, &pending).await {
                    Ok(signed_in) => session.accept_from_popup(signed_in),
                    Err(err) => {
                        let _ = session.reauth_error.try_set(Some(err.to_string()));
                    }
                }
            });
        };
        let abandoned = move || {
            let _ = session.reauth_error.try_set(Some(
                "The sign-in window was closed before sign-in finished. Choose Sign in again to try once more.".into(),
            ));
        };
        PopupWatch::start(popup.clone().into(), answered, abandoned);
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
) -> Result<SignedIn, SignInError> {
    let callback = oidc::parse_callback(query).ok_or_else(|| {
        SignInError::Protocol("the sign-in window returned neither a code nor an error".into())
    })?;
    browser::finish(config, discovery, callback, pending).await
}

/// What the callback page in a pop-up posts to its opener: this prefix + the query string.
pub const POPUP_MESSAGE_PREFIX: &str = "clients-console.sign-in:";

/// How often the opener looks whether the pop-up was closed (ms).
const POPUP_POLL_MS: i32 = 500;

type MessageListener = Closure<dyn FnMut(web_sys::MessageEvent)>;
/// A `setInterval` id and the closure it calls.
type Timer = (i32, Closure<dyn FnMut()>);

thread_local! {
    /// The one pop-up being waited for; a new sign-in attempt replaces (and stops) it.
    static WATCHING: RefCell<Option<Rc<PopupWatch>>> = const { RefCell::new(None) };
}

/// Waits for the answer of one sign-in pop-up: a message from this origin, sent by exactly
/// that window (`event.source`), carrying [`POPUP_MESSAGE_PREFIX`]. Messages from any other
/// window or origin are ignored. If the pop-up is closed without answering, `on_abandoned`
/// runs. Either way the listener and the timer are removed.
pub struct PopupWatch {
    listener: RefCell<Option<MessageListener>>,
    timer: RefCell<Option<Timer>>,
}

impl PopupWatch {
    /// Starts watching `popup` (a `Window`); stops any earlier watch.
    pub fn start(
        popup: JsValue,
        on_answer: impl FnOnce(String) + 'static,
        on_abandoned: impl FnOnce() + 'static,
    ) {
        Self::stop_current();
        let Some(window) = web_sys::window() else {
            return;
        };
        let watch = Rc::new(PopupWatch {
            listener: RefCell::new(None),
            timer: RefCell::new(None),
        });
        let origin = window.location().origin().unwrap_or_default();
        let source = popup.clone();
        let mut on_answer = Some(on_answer);
        let listener = MessageListener::new(move |event: web_sys::MessageEvent| {
            let from_popup = event
                .source()
                .is_some_and(|s| js_sys::Object::is(&s, &source));
            if !from_popup || event.origin() != origin {
                return;
            }
            let Some(query) = event
                .data()
                .as_string()
                .and_then(|text| text.strip_prefix(POPUP_MESSAGE_PREFIX).map(str::to_string))
            else {
                return;
            };
            if let Some(answer) = on_answer.take() {
                Self::stop_current();
                answer(query);
            }
        });
        let _ =
            window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
        *watch.listener.borrow_mut() = Some(listener);
        // The pop-up posts its answer and then closes: the answer may arrive just after the
        // window reads as closed, so "abandoned" needs two looks in a row.
        let mut closed_looks = 0;
        let mut on_abandoned = Some(on_abandoned);
        let tick = Closure::<dyn FnMut()>::new(move || {
            let closed = js_sys::Reflect::get(&popup, &JsValue::from_str("closed"))
                .map(|v| v.is_truthy())
                .unwrap_or(true);
            closed_looks = if closed { closed_looks + 1 } else { 0 };
            if closed_looks >= 2 {
                if let Some(abandoned) = on_abandoned.take() {
                    Self::stop_current();
                    abandoned();
                }
            }
        });
        if let Ok(id) = window.set_interval_with_callback_and_timeout_and_arguments_0(
            tick.as_ref().unchecked_ref(),
            POPUP_POLL_MS,
        ) {
            *watch.timer.borrow_mut() = Some((id, tick));
        }
        WATCHING.with(|w| *w.borrow_mut() = Some(watch));
    }

    /// Whether a pop-up is being waited for.
    pub fn active() -> bool {
        WATCHING.with(|w| w.borrow().is_some())
    }

    /// Stops waiting for the current pop-up, if any (removes the listener and the timer).
    pub fn stop_current() {
        let Some(watch) = WATCHING.with(|w| w.borrow_mut().take()) else {
            return;
        };
        let Some(window) = web_sys::window() else {
            return;
        };
        // The closures are dropped later, not from inside their own call.
        let listener = watch.listener.borrow_mut().take();
        if let Some(listener) = listener {
            let _ = window
                .remove_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
            leptos::task::spawn_local(async move { drop(listener) });
        }
        let timer = watch.timer.borrow_mut().take();
        if let Some((id, tick)) = timer {
            window.clear_interval_with_handle(id);
            leptos::task::spawn_local(async move { drop(tick) });
        }
    }
}

/// On the callback page inside the console's own pop-up: hand the answer to the opener and
/// close. Returns false when this window is not that pop-up (another name, or no opener).
pub fn answer_opener_if_popup() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    if window.name().ok().as_deref() != Some(POPUP_NAME) {
        return false;
    }
    let Ok(opener) = window.opener() else {
        return false;
    };
    if opener.is_null() || opener.is_undefined() {
        return false;
    }
    let origin = window.location().origin().unwrap_or_default();
    let search = window.location().search().unwrap_or_default();
    let message = JsValue::from_str(&format!("{POPUP_MESSAGE_PREFIX}{search}"));
    // The opener is another window's object: this realm's `Window` bindings (instanceof checks,
    // prototype calls) do not apply to it, so its own `postMessage` is looked up and called.
    let Ok(post) = js_sys::Reflect::get(&opener, &JsValue::from_str("postMessage")) else {
        return false;
    };
    if !post.is_function() {
        return false;
    }
    let post: js_sys::Function = post.unchecked_into();
    if post
        .call2(&opener, &message, &JsValue::from_str(&origin))
        .is_err()
    {
        return false;
    }
    let _ = window.close();
    true
}
