//! PKCE (RFC 7636) with S256, and the base64url encoding it uses.
//!
//! The browser supplies the random bytes (`crypto.getRandomValues`) and the SHA-256
//! (`crypto.subtle.digest`); what is left here is pure and tested natively.

use base64::alphabet::URL_SAFE;
use base64::engine::general_purpose::{GeneralPurpose, NO_PAD, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

/// How many random bytes make a code verifier: 32 bytes → 43 characters (RFC 7636 §4.1).
pub const VERIFIER_BYTES: usize = 32;

/// A code verifier from random bytes.
pub fn verifier_from_random(bytes: &[u8; VERIFIER_BYTES]) -> String {
    base64url_encode(bytes)
}

/// The S256 code challenge from the SHA-256 digest of the verifier's ASCII bytes.
pub fn challenge_from_digest(sha256_of_verifier: &[u8]) -> String {
    base64url_encode(sha256_of_verifier)
}

/// [`URL_SAFE_NO_PAD`] that also reads padded input (`=` to a multiple of 4).
const URL_SAFE_ANY_PAD: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    NO_PAD.with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// base64url without padding (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes base64url, with or without padding; `None` on any character outside the base64url
/// alphabet (`+` and `/` included), on misplaced padding and on an impossible length.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_ANY_PAD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    /// RFC 7636 appendix B.
    #[test]
    fn rfc7636_appendix_b_test_vector() {
        let random: [u8; 32] = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212,
            37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        let verifier = verifier_from_random(&random);
        assert_eq!(verifier, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        let digest = Sha256::digest(verifier.as_bytes());
        assert_eq!(
            challenge_from_digest(&digest),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let encoded = base64url_encode(&bytes);
            assert!(!encoded.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&encoded).unwrap(), bytes);
        }
        assert_eq!(base64url_decode("a b"), None);
    }

    #[test]
    fn base64url_decode_reads_padding_and_refuses_other_characters() {
        assert_eq!(base64url_decode("TWE").unwrap(), b"Ma");
        assert_eq!(base64url_decode("TWE=").unwrap(), b"Ma");
        assert_eq!(base64url_decode("TQ==").unwrap(), b"M");
        assert_eq!(base64url_decode("").unwrap(), b"");
        assert_eq!(base64url_decode("-_-_").unwrap(), [0xfb, 0xff, 0xbf]);
        for bad in ["+/+/", "TW E", "TWE.", "T=WE", "TWE=="] {
            assert_eq!(base64url_decode(bad), None, "{bad}");
        }
    }
}
