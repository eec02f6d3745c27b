//! Issue 8 (insight wire format): being written.
