//! generator (being written).
