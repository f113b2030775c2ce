//! Neutralising untrusted text before it reaches a terminal.
