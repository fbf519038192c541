//! A bulk action's run (Disable, Enable or Remove a selection of clients, or Create the
//! clients of an imported document): which client is
//! waiting, in flight, done, already gone or not done (with the API's words), at most
//! `IN_FLIGHT` requests at a time, Cancel (what was done stays done; the rest is not
//! started) and Retry of the failed ones only. Pure: the page drives it and sends.
//!
//! Nothing is sent twice: a client leaves `Waiting` once, and only a failure (`NotDone`)
//! can go back to it, through [`BulkRun::retry_failed`].

use super::ClientKind;

/// At most this many of a bulk action's requests are in flight at once.
pub const IN_FLIGHT: usize = 4;

/// What a bulk action does to each client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BulkOp {
    Disable,
    Enable,
    Remove,
    /// Import: create the clients of a document.
    Create,
}

impl BulkOp {
    /// The button's word: "Disable".
    pub fn verb(self) -> &'static str {
        match self {
            BulkOp::Disable => "Disable",
            BulkOp::Enable => "Enable",
            BulkOp::Remove => "Remove",
            BulkOp::Create => "Create",
        }
    }

    /// "disabled".
    pub fn past(self) -> &'static str {
        match self {
            BulkOp::Disable => "disabled",
            BulkOp::Enable => "enabled",
            BulkOp::Remove => "removed",
            BulkOp::Create => "created",
        }
    }

    /// Whether a client in this state needs no request (already as asked).
    pub fn already(self, enabled: Option<bool>) -> bool {
        match self {
            BulkOp::Disable => enabled == Some(false),
            BulkOp::Enable => enabled != Some(false),
            BulkOp::Remove | BulkOp::Create => false,
        }
    }
}

/// What became of one client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Waiting,
    InFlight,
    Done,
    /// Already as asked (disabled, enabled): nothing was sent.
    AlreadySo,
    /// The API said 404: removed by someone else (for Remove: the same as done).
    Gone,
    /// Not done, with what the API said.
    NotDone(String),
    /// Cancel came before its request was sent.
    NotStarted,
}

/// One client of the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkItem {
    pub kind: ClientKind,
    pub id: String,
    pub name: String,
    pub outcome: Outcome,
}

/// How many clients are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BulkCounts {
    pub waiting: usize,
    pub in_flight: usize,
    pub done: usize,
    pub already: usize,
    pub gone: usize,
    pub failed: usize,
    pub not_started: usize,
}

impl BulkCounts {
    /// The clients whose request has ended, one way or another (the progress bar).
    pub fn finished(&self) -> usize {
        self.done + self.already + self.gone + self.failed + self.not_started
    }
}

/// A bulk action from Confirm to its summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkRun {
    pub op: BulkOp,
    pub items: Vec<BulkItem>,
    pub cancelled: bool,
}

impl BulkRun {
    /// A run of `op` on `clients` (kind, id, name, enabled); the ones already as asked are
    /// marked so at once.
    pub fn new(op: BulkOp, clients: Vec<(ClientKind, String, String, Option<bool>)>) -> Self {
        let items = clients
            .into_iter()
            .map(|(kind, id, name, enabled)| BulkItem {
                kind,
                id,
                name,
                outcome: if op.already(enabled) {
                    Outcome::AlreadySo
                } else {
                    Outcome::Waiting
                },
            })
            .collect();
        BulkRun {
            op,
            items,
            cancelled: false,
        }
    }

    /// The clients to send now (marked in flight), keeping at most [`IN_FLIGHT`] in flight;
    /// none after Cancel.
    pub fn to_send(&mut self) -> Vec<usize> {
        if self.cancelled {
            return Vec::new();
        }
        let room = IN_FLIGHT.saturating_sub(self.counts().in_flight);
        let start: Vec<usize> = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| item.outcome == Outcome::Waiting)
            .map(|(i, _)| i)
            .take(room)
            .collect();
        for &i in &start {
            self.items[i].outcome = Outcome::InFlight;
        }
        start
    }

    /// Records the answer for client `i` (only one in flight is changed).
    pub fn finish(&mut self, i: usize, outcome: Outcome) {
        if let Some(item) = self.items.get_mut(i) {
            if item.outcome == Outcome::InFlight {
                item.outcome = outcome;
            }
        }
    }

    /// Cancel: nothing more is sent; the requests in flight still end and are recorded.
    pub fn cancel(&mut self) {
        self.cancelled = true;
        for item in &mut self.items {
            if item.outcome == Outcome::Waiting {
                item.outcome = Outcome::NotStarted;
            }
        }
    }

    /// Retry: the failed clients (and, after Cancel, the ones not started) wait again; the
    /// done ones are not sent again. The number that will be sent.
    pub fn retry_failed(&mut self) -> usize {
        self.cancelled = false;
        let mut again = 0;
        for item in &mut self.items {
            if matches!(item.outcome, Outcome::NotDone(_) | Outcome::NotStarted) {
                item.outcome = Outcome::Waiting;
                again += 1;
            }
        }
        again
    }

    pub fn counts(&self) -> BulkCounts {
        let mut c = BulkCounts::default();
        for item in &self.items {
            match item.outcome {
                Outcome::Waiting => c.waiting += 1,
                Outcome::InFlight => c.in_flight += 1,
                Outcome::Done => c.done += 1,
                Outcome::AlreadySo => c.already += 1,
                Outcome::Gone => c.gone += 1,
                Outcome::NotDone(_) => c.failed += 1,
                Outcome::NotStarted => c.not_started += 1,
            }
        }
        c
    }

    /// Whether nothing waits or is in flight.
    pub fn over(&self) -> bool {
        let c = self.counts();
        c.waiting == 0 && c.in_flight == 0
    }

    /// "12 disabled, 1 already disabled, 1 already removed, 2 not disabled, 3 not started".
    pub fn summary(&self) -> String {
        let c = self.counts();
        let past = self.op.past();
        let mut parts = vec![format!("{} {past}", c.done)];
        if c.already > 0 {
            parts.push(format!("{} already {past}", c.already));
        }
        if c.gone > 0 {
            parts.push(format!("{} already removed", c.gone));
        }
        if c.failed > 0 {
            parts.push(format!("{} not {past}", c.failed));
        }
        if c.not_started > 0 {
            parts.push(format!("{} not started (cancelled)", c.not_started));
        }
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(op: BulkOp, n: usize) -> BulkRun {
        BulkRun::new(
            op,
            (0..n)
                .map(|i| {
                    (
                        ClientKind::ClientCredentials,
                        format!("c{i}"),
                        format!("Client {i}"),
                        Some(i % 5 != 0),
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn never_more_than_four_in_flight_and_each_sent_once() {
        let mut r = run(BulkOp::Remove, 10);
        let mut sent = Vec::new();
        let first = r.to_send();
        assert_eq!(first, [0, 1, 2, 3]);
        assert!(r.to_send().is_empty(), "four are in flight: nothing more");
        sent.extend(first);
        r.finish(1, Outcome::Done);
        let more = r.to_send();
        assert_eq!(more, [4]);
        sent.extend(more);
        while !r.over() {
            let in_flight: Vec<usize> = (0..10)
                .filter(|&i| r.items[i].outcome == Outcome::InFlight)
                .collect();
            assert!(in_flight.len() <= IN_FLIGHT);
            for i in in_flight {
                r.finish(i, Outcome::Done);
            }
            sent.extend(r.to_send());
        }
        sent.sort();
        assert_eq!(
            sent,
            (0..10).collect::<Vec<_>>(),
            "each client exactly once"
        );
        assert_eq!(r.summary(), "10 removed");
    }

    #[test]
    fn clients_already_as_asked_are_not_sent() {
        let mut r = run(BulkOp::Disable, 6);
        // c0 and c5 are disabled already.
        assert_eq!(r.counts().already, 2);
        assert_eq!(r.to_send(), [1, 2, 3, 4]);
        assert_eq!(r.summary(), "0 disabled, 2 already disabled");
    }

    #[test]
    fn cancel_keeps_what_was_done_and_retry_sends_only_the_failed_and_not_started() {
        let mut r = run(BulkOp::Remove, 8);
        r.to_send();
        r.finish(0, Outcome::Done);
        r.finish(1, Outcome::NotDone("The server had a problem".into()));
        r.finish(2, Outcome::Gone);
        r.cancel();
        assert!(r.to_send().is_empty(), "nothing is sent after Cancel");
        r.finish(3, Outcome::Done);
        assert!(r.over());
        assert_eq!(
            r.summary(),
            "2 removed, 1 already removed, 1 not removed, 4 not started (cancelled)"
        );
        assert_eq!(r.retry_failed(), 5);
        let again = r.to_send();
        assert_eq!(again, [1, 4, 5, 6]);
        assert!(
            again.iter().all(|i| ![0, 2, 3].contains(i)),
            "done ones are not sent again"
        );
    }

    #[test]
    fn a_late_answer_for_a_client_not_in_flight_changes_nothing() {
        let mut r = run(BulkOp::Enable, 3);
        r.finish(0, Outcome::Done);
        r.finish(1, Outcome::Done);
        assert_eq!(r.items[0].outcome, Outcome::Waiting, "c0 was never sent");
        assert_eq!(
            r.items[1].outcome,
            Outcome::AlreadySo,
            "c1 was enabled already"
        );
    }
}
