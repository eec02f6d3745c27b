//! Issue 8 (insight): being written.
