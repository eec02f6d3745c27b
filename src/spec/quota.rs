//! The quota-setting and capacity-planning wire format (issue 7): being written.
