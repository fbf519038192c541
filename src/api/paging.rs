//! Loading a whole list: page planning (pure) and a bounded-concurrency loader.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use futures::stream::{self, StreamExt};

use super::error::ApiError;
use super::response::Page;

/// Page size for list requests (the API's default `count`).
pub const PAGE_SIZE: u64 = 100;

/// Page size for whole client lists: ten times fewer requests at 50 000 clients. No maximum
/// `count` is documented; a server that caps pages is followed (see
/// [`plan_remaining_pages`]), and one that refuses the size (400) is asked again with
/// [`PAGE_SIZE`].
pub const LIST_PAGE_SIZE: u64 = 1000;

/// Most list requests in flight at once while loading a whole list.
pub const MAX_IN_FLIGHT: usize = 4;

/// Largest `Total-Count` believed (the tenant limit is 50 000 clients); a larger one is a
/// decode error instead of thousands of requests.
pub const MAX_TOTAL: u64 = 1_000_000;

/// One page to fetch: `skip` and `count` query values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageSpec {
    /// Items to skip.
    pub skip: u64,
    /// Items to return.
    pub count: u64,
}

/// The pages still to fetch after the first one, in API order.
///
/// The first page's length is the stride: normally `page_size`, but if the server returned
/// fewer items than asked while `total` says there are more, it caps the page size and the
/// following pages use its size. An empty first page means nothing more to fetch.
pub fn plan_remaining_pages(total: u64, first_page_len: u64, page_size: u64) -> Vec<PageSpec> {
    let stride = if first_page_len >= page_size {
        page_size.max(1)
    } else {
        first_page_len
    };
    if stride == 0 {
        return Vec::new();
    }
    let mut pages = Vec::new();
    let mut skip = first_page_len;
    while skip < total {
        pages.push(PageSpec {
            skip,
            count: stride,
        });
        skip += stride;
    }
    pages
}

/// A shared "stop" flag for a long load. Clone it into the load and call
/// [`CancelToken::cancel`] when the user moves on (e.g. switches client type): no further
/// request is issued and the load ends with [`ApiError::Cancelled`].
#[derive(Clone, Debug, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A fresh, not cancelled token.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stops the load(s) holding this token.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether [`CancelToken::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    fn check(&self) -> Result<(), ApiError> {
        if self.is_cancelled() {
            Err(ApiError::Cancelled)
        } else {
            Ok(())
        }
    }
}

/// Loads every page through `fetch(skip, count)`: the first page gives `Total-Count`, the
/// rest are fetched with at most [`MAX_IN_FLIGHT`] requests in flight. `first`: the answer
/// to `fetch(0, page_size)` when it was sent earlier (the list's first page, sent while the
/// app mounts). `progress(loaded, total)` is called after each page. Items come back in API
/// order, child errors (207) are collected. Without a `Total-Count` the pages are fetched
/// one by one until a short page.
///
/// The plan is fixed by the first page's `Total-Count`: clients added or removed while the
/// load runs may be missed or seen twice (the API pages by offset and has no snapshot), so
/// refresh after changes.
pub async fn load_pages<T, F, Fut>(
    fetch: F,
    first: Option<futures::future::LocalBoxFuture<'_, Result<Page<T>, ApiError>>>,
    page_size: u64,
    progress: impl Fn(usize, usize),
    cancel: &CancelToken,
) -> Result<Page<T>, ApiError>
where
    F: Fn(u64, u64) -> Fut,
    Fut: Future<Output = Result<Page<T>, ApiError>>,
{
    cancel.check()?;
    let first_answer = match first {
        Some(sent) => sent.await,
        None => fetch(0, page_size).await,
    };
    let (first, page_size) = match first_answer {
        Err(ApiError::Invalid(_)) if page_size > PAGE_SIZE => {
            (fetch(0, PAGE_SIZE).await?, PAGE_SIZE)
        }
        other => (other?, page_size),
    };
    cancel.check()?;
    let Page {
        items: mut all,
        total,
        mut child_errors,
    } = first;
    let first_len = all.len() as u64;

    let Some(total) = total else {
        // No Total-Count: walk the pages one at a time until a short one.
        progress(all.len(), all.len());
        let mut last_len = first_len;
        while last_len >= page_size && last_len > 0 {
            cancel.check()?;
            let page = fetch(all.len() as u64, page_size).await?;
            cancel.check()?;
            last_len = page.items.len() as u64;
            all.extend(page.items);
            child_errors.extend(page.child_errors);
            progress(all.len(), all.len());
        }
        return Ok(Page {
            items: all,
            total: None,
            child_errors,
        });
    };
    if total > MAX_TOTAL {
        return Err(ApiError::Decode(format!("implausible Total-Count {total}")));
    }

    let plan = plan_remaining_pages(total, first_len, page_size);
    let total_shown = |loaded: usize| usize::try_from(total).unwrap_or(usize::MAX).max(loaded);
    let mut loaded = all.len();
    progress(loaded, total_shown(loaded));

    let mut pages: Vec<Option<Vec<T>>> = Vec::new();
    pages.resize_with(plan.len(), || None);
    let fetch = &fetch;
    let mut results = stream::iter(plan.into_iter().enumerate())
        .map(|(index, spec)| async move {
            // Checked when the request would be issued, not when it was planned.
            if cancel.is_cancelled() {
                return (index, Err(ApiError::Cancelled));
            }
            (index, fetch(spec.skip, spec.count).await)
        })
        .buffer_unordered(MAX_IN_FLIGHT);
    while let Some((index, result)) = results.next().await {
        cancel.check()?;
        let page = result?;
        loaded += page.items.len();
        child_errors.extend(page.child_errors);
        if let Some(slot) = pages.get_mut(index) {
            *slot = Some(page.items);
        }
        progress(loaded, total_shown(loaded));
    }
    drop(results);
    all.reserve(loaded.saturating_sub(all.len()));
    all.extend(pages.into_iter().flatten().flatten());
    Ok(Page {
        items: all,
        total: Some(total),
        child_errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pages asked for, as `(skip, count)`.
    fn plan(total: u64, first_len: u64, page_size: u64) -> Vec<(u64, u64)> {
        plan_remaining_pages(total, first_len, page_size)
            .into_iter()
            .map(|p| (p.skip, p.count))
            .collect()
    }

    #[test]
    fn plan_pages_of_100() {
        assert!(plan(0, 0, 100).is_empty());
        assert!(plan(57, 57, 100).is_empty());
        assert!(plan(100, 100, 100).is_empty());
        assert_eq!(plan(250, 100, 100), [(100, 100), (200, 100)]);
        let all = plan(50_000, 100, 100);
        assert_eq!(all.len(), 499);
        assert_eq!(all.first(), Some(&(100, 100)));
        assert_eq!(all.last(), Some(&(49_900, 100)));
    }

    #[test]
    fn plan_follows_a_server_that_caps_the_page_size() {
        assert_eq!(plan(120, 50, 100), [(50, 50), (100, 50)]);
        // An empty first page with a positive total: nothing more to ask for.
        assert!(plan(10, 0, 100).is_empty());
        // A server that ignores `count` and returns more: follow the asked size.
        assert_eq!(plan(300, 150, 100), [(150, 100), (250, 100)]);
    }

    #[test]
    fn a_refused_page_size_falls_back_to_pages_of_100() {
        use std::cell::RefCell;
        let asked = RefCell::new(Vec::new());
        let fetch = |skip: u64, count: u64| {
            asked.borrow_mut().push((skip, count));
            async move {
                if count > PAGE_SIZE {
                    return Err(ApiError::Invalid(None));
                }
                let end = (skip + count).min(250);
                Ok(Page {
                    items: (skip..end).collect::<Vec<u64>>(),
                    total: Some(250),
                    child_errors: Vec::new(),
                })
            }
        };
        let page = futures::executor::block_on(load_pages(
            fetch,
            None,
            LIST_PAGE_SIZE,
            |_, _| {},
            &CancelToken::new(),
        ))
        .unwrap();
        assert_eq!(page.items, (0..250).collect::<Vec<u64>>());
        assert_eq!(
            asked.into_inner(),
            [(0, 1000), (0, 100), (100, 100), (200, 100)]
        );
    }

    #[test]
    fn cancel_token_is_shared_by_clones() {
        let token = CancelToken::new();
        let clone = token.clone();
        assert!(!clone.is_cancelled());
        token.cancel();
        assert!(clone.is_cancelled());
    }
}
