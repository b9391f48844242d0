//! Numbers (stub, being written).
