//! Quota setting and capacity planning at the JS boundary (issue 7): being written.
