//! Issue 8 (simulate wire format): being written.
