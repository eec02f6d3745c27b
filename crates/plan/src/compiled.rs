//! A plan compiled once and kept for many runs: what every area that runs a plan takes.

use crate::PlanSet;
use spm_base::Diagnostic;

/// A plan compiled once and kept for many runs, with the warnings its validation found.
#[derive(Debug, Clone)]
pub struct CompiledPlan {
    /// The validated plan and its versions.
    pub plan: PlanSet,
    /// Warning-level diagnostics.
    pub warnings: Vec<Diagnostic>,
}
