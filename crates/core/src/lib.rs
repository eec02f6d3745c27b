//! spm-core: the payout engine. Datasets of payees and transactions ([`data`]), crediting
//! through splits, rules and hierarchies ([`credit`]), currency conversion ([`fx`]), the
//! calculation of each payee's statements with their explanation ([`payout`]) and the ledger
//! that turns earnings into payments period by period ([`ledger`]), and what payee data a plan
//! needs ([`needs`]). It computes on domain types
//! only: the wire format (JSON and CSV) is read and written by `spm-wire`.

// Money arithmetic is checked (clippy.toml and ARCHITECTURE.md, "Checked money").
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

pub mod credit;
pub mod data;
pub mod fx;
pub mod ledger;
pub mod needs;
pub mod payout;
