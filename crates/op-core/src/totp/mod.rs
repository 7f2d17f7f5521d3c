//! totp (being written).
