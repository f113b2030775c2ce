//! The speaker index across the whole store (issue 4).
