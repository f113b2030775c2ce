//! ui (to be written)
