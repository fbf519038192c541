//! Deterministic demo data: fixed ids and names, dates relative to the start time, so every
//! state a user should see exists (expired secrets, ones expiring within 7 and 30 days, …).

use chrono::{DateTime, Duration, Utc};

use crate::{
    model::Role,
    rules,
    store::{
        hash_secret, ClientKind, StoredClient, StoredSecret, Tenant, COMMUNITY_ADMINISTRATOR_TYPE,
        SCOPE_COMMUNITY, SCOPE_TENANT, TENANT_ADMINISTRATOR_TYPE, TENANT_CONTRIBUTOR_TYPE,
        TENANT_DATA_STEWARD_TYPE, TENANT_MEMBER_TYPE, TENANT_VIEWER_TYPE,
    },
};

/// The tenant id served by default (also in `public/config.json`).
pub const DEFAULT_TENANT_ID: &str = "5b1e9c2a-7d4f-4e8a-9c3b-1f2e3d4c5b6a";

/// Id of the Tenant Administrator role in the seeded tenant.
pub const ROLE_TENANT_ADMINISTRATOR: &str = "6f0b7c1e-2a43-4d59-8e21-0c9a7b3d5e11";
/// Id of the Tenant Contributor role in the seeded tenant.
pub const ROLE_TENANT_CONTRIBUTOR: &str = "6f0b7c1e-2a43-4d59-8e21-0c9a7b3d5e12";
/// Id of the Tenant Data Steward role in the seeded tenant.
pub const ROLE_TENANT_DATA_STEWARD: &str = "6f0b7c1e-2a43-4d59-8e21-0c9a7b3d5e13";
/// Id of the Tenant Viewer role in the seeded tenant.
pub const ROLE_TENANT_VIEWER: &str = "6f0b7c1e-2a43-4d59-8e21-0c9a7b3d5e14";
/// Id of the Tenant Member role in the seeded tenant.
pub const ROLE_TENANT_MEMBER: &str = "6f0b7c1e-2a43-4d59-8e21-0c9a7b3d5e15";
/// Id of the Community Administrator role in the seeded tenant.
pub const ROLE_COMMUNITY_ADMINISTRATOR: &str = "6f0b7c1e-2a43-4d59-8e21-0c9a7b3d5e16";
/// Id of the custom tenant role "Pipeline Operators".
pub const ROLE_CUSTOM_PIPELINE_OPERATORS: &str = "6f0b7c1e-2a43-4d59-8e21-0c9a7b3d5e21";
/// Id of the community role "North Sea Partners – Data Readers".
pub const ROLE_COMMUNITY_READERS: &str = "6f0b7c1e-2a43-4d59-8e21-0c9a7b3d5e31";
/// The community the community role belongs to.
pub const COMMUNITY_ID: &str = "0d4e8f2a-91b3-4c6d-a7e5-3f2b1c0d9e8a";

/// What the tenant starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeedOptions {
    /// The demo clients (`false` = `--empty`).
    pub demo: bool,
    /// Generated clients added for scale work (`--clients N`), capped so that the tenant
    /// holds at most 50 000 clients.
    pub generated: usize,
}

impl Default for SeedOptions {
    fn default() -> Self {
        Self {
            demo: true,
            generated: 0,
        }
    }
}

/// The tenant's roles: the six built-in ones, one custom tenant role and one community role.
pub fn roles(tenant_id: &str) -> Vec<Role> {
    let tenant = |id: &str, name: &str, description: &str, role_type: Option<&str>| Role {
        id: Some(id.to_owned()),
        name: Some(name.to_owned()),
        description: Some(description.to_owned()),
        role_scope: Some(SCOPE_TENANT),
        tenant_id: Some(tenant_id.to_owned()),
        community_id: None,
        role_type_id: role_type.map(str::to_owned),
    };
    vec![
        tenant(
            ROLE_TENANT_ADMINISTRATOR,
            "Tenant Administrator",
            "Full permissions: can create and remove users, clients and secrets.",
            Some(TENANT_ADMINISTRATOR_TYPE),
        ),
        tenant(
            ROLE_COMMUNITY_ADMINISTRATOR,
            "Community Administrator",
            "Administers the communities of the tenant.",
            Some(COMMUNITY_ADMINISTRATOR_TYPE),
        ),
        tenant(
            ROLE_TENANT_CONTRIBUTOR,
            "Tenant Contributor",
            "Read and write access by default.",
            Some(TENANT_CONTRIBUTOR_TYPE),
        ),
        tenant(
            ROLE_TENANT_DATA_STEWARD,
            "Tenant Data Steward",
            "No specific permissions by default.",
            Some(TENANT_DATA_STEWARD_TYPE),
        ),
        tenant(
            ROLE_TENANT_VIEWER,
            "Tenant Viewer",
            "No specific permissions by default.",
            Some(TENANT_VIEWER_TYPE),
        ),
        tenant(
            ROLE_TENANT_MEMBER,
            "Tenant Member",
            "Assigned to every user and client; read access by default.",
            Some(TENANT_MEMBER_TYPE),
        ),
        tenant(
            ROLE_CUSTOM_PIPELINE_OPERATORS,
            "Pipeline Operators",
            "Custom role: operators of the gas pipeline network.",
            None,
        ),
        Role {
            id: Some(ROLE_COMMUNITY_READERS.to_owned()),
            name: Some("North Sea Partners – Data Readers".to_owned()),
            description: Some("Community role: read shared production data.".to_owned()),
            role_scope: Some(SCOPE_COMMUNITY),
            tenant_id: None,
            community_id: Some(COMMUNITY_ID.to_owned()),
            role_type_id: None,
        },
    ]
}

/// Builds the tenant for `options` at time `now`.
pub fn tenant(tenant_id: &str, options: SeedOptions, now: DateTime<Utc>) -> Tenant {
    let now = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    let mut tenant = Tenant::new(tenant_id, roles(tenant_id));
    if options.demo {
        demo_clients(&mut tenant, now);
    }
    let room = rules::MAX_CLIENTS.saturating_sub(tenant.total_clients());
    generated_clients(&mut tenant, options.generated.min(room), now);
    tenant.version = 0;
    tenant
}

/// Secret ids are assigned in order while seeding.
struct Secrets {
    next: i32,
    now: DateTime<Utc>,
}

impl Secrets {
    /// A secret expiring `days` from now (negative = already expired); `None` = never.
    fn make(&mut self, description: &str, days: Option<i64>) -> StoredSecret {
        let id = self.next;
        self.next += 1;
        // The values are never shown; hash a random one so nobody can know it.
        let value = crate::store::generate_secret_value().unwrap_or_else(|_| format!("{id}"));
        StoredSecret {
            id,
            description: Some(description.to_owned()),
            expiration: days.map(|d| self.now + Duration::days(d) + Duration::hours(3)),
            hash: hash_secret(&value),
        }
    }
}

fn cc(id: &str, name: &str) -> StoredClient {
    let mut client = StoredClient::new(ClientKind::ClientCredential, id, name);
    client.role_ids = vec![ROLE_TENANT_MEMBER.to_owned()];
    client
}

fn web(kind: ClientKind, id: &str, name: &str, host: &str) -> StoredClient {
    let mut client = StoredClient::new(kind, id, name);
    client.redirect_uris = vec![format!("https://{host}/signin-oidc")];
    client.post_logout_redirect_uris = vec![format!("https://{host}/signout-callback-oidc")];
    client.client_uri = Some(format!("https://{host}/"));
    client
}

fn demo_clients(tenant: &mut Tenant, now: DateTime<Utc>) {
    let mut s = Secrets { next: 1, now };

    // Client credential clients.
    let mut c = cc(
        "3c1f8a52-6b0e-4d7a-9f21-8e4b5c6d7a01",
        "Pump station telemetry",
    );
    c.secrets = vec![
        s.make("Primary – rotated 2026-09", Some(300)),
        s.make("Standby key – field laptop", Some(25)),
        s.make("Old key (do not use)", Some(-12)),
    ];
    tenant.insert(c);

    let mut c = cc("3c1f8a52-6b0e-4d7a-9f21-8e4b5c6d7a02", "Historian sync");
    c.access_token_lifetime = 1800;
    c.secrets = vec![s.make("Primary – expires soon, rotate!", Some(5))];
    tenant.insert(c);

    let mut c = cc(
        "3c1f8a52-6b0e-4d7a-9f21-8e4b5c6d7a03",
        "Edge gateway – Rotterdam",
    );
    c.role_ids.push(ROLE_CUSTOM_PIPELINE_OPERATORS.to_owned());
    c.secrets = vec![
        s.make("Gateway RTM-01", Some(365)),
        s.make("Gateway RTM-02", Some(360)),
        s.make("Gateway RTM-03", Some(200)),
        s.make("Gateway RTM-04", Some(120)),
        s.make("Gateway RTM-05", Some(28)),
        s.make("Gateway RTM-06", Some(6)),
        s.make("Gateway RTM-07", Some(-3)),
        s.make("Gateway RTM-08 (spare)", None),
        s.make("Commissioning key (do not use)", Some(-90)),
        s.make("Primary – rotated 2026-09", Some(330)),
    ];
    tenant.insert(c);

    let mut c = cc(
        "3c1f8a52-6b0e-4d7a-9f21-8e4b5c6d7a04",
        "PI to CONNECT bridge",
    );
    c.role_ids.push(ROLE_TENANT_CONTRIBUTOR.to_owned());
    c.secrets = vec![s.make("Legacy key – never expires", None)];
    tenant.insert(c);

    let mut c = cc("3c1f8a52-6b0e-4d7a-9f21-8e4b5c6d7a05", "Power BI connector");
    c.enabled = false;
    c.secrets = vec![s.make("Primary – expired in spring", Some(-200))];
    tenant.insert(c);

    let mut c = cc(
        "3c1f8a52-6b0e-4d7a-9f21-8e4b5c6d7a06",
        "Data quality monitor",
    );
    c.access_token_lifetime = 600;
    // A risk the posture strip counts: a client holding the Tenant Administrator role.
    c.role_ids.push(ROLE_TENANT_ADMINISTRATOR.to_owned());
    tenant.insert(c);

    let mut c = cc(
        "3c1f8a52-6b0e-4d7a-9f21-8e4b5c6d7a07",
        "Edge gateway – Singapore",
    );
    c.role_ids.push(ROLE_COMMUNITY_READERS.to_owned());
    c.secrets = vec![
        s.make("Primary – rotated 2026-09", Some(290)),
        s.make("Previous primary – retire this month", Some(20)),
    ];
    tenant.insert(c);

    let mut c = cc(
        "3c1f8a52-6b0e-4d7a-9f21-8e4b5c6d7a08",
        "Nightly report export",
    );
    c.enabled = false;
    c.access_token_lifetime = 900;
    c.tags = vec!["reporting".to_owned()];
    c.secrets = vec![s.make("Scheduler key", Some(365))];
    tenant.insert(c);

    // Hybrid clients.
    let mut c = web(
        ClientKind::Hybrid,
        "7a2d4e6f-8b1c-4f3a-a5d7-9c0e1b2a3f01",
        "Operations dashboard",
        "ops.example.com",
    );
    c.allow_offline_access = true;
    c.logo_uri = Some("https://ops.example.com/logo.png".to_owned());
    c.secrets = vec![
        s.make("Web server key – rotated 2026-09", Some(310)),
        s.make("Staging slot", Some(14)),
        s.make("Old key (do not use)", Some(-30)),
    ];
    tenant.insert(c);

    let mut c = web(
        ClientKind::Hybrid,
        "7a2d4e6f-8b1c-4f3a-a5d7-9c0e1b2a3f02",
        "Maintenance planning portal",
        "planning.example.com",
    );
    c.allow_access_tokens_via_browser = true;
    c.secrets = vec![s.make("Primary", Some(4))];
    tenant.insert(c);

    let mut c = web(
        ClientKind::Hybrid,
        "7a2d4e6f-8b1c-4f3a-a5d7-9c0e1b2a3f03",
        "Asset health web app",
        "assets.example.com",
    );
    c.enabled = false;
    tenant.insert(c);

    let mut c = web(
        ClientKind::Hybrid,
        "7a2d4e6f-8b1c-4f3a-a5d7-9c0e1b2a3f04",
        "Shift handover tool",
        "handover.example.com",
    );
    c.access_token_lifetime = 1200;
    c.redirect_uris
        .push("https://handover.example.com/callback".to_owned());
    c.secrets = (1..=10)
        .map(|n| {
            let days = match n {
                1 => None,
                2 => Some(-1),
                3 => Some(3),
                4 => Some(29),
                _ => Some(30 * n),
            };
            s.make(&format!("Control room PC {n:02}"), days)
        })
        .collect();
    tenant.insert(c);

    // Authorization code clients.
    let mut c = web(
        ClientKind::AuthorizationCode,
        "9e4b6c8d-0a2f-4b1e-8c3d-5f7a9b1c2d01",
        "Maintenance mobile app",
        "mobile.example.com",
    );
    c.redirect_uris = vec!["https://mobile.example.com/auth/callback".to_owned()];
    c.post_logout_redirect_uris = Vec::new();
    c.allow_offline_access = true;
    tenant.insert(c);

    let mut c = web(
        ClientKind::AuthorizationCode,
        "9e4b6c8d-0a2f-4b1e-8c3d-5f7a9b1c2d02",
        "Clients console (local development)",
        "localhost:8080",
    );
    c.redirect_uris = vec!["http://localhost:8080/signin-callback".to_owned()];
    c.post_logout_redirect_uris = vec!["http://localhost:8080/".to_owned()];
    c.client_uri = Some("http://localhost:8080/".to_owned());
    c.allowed_cors_origins = vec!["http://localhost:8080".to_owned()];
    tenant.insert(c);

    let mut c = web(
        ClientKind::AuthorizationCode,
        "9e4b6c8d-0a2f-4b1e-8c3d-5f7a9b1c2d03",
        "Field inspection tablet app",
        "inspect.example.com",
    );
    c.enabled = false;
    c.access_token_lifetime = 300;
    tenant.insert(c);

    let mut c = web(
        ClientKind::AuthorizationCode,
        "9e4b6c8d-0a2f-4b1e-8c3d-5f7a9b1c2d04",
        "Energy KPI explorer",
        "kpi.example.com",
    );
    c.allowed_cors_origins = vec!["https://kpi.example.com".to_owned()];
    c.logo_uri = Some("https://kpi.example.com/favicon.svg".to_owned());
    tenant.insert(c);
}

const PURPOSES: [&str; 10] = [
    "Pump station telemetry",
    "Historian sync",
    "Edge gateway",
    "Flow meter upload",
    "Tank level monitor",
    "Compressor analytics",
    "Weather feed",
    "Lab results import",
    "Alarm forwarder",
    "Report export",
];

const SITES: [&str; 8] = [
    "Rotterdam",
    "Aberdeen",
    "Stavanger",
    "Houston",
    "Perth",
    "Singapore",
    "Esbjerg",
    "Calgary",
];

fn generated_clients(tenant: &mut Tenant, count: usize, now: DateTime<Utc>) {
    let mut secrets = Secrets { next: 10_000, now };
    for n in 0..count {
        let id = format!("00000000-0000-4000-a000-{n:012}");
        let purpose = PURPOSES[n % PURPOSES.len()];
        let site = SITES[(n / PURPOSES.len()) % SITES.len()];
        let name = format!("{purpose} – {site} {:05}", n + 1);
        let kind = match n % 10 {
            8 => ClientKind::Hybrid,
            9 => ClientKind::AuthorizationCode,
            _ => ClientKind::ClientCredential,
        };
        let mut client = match kind {
            ClientKind::ClientCredential => cc(&id, &name),
            _ => web(kind, &id, &name, &format!("app{:05}.example.com", n + 1)),
        };
        client.enabled = n % 7 != 3;
        if kind.has_secrets() {
            let days = (n % 430) as i64 - 30;
            client.secrets = vec![secrets.make("Primary", Some(days))];
        }
        tenant.insert(client);
    }
}
