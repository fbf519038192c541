//! Native benchmark of the client list's search and sort over 50 000 clients (the tenant
//! limit). Prints figures; asserts nothing about time.
//!
//! Run: `cargo bench -p clients-console --bench model`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    bench::run();
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    use clients_console::model::{
        filter_indices, sort_indices, ClientHealth, ClientKind, ClientSecret, ClientSummary,
        ClientTable, SortDirection, SortKey, SortOrder,
    };

    const CLIENTS: usize = 50_000;
    const RUNS: usize = 31;

    const WORDS: [&str; 16] = [
        "Pump",
        "station",
        "telemetry",
        "Historian",
        "sync",
        "Compressor",
        "Line",
        "Boiler",
        "Gateway",
        "Edge",
        "Reporting",
        "Maintenance",
        "North",
        "South",
        "Plant",
        "Ingest",
    ];

    /// A deterministic pseudo-random tenant: realistic names and GUID-like ids.
    fn tenant() -> Vec<ClientSummary> {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..CLIENTS)
            .map(|i| {
                let (a, b, c) = (next(), next(), next());
                let name = format!(
                    "{} {} {} {}",
                    WORDS[(a % 16) as usize],
                    WORDS[(b % 16) as usize],
                    WORDS[(c % 16) as usize],
                    i
                );
                let id = format!(
                    "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
                    a as u32,
                    (b >> 16) as u16,
                    c & 0xfff,
                    (a >> 40) & 0xfff,
                    b & 0xffff_ffff_ffff
                );
                ClientSummary::new(ClientKind::ClientCredentials, id, name, Some(a % 5 != 0))
                    .with_access_token_lifetime(Some(3600))
            })
            .collect()
    }

    fn median(mut samples: Vec<Duration>) -> f64 {
        samples.sort();
        samples[samples.len() / 2].as_secs_f64() * 1000.0
    }

    fn time<T>(mut f: impl FnMut() -> T) -> f64 {
        let samples = (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect();
        median(samples)
    }

    pub fn run() {
        let start = Instant::now();
        let items = tenant();
        println!(
            "model: built {CLIENTS} summaries in {:.1} ms",
            start.elapsed().as_secs_f64() * 1000.0
        );

        let queries = [
            "pump",
            "HISTORIAN SYNC",
            "4a",
            "zzz-no-match",
            "e",
            "station telemetry 4",
        ];
        let mut medians = Vec::new();
        for query in queries {
            let hits = filter_indices(&items, query).len();
            let ms = time(|| filter_indices(black_box(&items), black_box(query)));
            medians.push(ms);
            println!(
                "model: filter {CLIENTS} clients for {query:?}: {hits} hits, median {ms:.2} ms"
            );
        }
        medians.sort_by(f64::total_cmp);
        let overall = medians[medians.len() / 2];
        let worst = medians.last().copied().unwrap_or_default();
        println!(
            "model: filter {CLIENTS} clients median {overall:.2} ms, slowest query {worst:.2} ms (target < 5 ms)"
        );

        let start = Instant::now();
        let table = ClientTable::new(items.clone());
        println!(
            "model: index {CLIENTS} clients for sorting (once per load) {:.1} ms",
            start.elapsed().as_secs_f64() * 1000.0
        );
        let by_name = SortOrder::default();
        for query in ["", "pump", "zzz-no-match"] {
            let ms = time(|| table.query(black_box(query), by_name));
            println!("model: table query {query:?} sorted by name over {CLIENTS} clients median {ms:.2} ms");
        }

        let all: Vec<usize> = (0..items.len()).collect();
        for (key, label) in [
            (SortKey::Name, "name"),
            (SortKey::Id, "id"),
            (SortKey::Status, "status"),
        ] {
            for direction in [SortDirection::Ascending, SortDirection::Descending] {
                let order = SortOrder { key, direction };
                let ms = time(|| {
                    let mut indices = all.clone();
                    sort_indices(&items, &mut indices, order);
                    indices
                });
                let dir = if direction == SortDirection::Ascending {
                    "asc"
                } else {
                    "desc"
                };
                let ranked = time(|| {
                    let mut indices = all.clone();
                    table.sort(&mut indices, order);
                    indices
                });
                println!(
                    "model: sort {CLIENTS} clients by {label} {dir} median {ms:.2} ms (plain), {ranked:.2} ms (ClientTable)"
                );
            }
        }

        // The Secrets column: health kept beside the table (one in six unknown yet).
        let now = chrono::Utc::now();
        let column: Vec<Option<ClientHealth>> = (0..items.len())
            .map(|i| {
                let days = [-3i64, 5, 20, 200][i % 4];
                let secret = ClientSecret {
                    expiration: Some(now + chrono::TimeDelta::days(days)),
                    expires: Some(i % 7 != 0),
                    ..Default::default()
                };
                (i % 6 != 5).then(|| ClientHealth::of(&[secret], now))
            })
            .collect();
        for direction in [SortDirection::Ascending, SortDirection::Descending] {
            let order = SortOrder {
                key: SortKey::Health,
                direction,
            };
            let ms = time(|| {
                let mut indices = all.clone();
                table.sort_with_health(&mut indices, order, Some(&column));
                indices
            });
            println!("model: sort {CLIENTS} clients by the Secrets column {direction:?} median {ms:.2} ms (ClientTable)");
        }
    }
}
