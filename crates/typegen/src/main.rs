//! `cargo run -p spm-typegen`: writes the generated TypeScript declarations to
//! `src/generated/types.ts`. With `--check`, writes nothing and fails when the file is stale.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--check") => true,
        Some(other) => {
            eprintln!("spm-typegen: unknown argument {other:?} (usage: spm-typegen [--check])");
            return ExitCode::from(2);
        }
    };
    let text = match spm_typegen::typescript() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("spm-typegen: {e}");
            return ExitCode::FAILURE;
        }
    };
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(spm_typegen::OUTPUT);
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if check {
        if current == text {
            return ExitCode::SUCCESS;
        }
        eprintln!("spm-typegen: {} is stale: run `{}`", spm_typegen::OUTPUT, spm_typegen::COMMAND);
        return ExitCode::FAILURE;
    }
    if current == text {
        println!("spm-typegen: {} is up to date", spm_typegen::OUTPUT);
        return ExitCode::SUCCESS;
    }
    if let Err(e) = std::fs::create_dir_all(path.parent().unwrap_or(&path)).and_then(|()| std::fs::write(&path, &text))
    {
        eprintln!("spm-typegen: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    println!("spm-typegen: wrote {} ({} declarations)", spm_typegen::OUTPUT, spm_typegen::declared_names(&text).len());
    ExitCode::SUCCESS
}
