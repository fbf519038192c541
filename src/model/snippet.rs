//! Connection snippets for a new client-credentials secret, shown once beside its value: `.env`
//! lines and a `curl` token request, quoted for a POSIX shell.

/// `TOKEN_ENDPOINT=…`, `CLIENT_ID=…` and `CLIENT_SECRET=…`, one per line (no trailing line
/// break), for a `.env` file or a POSIX shell (`set -a; . ./.env`).
///
/// A value made only of letters, digits and `_ . / : @ % + , = -` is written as it is (so
/// `.env` readers that do not understand quotes get it right); any other value is
/// single-quoted (see [`shell_quote`]).
pub fn env_lines(token_endpoint: &str, client_id: &str, secret: &str) -> String {
    let mut out = String::new();
    for (name, value) in [
        ("TOKEN_ENDPOINT", token_endpoint),
        ("CLIENT_ID", client_id),
        ("CLIENT_SECRET", secret),
    ] {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(name);
        out.push('=');
        if is_shell_safe(value) {
            out.push_str(value);
        } else {
            out.push_str(&shell_quote(value));
        }
    }
    out
}

/// A `curl` request of an access token with the client-credentials grant, over five lines
/// joined by ` \` (no trailing line break), every argument single-quoted (see
/// [`shell_quote`]):
///
/// ```text
/// curl -sS -X POST 'https://…/connect/token' \
///   -H 'Content-Type: application/x-www-form-urlencoded' \
///   --data-urlencode 'grant_type=client_credentials' \
///   --data-urlencode 'client_id=…' \
///   --data-urlencode 'client_secret=…'
/// ```
pub fn curl_token_request(token_endpoint: &str, client_id: &str, secret: &str) -> String {
    let mut out = String::from("curl -sS -X POST ");
    out.push_str(&shell_quote(token_endpoint));
    for (option, value) in [
        ("-H", "Content-Type: application/x-www-form-urlencoded"),
        ("--data-urlencode", "grant_type=client_credentials"),
        ("--data-urlencode", &format!("client_id={client_id}")),
        ("--data-urlencode", &format!("client_secret={secret}")),
    ] {
        out.push_str(" \\\n  ");
        out.push_str(option);
        out.push(' ');
        out.push_str(&shell_quote(value));
    }
    out
}

/// The token endpoint when discovery gave none: `<authority>/connect/token`, without a
/// doubled slash. The console normally uses `token_endpoint` from the OpenID discovery
/// document.
pub fn token_endpoint_from_authority(authority: &str) -> String {
    let mut endpoint = authority.trim().trim_end_matches('/').to_owned();
    endpoint.push_str("/connect/token");
    endpoint
}

/// `value` as one single-quoted POSIX shell word: `'…'`, each `'` written `'\''`. Nothing is
/// expanded inside single quotes (`$`, `` ` ``, `\`, `!` in scripts, spaces, globs).
pub fn shell_quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    out.push_str(&value.replace('\'', r"'\''"));
    out.push('\'');
    out
}

/// Whether `value` means itself unquoted in a shell and in a `.env` file: not empty, only
/// ASCII letters, digits and `_ . / : @ % + , = -`.
fn is_shell_safe(value: &str) -> bool {
    !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_./:@%+,=-".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENDPOINT: &str = "https://id.example.com/identity/connect/token";
    const ID: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    #[test]
    fn plain_values_stay_plain_in_env_lines() {
        assert_eq!(
            env_lines(ENDPOINT, ID, "AbC+/9=-x_y.z"),
            "TOKEN_ENDPOINT=https://id.example.com/identity/connect/token\n\
             CLIENT_ID=3fa85f64-5717-4562-b3fc-2c963f66afa6\n\
             CLIENT_SECRET=AbC+/9=-x_y.z"
        );
    }

    #[test]
    fn anything_else_is_single_quoted() {
        let lines = env_lines(ENDPOINT, ID, "it's $HOME and `id` ~ # *");
        assert_eq!(
            lines.lines().nth(2),
            Some(r"CLIENT_SECRET='it'\''s $HOME and `id` ~ # *'")
        );
        assert!(lines.ends_with('\''));
        assert_eq!(lines.lines().count(), 3);
        for unsafe_value in ["", "a b", "a;b", "a&b", "~x", "a\\b", "x#y", "é"] {
            let line = env_lines(ENDPOINT, ID, unsafe_value);
            let want = format!("CLIENT_SECRET={}", shell_quote(unsafe_value));
            assert_eq!(line.lines().nth(2), Some(want.as_str()), "{unsafe_value:?}");
        }
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("plain"), "'plain'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("a'b"), r"'a'\''b'");
        assert_eq!(shell_quote("''"), r"''\'''\'''");
        assert_eq!(shell_quote("$x \\ \"y\""), "'$x \\ \"y\"'");
    }

    #[test]
    fn the_curl_request() {
        assert_eq!(
            curl_token_request(ENDPOINT, ID, "s3cr'et $PATH x"),
            "curl -sS -X POST 'https://id.example.com/identity/connect/token' \\\n  \
             -H 'Content-Type: application/x-www-form-urlencoded' \\\n  \
             --data-urlencode 'grant_type=client_credentials' \\\n  \
             --data-urlencode 'client_id=3fa85f64-5717-4562-b3fc-2c963f66afa6' \\\n  \
             --data-urlencode 'client_secret=s3cr'\\''et $PATH x'"
        );
    }

    /// What a POSIX shell makes of the quoted words: `sh -c 'printf "%s\n" <words>'`.
    #[cfg(unix)]
    #[test]
    fn a_shell_reads_back_every_value() {
        let nasty = "it's $HOME `id` \\ \"q\" ! * ~ ; & | \n end";
        let script = format!("printf '%s|' {}", shell_quote(nasty));
        let out = std::process::Command::new("sh")
            .args(["-c", &script])
            .output()
            .expect("sh");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{nasty}|"));

        let env = env_lines(ENDPOINT, ID, nasty);
        let script =
            format!("{env}\nprintf '%s|' \"$TOKEN_ENDPOINT\" \"$CLIENT_ID\" \"$CLIENT_SECRET\"");
        let out = std::process::Command::new("sh")
            .args(["-c", &script])
            .output()
            .expect("sh");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            format!("{ENDPOINT}|{ID}|{nasty}|")
        );
    }

    #[test]
    fn token_endpoint_fallback() {
        let cases = [
            (
                "https://id.example.com",
                "https://id.example.com/connect/token",
            ),
            (
                "https://id.example.com/",
                "https://id.example.com/connect/token",
            ),
            (
                " https://id.example.com/identity// ",
                "https://id.example.com/identity/connect/token",
            ),
        ];
        for (authority, endpoint) in cases {
            assert_eq!(token_endpoint_from_authority(authority), endpoint);
        }
    }
}
