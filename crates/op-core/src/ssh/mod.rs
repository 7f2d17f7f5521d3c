//! ssh (being written).
