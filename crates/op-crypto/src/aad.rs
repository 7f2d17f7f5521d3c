//! Associated data: the context a ciphertext is bound to.

/// Encodes `parts` unambiguously as associated data: each part is its length as a big-endian `u64`
/// followed by its bytes.
///
/// Plain concatenation would let `["ab", "c"]` and `["a", "bc"]` collide; with length prefixes no two
/// different lists encode to the same bytes, so binding a ciphertext to (vault id, item id, version,
/// purpose) really binds it to those four values.
pub fn aad(parts: &[&[u8]]) -> Vec<u8> {
    let total: usize = parts.iter().map(|p| p.len().saturating_add(8)).sum();
    let mut out = Vec::with_capacity(total);
    for part in parts {
        out.extend_from_slice(&(part.len() as u64).to_be_bytes());
        out.extend_from_slice(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_different_places_do_not_collide() {
        assert_ne!(aad(&[b"ab", b"c"]), aad(&[b"a", b"bc"]));
        assert_ne!(aad(&[b"a"]), aad(&[b"a", b""]));
        assert_ne!(aad(&[]), aad(&[b""]));
    }

    #[test]
    fn layout_is_length_then_bytes() {
        assert_eq!(
            aad(&[b"v1", b""]),
            [&[0, 0, 0, 0, 0, 0, 0, 2][..], b"v1", &[0; 8]].concat()
        );
    }
}
