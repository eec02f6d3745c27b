//! spm-wire: the wire format of the payout engine. Versioned DTOs of plans, payees,
//! transactions, reports, ledgers and diffs ([`spec`]), each read into the domain with every
//! problem located by its JSON path or CSV cell; CSV readers and CRM imports ([`io`]); the company workspace file, its
//! migrations, validation and the derivations every page reads ([`workspace`]); the
//! JSON Schema of plans; and [`api`], the text-in, text-out front door the binding and the CLI
//! share. Domain crates never depend on this one.

// Money arithmetic is checked (clippy.toml and ARCHITECTURE.md, "Checked money").
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

pub mod api;
pub mod api_import;
pub mod diff;
pub mod io;
pub mod spec;
pub mod workspace;
