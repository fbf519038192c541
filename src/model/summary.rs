//! The list view: one small row per client, with search and sort that stay fast on 50 000.

use std::cmp::Ordering;
use std::sync::Arc;

use super::client::Client;
use super::health::ClientHealth;
use super::kind::ClientKind;

/// What the client list shows for one client, whatever its kind.
///
/// The lower-cased search key is computed once here, so filtering 50 000 rows allocates
/// nothing per row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientSummary {
    kind: ClientKind,
    id: String,
    name: String,
    enabled: Option<bool>,
    access_token_lifetime: Option<i32>,
    role_ids: Vec<String>,
    redirect_uri_count: usize,
    /// `lowercase(name) + "\n" + lowercase(id)`; `name_key_len` bytes are the name part.
    search_key: String,
    name_key_len: usize,
    /// The bytes `search_key` holds, one bit each (see [`byte_bit`]): a query whose bits are
    /// not all here cannot match, which a keystroke learns without reading the key.
    search_bits: u64,
}

/// `text` in lower case; ASCII (every client id, most names) without the Unicode tables.
fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    }
}

/// The bit of a byte in [`ClientSummary::search_bits`]: letters, digits and the usual name
/// punctuation have a bit of their own; every other byte shares the last one.
fn byte_bit(byte: u8) -> u64 {
    let bit = match byte {
        b'a'..=b'z' => byte - b'a',
        b'0'..=b'9' => 26 + (byte - b'0'),
        b' ' => 36,
        b'-' => 37,
        b'_' => 38,
        b'.' => 39,
        b'/' => 40,
        b':' => 41,
        b'@' => 42,
        b'(' => 43,
        b')' => 44,
        b'\'' => 45,
        b'&' => 46,
        b',' => 47,
        _ => 63,
    };
    1 << bit
}

/// The bits of every byte of `text`.
fn search_bits(text: &str) -> u64 {
    text.bytes().fold(0, |bits, byte| bits | byte_bit(byte))
}

/// A normalized query, prepared once for the rows it is compared with.
struct Needle<'a> {
    bytes: &'a [u8],
    bits: u64,
    /// One byte with a bit of its own: a row's bits answer alone.
    bits_suffice: bool,
}

impl<'a> Needle<'a> {
    fn new(query: &'a str) -> Self {
        let bytes = query.as_bytes();
        let bits = search_bits(query);
        let bits_suffice = bytes.len() == 1 && bits != 1 << 63;
        Needle {
            bytes,
            bits,
            bits_suffice,
        }
    }

    /// Whether a row whose bytes have `bits` may contain the query.
    fn admits(&self, bits: u64) -> bool {
        bits & self.bits == self.bits
    }

    /// Whether `key` (of a row the bits admit) contains the query.
    fn found_in(&self, key: &str) -> bool {
        self.bits_suffice || contains_bytes(key.as_bytes(), self.bytes)
    }
}

/// Whether `hay` contains `needle` (not empty): each place of its first byte, found with
/// `memchr`, is compared with the rest. Quicker than `str::contains` on short keys and
/// needles, which sets up a two-way searcher per key.
fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let mut from = 0;
    while let Some(at) = hay.get(from..).and_then(|tail| memchr::memchr(first, tail)) {
        let start = from + at;
        if hay
            .get(start + 1..)
            .is_some_and(|after| after.starts_with(rest))
        {
            return true;
        }
        from = start + 1;
    }
    false
}

impl ClientSummary {
    /// A summary with the given identity; the other fields start empty (see the `with_*`
    /// methods).
    pub fn new(
        kind: ClientKind,
        id: impl Into<String>,
        name: impl Into<String>,
        enabled: Option<bool>,
    ) -> Self {
        let (id, name) = (id.into(), name.into());
        let mut search_key = lowercase(&name);
        let name_key_len = search_key.len();
        search_key.push('\n');
        search_key.push_str(&lowercase(&id));
        let search_bits = search_bits(&search_key);
        ClientSummary {
            kind,
            id,
            name,
            enabled,
            access_token_lifetime: None,
            role_ids: Vec::new(),
            redirect_uri_count: 0,
            search_key,
            name_key_len,
            search_bits,
        }
    }

    /// The summary of a client.
    pub fn from_client(client: &Client) -> Self {
        ClientSummary::new(
            client.kind(),
            client.id().unwrap_or_default(),
            client.name().unwrap_or_default(),
            client.enabled(),
        )
        .with_access_token_lifetime(client.access_token_lifetime())
        .with_role_ids(client.role_ids().to_vec())
        .with_redirect_uri_count(client.redirect_uris().len())
    }

    /// Sets the token lifetime.
    pub fn with_access_token_lifetime(mut self, seconds: Option<i32>) -> Self {
        self.access_token_lifetime = seconds;
        self
    }

    /// Sets the role ids.
    pub fn with_role_ids(mut self, role_ids: Vec<String>) -> Self {
        self.role_ids = role_ids;
        self
    }

    /// Sets the number of redirect URIs.
    pub fn with_redirect_uri_count(mut self, count: usize) -> Self {
        self.redirect_uri_count = count;
        self
    }

    /// The client's kind.
    pub fn kind(&self) -> ClientKind {
        self.kind
    }
    /// The client id ("" if the server sent none).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The name ("" if the server sent none).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Whether the client is enabled (`None`: not reported).
    pub fn enabled(&self) -> Option<bool> {
        self.enabled
    }
    /// "Enabled", "Disabled" or "Unknown".
    pub fn status_label(&self) -> &'static str {
        match self.enabled {
            Some(true) => "Enabled",
            Some(false) => "Disabled",
            None => "Unknown",
        }
    }
    /// Token lifetime in seconds.
    pub fn access_token_lifetime(&self) -> Option<i32> {
        self.access_token_lifetime
    }
    /// Role ids (client credential clients).
    pub fn role_ids(&self) -> &[String] {
        &self.role_ids
    }
    /// Number of redirect URIs (hybrid, authorization code).
    pub fn redirect_uri_count(&self) -> usize {
        self.redirect_uri_count
    }

    fn name_key(&self) -> &str {
        &self.search_key[..self.name_key_len]
    }

    fn id_key(&self) -> &str {
        &self.search_key[self.name_key_len + 1..]
    }

    /// Whether the name or id contains `query`, which must already be lower-case and
    /// non-empty (see [`normalize_query`]).
    pub fn matches_normalized(&self, query: &str) -> bool {
        self.matches(&Needle::new(query))
    }

    fn matches(&self, needle: &Needle) -> bool {
        needle.admits(self.search_bits) && needle.found_in(&self.search_key)
    }
}

/// Lower-cases and trims a search query; `None` when it is empty (everything matches). Line
/// breaks and NULs cannot be typed in a search box and would match across name, id and rows,
/// so they are dropped.
pub fn normalize_query(query: &str) -> Option<String> {
    let query = query.trim().to_lowercase().replace(['\n', '\r', '\0'], "");
    (!query.is_empty()).then_some(query)
}

/// The indices of the summaries whose name or id contains `query` (case-insensitive), in
/// their original order. An empty query returns every index.
pub fn filter_indices(items: &[ClientSummary], query: &str) -> Vec<usize> {
    match normalize_query(query) {
        None => (0..items.len()).collect(),
        Some(query) => {
            let needle = Needle::new(&query);
            items
                .iter()
                .enumerate()
                .filter(|(_, item)| item.matches(&needle))
                .map(|(index, _)| index)
                .collect()
        }
    }
}

/// What the list is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Name (case-insensitive).
    #[default]
    Name,
    /// Client id (case-insensitive).
    Id,
    /// Status: Disabled before Enabled (alphabetical), unknown last.
    Status,
    /// Secret health: worst first, unknown last.
    Health,
}

/// Sort direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortDirection {
    /// A→Z, worst health first.
    #[default]
    Ascending,
    /// Z→A, best health first.
    Descending,
}

/// A sort order, written in the page URL as `name`, `-name`, `id`, `-status`, `health`, ….
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SortOrder {
    /// The column.
    pub key: SortKey,
    /// The direction.
    pub direction: SortDirection,
}

impl SortOrder {
    /// The URL form: the key's name, prefixed with `-` when descending.
    pub fn to_param(self) -> String {
        let key = match self.key {
            SortKey::Name => "name",
            SortKey::Id => "id",
            SortKey::Status => "status",
            SortKey::Health => "health",
        };
        match self.direction {
            SortDirection::Ascending => key.to_owned(),
            SortDirection::Descending => format!("-{key}"),
        }
    }

    /// Parses the URL form (see [`SortOrder::to_param`]).
    pub fn from_param(param: &str) -> Option<SortOrder> {
        let (direction, key) = match param.strip_prefix('-') {
            Some(key) => (SortDirection::Descending, key),
            None => (SortDirection::Ascending, param),
        };
        let key = match key {
            "name" => SortKey::Name,
            "id" => SortKey::Id,
            "status" => SortKey::Status,
            "health" => SortKey::Health,
            _ => return None,
        };
        Some(SortOrder { key, direction })
    }

    /// The order after a click on column `key`'s header: the other direction of the same
    /// column, or a new column ascending.
    pub fn clicked(self, key: SortKey) -> SortOrder {
        if self.key == key {
            self.toggled()
        } else {
            SortOrder {
                key,
                direction: SortDirection::Ascending,
            }
        }
    }

    /// The same column in the other direction (a second click on a header).
    pub fn toggled(self) -> SortOrder {
        let direction = match self.direction {
            SortDirection::Ascending => SortDirection::Descending,
            SortDirection::Descending => SortDirection::Ascending,
        };
        SortOrder { direction, ..self }
    }
}

/// Compares `Option`s with `None` last whatever the direction; `Some`s by `order`.
fn none_last<T: Ord>(a: Option<T>, b: Option<T>, direction: SortDirection) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => directed(a.cmp(&b), direction),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn directed(ordering: Ordering, direction: SortDirection) -> Ordering {
    match direction {
        SortDirection::Ascending => ordering,
        SortDirection::Descending => ordering.reverse(),
    }
}

/// Sorts `indices` (into `items`) by `order`. The sort is stable: equal rows keep their
/// order (the API's order when `indices` came from [`filter_indices`]).
pub fn sort_indices(items: &[ClientSummary], indices: &mut [usize], order: SortOrder) {
    let direction = order.direction;
    let get = |index: usize| items.get(index);
    indices.sort_by(|&a, &b| {
        let (Some(a), Some(b)) = (get(a), get(b)) else {
            // Out-of-range indices sort last; they cannot come from `filter_indices`.
            return get(a).is_none().cmp(&get(b).is_none());
        };
        match order.key {
            SortKey::Name => directed(a.name_key().cmp(b.name_key()), direction),
            SortKey::Id => directed(a.id_key().cmp(b.id_key()), direction),
            SortKey::Status => none_last(a.enabled, b.enabled, direction),
            // The rows carry no health: see [`ClientTable::sort_with_health`].
            SortKey::Health => Ordering::Equal,
        }
    });
}

/// A loaded client list with its sort ranks computed once, so that re-sorting on every
/// keystroke compares integers instead of strings (50 000 rows: milliseconds, not tens of
/// milliseconds).
///
/// Build it when a list has loaded; [`ClientTable::query`] then filters and sorts. Rows keep
/// their API order as the tie-breaker.
#[derive(Clone, Debug, Default)]
pub struct ClientTable {
    items: Vec<ClientSummary>,
    /// Each item's `search_bits`, side by side: a keystroke over every row of a large table
    /// reads these 8 bytes per row, where the items themselves would be a cache miss each
    /// (issue 20's profile: most of the first key's time at 50 000 rows).
    search_bits: Vec<u64>,
    name_rank: Vec<u32>,
    /// Computed on the first sort by Client ID (rare; half the cost of indexing 50 000 rows).
    id_rank: std::sync::OnceLock<Vec<u32>>,
}

/// Rank of each item under `key` (equal keys share a rank).
fn ranks(items: &[ClientSummary], key: impl Fn(&ClientSummary) -> &str) -> Vec<u32> {
    let mut keyed: Vec<(&str, u32)> = items
        .iter()
        .enumerate()
        .map(|(index, item)| (key(item), u32::try_from(index).unwrap_or(u32::MAX)))
        .collect();
    keyed.sort_unstable();
    let mut ranks = vec![0u32; items.len()];
    let mut rank = 0u32;
    for (position, (text, index)) in keyed.iter().enumerate() {
        if position > 0 && keyed[position - 1].0 != *text {
            rank = u32::try_from(position).unwrap_or(u32::MAX);
        }
        if let Some(slot) = ranks.get_mut(*index as usize) {
            *slot = rank;
        }
    }
    ranks
}

/// Two tables are equal when their rows are (the ranks follow from the rows, computed or not).
impl PartialEq for ClientTable {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl Eq for ClientTable {}

impl ClientTable {
    /// Indexes `items` (API order).
    pub fn new(items: Vec<ClientSummary>) -> Self {
        let name_rank = ranks(&items, ClientSummary::name_key);
        let search_bits = items.iter().map(|item| item.search_bits).collect();
        ClientTable {
            items,
            search_bits,
            name_rank,
            id_rank: std::sync::OnceLock::new(),
        }
    }

    /// The rows, in API order.
    pub fn items(&self) -> &[ClientSummary] {
        &self.items
    }

    /// The row at `index`.
    pub fn get(&self, index: usize) -> Option<&ClientSummary> {
        self.items.get(index)
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The position of the client with `id`, if present.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|item| item.id() == id)
    }

    /// Sorts `indices` by `order` (stable: equal rows keep their order in `indices`).
    ///
    /// Each row becomes one `u64` (its rank under `order` in the high half, its position in
    /// the low half), so the sort compares integers only.
    pub fn sort(&self, indices: &mut [usize], order: SortOrder) {
        self.sort_with_health(indices, order, None);
    }

    /// [`ClientTable::sort`], with the Secrets column's health taken from `health` (one entry
    /// per item, `None` while unknown); without it, a health order keeps the API's order.
    pub fn sort_with_health(
        &self,
        indices: &mut [usize],
        order: SortOrder,
        health: Option<&[Option<ClientHealth>]>,
    ) {
        let directed_rank = |rank: u32| match order.direction {
            SortDirection::Ascending => rank,
            // Keeps u32::MAX free for "unknown", which sorts last either way.
            SortDirection::Descending => u32::MAX - 1 - rank.min(u32::MAX - 1),
        };
        let primary = |index: usize| -> u32 {
            let rank_of = |ranks: &[u32]| ranks.get(index).copied().map(directed_rank);
            let item = self.items.get(index);
            match (order.key, health) {
                (SortKey::Name, _) => rank_of(&self.name_rank),
                (SortKey::Id, _) => rank_of(
                    self.id_rank
                        .get_or_init(|| ranks(&self.items, ClientSummary::id_key)),
                ),
                (SortKey::Status, _) => item
                    .and_then(|i| i.enabled)
                    .map(|e| directed_rank(u32::from(e))),
                (SortKey::Health, Some(column)) => column
                    .get(index)
                    .copied()
                    .flatten()
                    .map(|h| directed_rank(h.rank())),
                (SortKey::Health, None) => None,
            }
            .unwrap_or(u32::MAX)
        };
        let mut keys: Vec<u64> = indices
            .iter()
            .enumerate()
            .map(|(position, &index)| (u64::from(primary(index)) << 32) | position as u64)
            .collect();
        keys.sort_unstable();
        let original = indices.to_vec();
        for (slot, key) in indices.iter_mut().zip(keys) {
            // The low half is a position in `original` (< its length).
            if let Some(&index) = original.get((key & u64::from(u32::MAX)) as usize) {
                *slot = index;
            }
        }
    }

    /// The rows whose name or id contains `query` (case-insensitive), in API order (see
    /// [`filter_indices`]).
    pub fn filter(&self, query: &str) -> Vec<usize> {
        filter_indices(&self.items, query)
    }

    /// The rows of `sorted` whose name or id contains `query`, in the order of `sorted`.
    /// With `sorted = query("", order)` (every row, sorted once per list and order) this is
    /// `query(query, order)` without sorting again: one pass per keystroke.
    pub fn filter_sorted(&self, sorted: &[usize], query: &str) -> Vec<usize> {
        match normalize_query(query) {
            None => sorted.to_vec(),
            Some(query) => {
                let needle = Needle::new(&query);
                sorted
                    .iter()
                    .copied()
                    .filter(|&index| {
                        self.search_bits
                            .get(index)
                            .is_some_and(|&bits| needle.admits(bits))
                            && self
                                .items
                                .get(index)
                                .is_some_and(|item| needle.found_in(&item.search_key))
                    })
                    .collect()
            }
        }
    }

    /// The rows matching `query`, sorted by `order`, as indices into [`ClientTable::items`].
    pub fn query(&self, query: &str, order: SortOrder) -> Vec<usize> {
        let mut indices = self.filter(query);
        self.sort(&mut indices, order);
        indices
    }
}

/// Recent search results over one sorted order of one table, so that a keystroke that extends
/// the query filters only the earlier matches, and one that returns to an earlier query
/// (Backspace) costs nothing.
#[derive(Debug, Default)]
pub struct SearchCache {
    /// The order the entries were computed from (a new one empties the cache).
    sorted: Option<Arc<Vec<usize>>>,
    /// Normalized query and its rows, most recently used last.
    entries: Vec<(String, Arc<Vec<usize>>)>,
}

impl SearchCache {
    /// Queries remembered per order.
    const KEEP: usize = 32;

    /// The rows of `sorted` (every row of `table`, sorted) that match `query`: the same as
    /// `table.filter_sorted(sorted, query)`. `sorted` must be a new `Arc` whenever the table
    /// or the order changes.
    pub fn rows(
        &mut self,
        table: &ClientTable,
        sorted: &Arc<Vec<usize>>,
        query: &str,
    ) -> Arc<Vec<usize>> {
        let Some(query) = normalize_query(query) else {
            return Arc::clone(sorted);
        };
        if !self.sorted.as_ref().is_some_and(|s| Arc::ptr_eq(s, sorted)) {
            self.sorted = Some(Arc::clone(sorted));
            self.entries.clear();
        }
        if let Some(at) = self.entries.iter().position(|(q, _)| *q == query) {
            let entry = self.entries.remove(at);
            let rows = Arc::clone(&entry.1);
            self.entries.push(entry);
            return rows;
        }
        // A row that contains `query` contains every part of it: the smallest earlier result
        // for a part of `query` holds all the matches, in order.
        let base = self
            .entries
            .iter()
            .filter(|(q, _)| query.contains(q.as_str()))
            .min_by_key(|(_, rows)| rows.len())
            .map(|(_, rows)| Arc::clone(rows));
        let rows = Arc::new(table.filter_sorted(base.as_deref().unwrap_or(sorted), &query));
        if self.entries.len() >= Self::KEEP {
            self.entries.remove(0);
        }
        self.entries.push((query, Arc::clone(&rows)));
        rows
    }
}

/// Filters by `query` and sorts by `order`: the rows to show, as indices into `items`.
pub fn search_and_sort(items: &[ClientSummary], query: &str, order: SortOrder) -> Vec<usize> {
    let mut indices = filter_indices(items, query);
    sort_indices(items, &mut indices, order);
    indices
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::wire::{ClientCredentialClient, HybridClient};

    fn s(id: &str, name: &str, enabled: Option<bool>) -> ClientSummary {
        ClientSummary::new(ClientKind::ClientCredentials, id, name, enabled)
    }

    fn sample() -> Vec<ClientSummary> {
        vec![
            s("b-2", "Pump station telemetry", Some(true)),
            s("a-1", "historian sync", Some(false)),
            s("c-3", "Äther Gateway", None),
            s("d-4", "Historian Sync", Some(true)),
        ]
    }

    fn names(items: &[ClientSummary], indices: &[usize]) -> Vec<String> {
        indices
            .iter()
            .map(|&i| items[i].name().to_owned())
            .collect()
    }

    /// The byte bits and the first-byte scan find what a plain substring search finds: every
    /// substring of the keys (and some that are not) against every row, non-ASCII included.
    #[test]
    fn search_finds_exactly_what_a_substring_search_finds() {
        let rows = [
            s("pump-7", "Pump station 0042 (north)", None),
            s("ppp", "pupu", None),
            s("x", "Äther Gateway", None),
            s("id:1", "o'Brien & co, inc.", None),
            s("", "", None),
        ];
        let keys: Vec<String> = rows.iter().map(|r| r.search_key.clone()).collect();
        let mut queries: Vec<String> = ["pu", "pup", "zz", "ä", "äther", "th", "~", "p\nu", "44"]
            .iter()
            .map(|q| q.to_string())
            .collect();
        for key in &keys {
            let chars: Vec<char> = key.chars().collect();
            for start in 0..chars.len() {
                for end in start + 1..=chars.len().min(start + 4) {
                    queries.push(chars[start..end].iter().collect());
                }
            }
        }
        for query in queries.iter().filter(|q| !q.contains('\n')) {
            for (row, key) in rows.iter().zip(&keys) {
                assert_eq!(
                    row.matches_normalized(query),
                    key.contains(query.as_str()),
                    "{query:?} in {key:?}"
                );
            }
        }
    }

    #[test]
    fn search_is_case_insensitive_over_name_and_id() {
        let items = sample();
        assert_eq!(filter_indices(&items, "HISTORIAN"), vec![1, 3]);
        assert_eq!(filter_indices(&items, " sync "), vec![1, 3]);
        assert_eq!(filter_indices(&items, "C-3"), vec![2]);
        assert_eq!(filter_indices(&items, "äther"), vec![2]);
        assert_eq!(filter_indices(&items, ""), vec![0, 1, 2, 3]);
        assert_eq!(filter_indices(&items, "   "), vec![0, 1, 2, 3]);
        assert!(filter_indices(&items, "nothing like it").is_empty());
        // Name and id are separate: a query spanning both does not match.
        assert!(filter_indices(&items, "telemetry\nb-2").is_empty());
        assert!(filter_indices(&items, "telemetryb-2").is_empty());
    }

    #[test]
    fn sort_by_name_is_stable_and_case_insensitive() {
        let items = sample();
        let asc = search_and_sort(
            &items,
            "",
            SortOrder {
                key: SortKey::Name,
                direction: SortDirection::Ascending,
            },
        );
        assert_eq!(
            names(&items, &asc),
            [
                "historian sync",
                "Historian Sync",
                "Pump station telemetry",
                "Äther Gateway"
            ]
        );
        let desc = search_and_sort(
            &items,
            "",
            SortOrder {
                key: SortKey::Name,
                direction: SortDirection::Descending,
            },
        );
        // Equal keys keep their original order in both directions.
        assert_eq!(
            names(&items, &desc),
            [
                "Äther Gateway",
                "Pump station telemetry",
                "historian sync",
                "Historian Sync"
            ]
        );
    }

    #[test]
    fn a_header_click_toggles_its_column_or_starts_another_ascending() {
        let by = |key, direction| SortOrder { key, direction };
        let name_up = by(SortKey::Name, SortDirection::Ascending);
        assert_eq!(
            name_up.clicked(SortKey::Name),
            by(SortKey::Name, SortDirection::Descending)
        );
        assert_eq!(
            name_up.clicked(SortKey::Name).clicked(SortKey::Name),
            name_up
        );
        assert_eq!(
            by(SortKey::Id, SortDirection::Descending).clicked(SortKey::Health),
            by(SortKey::Health, SortDirection::Ascending)
        );
    }

    #[test]
    fn health_column_sorts_worst_first_unknown_last_both_ways() {
        let table = ClientTable::new(sample());
        let now = chrono::Utc::now();
        let never = crate::model::wire::ClientSecret {
            expires: Some(false),
            ..Default::default()
        };
        let expired = crate::model::wire::ClientSecret {
            expiration: Some(now - chrono::TimeDelta::days(1)),
            ..Default::default()
        };
        let mut column = vec![None; table.len()];
        column[0] = Some(ClientHealth::of(&[], now));
        column[1] = Some(ClientHealth::of(&[never], now));
        column[2] = Some(ClientHealth::of(&[expired], now));
        let order = |direction| SortOrder {
            key: SortKey::Health,
            direction,
        };
        let mut rows: Vec<usize> = (0..table.len()).collect();
        table.sort_with_health(&mut rows, order(SortDirection::Ascending), Some(&column));
        assert_eq!(rows[..3], [2, 1, 0]);
        assert!(rows[3..].iter().all(|&i| column[i].is_none()));
        table.sort_with_health(&mut rows, order(SortDirection::Descending), Some(&column));
        assert_eq!(rows[..3], [0, 1, 2]);
    }

    #[test]
    fn sort_by_id_and_status() {
        let items = sample();
        for (key, direction, expected) in [
            (SortKey::Id, SortDirection::Ascending, [1, 0, 2, 3]),
            (SortKey::Id, SortDirection::Descending, [3, 2, 0, 1]),
            (SortKey::Status, SortDirection::Ascending, [1, 0, 3, 2]),
            (SortKey::Status, SortDirection::Descending, [0, 3, 1, 2]),
            // No health column given: the API's order.
            (SortKey::Health, SortDirection::Ascending, [0, 1, 2, 3]),
        ] {
            let order = SortOrder { key, direction };
            assert_eq!(search_and_sort(&items, "", order), expected, "{order:?}");
        }
        let filtered = search_and_sort(
            &items,
            "historian",
            SortOrder {
                key: SortKey::Status,
                direction: SortDirection::Descending,
            },
        );
        assert_eq!(filtered, vec![3, 1]);
    }

    #[test]
    fn search_cache_gives_the_rows_filter_sorted_gives() {
        let items = sample();
        let table = ClientTable::new(items.clone());
        let order = SortOrder::default();
        let sorted = Arc::new(table.query("", order));
        let mut cache = SearchCache::default();
        // Typing, erasing, typing again, queries seen before and unrelated ones.
        for query in [
            "h", "hi", "his", "hi", "h", "", "p", "pu", "pump", "ump", "H", "histo", "zz", "z", "",
            "4", "b-2", "b", "y\nb", "ä", "äther", "-", " ",
        ] {
            assert_eq!(
                *cache.rows(&table, &sorted, query),
                table.filter_sorted(&sorted, query),
                "{query:?}"
            );
            // The table's own bits give what each row's full match gives, in sorted order.
            let matching = filter_indices(&items, query);
            let expected: Vec<usize> = sorted
                .iter()
                .copied()
                .filter(|i| matching.contains(i))
                .collect();
            assert_eq!(table.filter_sorted(&sorted, query), expected, "{query:?}");
        }
        // A new order (or table) starts afresh.
        let descending = Arc::new(table.query(
            "",
            SortOrder {
                key: SortKey::Name,
                direction: SortDirection::Descending,
            },
        ));
        assert_eq!(
            *cache.rows(&table, &descending, "h"),
            table.filter_sorted(&descending, "h")
        );
        let other = ClientTable::new(items[..2].to_vec());
        let other_sorted = Arc::new(other.query("", order));
        assert_eq!(
            *cache.rows(&other, &other_sorted, "h"),
            other.filter_sorted(&other_sorted, "h")
        );
    }

    #[test]
    fn table_sorts_like_the_plain_sort() {
        let items = sample();
        let table = ClientTable::new(items.clone());
        assert_eq!(table.len(), 4);
        for key in [SortKey::Name, SortKey::Id, SortKey::Status, SortKey::Health] {
            for direction in [SortDirection::Ascending, SortDirection::Descending] {
                let order = SortOrder { key, direction };
                let sorted = table.query("", order);
                for query in ["", "historian", "zzz", "H", "c-3", "y\nb"] {
                    assert_eq!(
                        table.query(query, order),
                        search_and_sort(&items, query, order),
                        "{order:?} {query:?}"
                    );
                    assert_eq!(
                        table.filter_sorted(&sorted, query),
                        table.query(query, order),
                        "filter_sorted {order:?} {query:?}"
                    );
                }
            }
        }
        for query in [
            "",
            "h",
            "HISTORIAN",
            "c-3",
            "äther",
            "4",
            "y\nb",
            "y\0d",
            "zzz",
        ] {
            assert_eq!(
                table.filter(query),
                filter_indices(&items, query),
                "{query:?}"
            );
        }
        assert_eq!(table.position("c-3"), Some(2));
        assert!(ClientTable::default().is_empty());
    }

    #[test]
    fn sort_order_in_the_url() {
        for param in [
            "name", "-name", "id", "-id", "status", "-status", "health", "-health",
        ] {
            assert_eq!(
                SortOrder::from_param(param)
                    .map(SortOrder::to_param)
                    .as_deref(),
                Some(param)
            );
        }
        assert_eq!(SortOrder::from_param("size"), None);
        let asc = SortOrder::default();
        assert_eq!(asc.to_param(), "name");
        assert_eq!(asc.toggled().to_param(), "-name");
        assert_eq!(asc.toggled().toggled(), asc);
    }

    #[test]
    fn summary_of_each_kind() {
        let cc = Client::ClientCredentials(ClientCredentialClient {
            id: Some("ID-1".into()),
            name: Some("Telemetry".into()),
            enabled: Some(false),
            access_token_lifetime: Some(300),
            role_ids: Some(vec!["r1".into(), "r2".into()]),
            ..Default::default()
        });
        let summary = ClientSummary::from_client(&cc);
        assert_eq!(summary.kind(), ClientKind::ClientCredentials);
        assert_eq!((summary.id(), summary.name()), ("ID-1", "Telemetry"));
        assert_eq!(summary.status_label(), "Disabled");
        assert_eq!(summary.access_token_lifetime(), Some(300));
        assert_eq!(summary.role_ids().len(), 2);
        assert!(summary.matches_normalized("id-1"));
        let hybrid = Client::Hybrid(HybridClient {
            redirect_uris: Some(vec![
                "https://a.example/cb".into(),
                "https://b.example/cb".into(),
            ]),
            ..Default::default()
        });
        let summary = ClientSummary::from_client(&hybrid);
        assert_eq!(summary.redirect_uri_count(), 2);
        assert_eq!(summary.status_label(), "Unknown");
        assert_eq!(summary.name(), "");
    }
}
