//! Quota setting and capacity planning (issue 7): being written.
