//! Configuration: defaults embedded from config/default.toml, the user's file merged over.
