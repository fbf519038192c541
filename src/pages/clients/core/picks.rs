//! The clients picked for a bulk action (the list's checkboxes): their ids, and the anchor
//! of Shift ranges. The list draws and changes them; the bulk room acts on them. A new
//! Client Type starts with none picked.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;

use crate::model::ClientTable;

/// The picked clients, shared by the list and the bulk room.
#[derive(Clone, Copy)]
pub struct Picks {
    ids: RwSignal<Arc<HashSet<String>>>,
    /// Where the last plain toggle was (a position in the rows shown): Shift ranges start there.
    anchor: StoredValue<Option<usize>>,
}

impl Picks {
    pub fn new() -> Self {
        Picks {
            ids: RwSignal::new(Arc::new(HashSet::new())),
            anchor: StoredValue::new(None),
        }
    }

    pub fn ids(&self) -> Arc<HashSet<String>> {
        self.ids.get()
    }

    pub fn count(&self) -> usize {
        self.ids.with(|ids| ids.len())
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.with(|ids| ids.contains(id))
    }

    pub fn clear(&self) {
        if self.ids.with_untracked(|ids| !ids.is_empty()) {
            self.ids.set(Arc::new(HashSet::new()));
        }
        self.anchor.set_value(None);
    }

    fn edit(&self, change: impl FnOnce(&mut HashSet<String>)) {
        self.ids.update(|ids| change(Arc::make_mut(ids)));
    }

    /// Toggles `id` (at `position` of the rows shown), which becomes the anchor.
    pub fn toggle(&self, id: &str, position: usize) {
        self.edit(|ids| {
            if !ids.remove(id) {
                ids.insert(id.to_string());
            }
        });
        self.anchor.set_value(Some(position));
    }

    /// Shift: picks every row shown from the anchor (or `position` when there is none) to
    /// `position`.
    pub fn extend_to(&self, table: &ClientTable, rows: &[usize], position: usize) {
        let anchor = self.anchor.get_value().unwrap_or(position);
        let (from, to) = (anchor.min(position), anchor.max(position));
        self.edit(|ids| {
            for &index in rows
                .get(from..=to.min(rows.len().saturating_sub(1)))
                .unwrap_or(&[])
            {
                if let Some(s) = table.get(index) {
                    ids.insert(s.id().to_string());
                }
            }
        });
        if self.anchor.get_value().is_none() {
            self.anchor.set_value(Some(position));
        }
    }

    /// Picks every row shown ("Select all N matching").
    pub fn pick_all(&self, table: &ClientTable, rows: &[usize]) {
        let all: HashSet<String> = rows
            .iter()
            .filter_map(|&i| table.get(i).map(|s| s.id().to_string()))
            .collect();
        self.ids.set(Arc::new(all));
    }

    /// Whether every row shown is picked (false for no rows). Costs nothing while none is
    /// picked (so a keystroke in Search does not pay for it).
    pub fn all_picked(&self, table: &ClientTable, rows: &[usize]) -> bool {
        self.ids.with(|ids| {
            !ids.is_empty()
                && ids.len() >= rows.len()
                && !rows.is_empty()
                && rows
                    .iter()
                    .all(|&i| table.get(i).is_some_and(|s| ids.contains(s.id())))
        })
    }

    /// How many of the picked clients are among the rows shown (the others are hidden by
    /// the search or a chip). Costs nothing while none is picked.
    pub fn shown(&self, table: &ClientTable, rows: &[usize]) -> usize {
        self.ids.with(|ids| {
            if ids.is_empty() {
                return 0;
            }
            rows.iter()
                .filter(|&&i| table.get(i).is_some_and(|s| ids.contains(s.id())))
                .count()
        })
    }

    /// Forgets `done` (removed, or acted on and no longer wanted).
    pub fn drop_ids(&self, done: &[String]) {
        if done.is_empty() {
            return;
        }
        self.edit(|ids| {
            for id in done {
                ids.remove(id);
            }
        });
    }
}

impl Default for Picks {
    fn default() -> Self {
        Self::new()
    }
}
