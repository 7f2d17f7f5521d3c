//! Matching rules (placeholder replaced below).
