//! Matching the payee columns of an import to payees: ids as written (checked against the
//! payees when given), or people's names (exact, then ignoring case and surrounding whitespace),
//! through an index built once, so that a million rows against 10,000 payees stay linear.

use crate::io::presets::closest;
use crate::spec::data::PayeeDto;
use crate::spec::import::{quoted_list, Mapping};
use spm_base::error::{Code, Error, Result};
use std::collections::HashMap;

/// Turns payee columns into payee ids: as written (checked against `list` when given), or by
/// name (exact, then ignoring case and surrounding whitespace).
pub struct Payees<'a> {
    /// The payees to check against.
    pub list: Option<&'a [PayeeDto]>,
    /// The column holds names.
    pub by_name: bool,
    /// Id → position, exact name → positions, trimmed lower-case name → positions. Only looked
    /// up, never iterated, so a hash map keeps the output deterministic.
    ids: HashMap<&'a str, usize>,
    names: HashMap<&'a str, Vec<usize>>,
    folded: HashMap<String, Vec<usize>>,
}

impl<'a> Payees<'a> {
    /// A matcher over `list` (`None`: ids are taken as written).
    pub fn new(list: Option<&'a [PayeeDto]>, by_name: bool) -> Self {
        let (mut ids, mut names, mut folded) = (HashMap::new(), HashMap::new(), HashMap::new());
        for (i, p) in list.unwrap_or_default().iter().enumerate() {
            ids.entry(p.id.as_str()).or_insert(i);
            if by_name {
                names.entry(p.name.as_str()).or_insert_with(Vec::new).push(i);
                folded.entry(p.name.trim().to_lowercase()).or_insert_with(Vec::new).push(i);
            }
        }
        Payees { list, by_name, ids, names, folded }
    }

    /// The payee id `text` stands for, or the code, message and hint of why none.
    pub fn resolve(&self, text: &str) -> std::result::Result<String, (Code, String, String)> {
        let Some(list) = self.list else { return Ok(text.to_string()) };
        if !self.by_name {
            if self.ids.contains_key(text) {
                return Ok(text.to_string());
            }
            let hint = match closest(text, list.iter().map(|p| p.id.as_str())) {
                Some(c) => format!("did you mean {c:?}?"),
                None => "add the payee, or set payeeMatch to \"name\" if the column holds names".to_string(),
            };
            return Err((Code::UnknownReference, format!("no payee has the id {text:?}"), hint));
        }
        let found: &[usize] = match self.names.get(text) {
            Some(exact) => exact,
            None => self.folded.get(&text.to_lowercase()).map_or(&[], Vec::as_slice),
        };
        let person = |i: &usize| list.get(*i);
        match found {
            [one] => person(one).map(|p| p.id.clone()).ok_or((Code::Internal, String::new(), String::new())),
            [] => {
                let hint = match closest(text, list.iter().map(|p| p.name.as_str())) {
                    Some(c) => format!("did you mean {c:?}? correct the name, or add the payee"),
                    None => "add the payee, with this exact name, to the payees".to_string(),
                };
                Err((Code::UnknownReference, format!("the owner {text:?} is not the name of any payee"), hint))
            }
            many => {
                let ids: Vec<String> = many.iter().filter_map(person).map(|p| p.id.clone()).collect();
                Err((
                    Code::UnknownReference,
                    format!("{} payees are named {text:?} (ids {})", many.len(), quoted_list(&ids)),
                    "give the payees distinct names, or export an owner id column and set payeeMatch to \"id\"".into(),
                ))
            }
        }
    }
}

/// The payee matcher for `m`.
///
/// # Errors
/// `MISSING_FIELD` when names must be matched and no payees are given.
pub fn payees_for<'a>(m: &Mapping, payees: Option<&'a [PayeeDto]>) -> Result<Payees<'a>> {
    if m.by_name && payees.is_none() {
        return Err(Error::at(
            "mapping.payeeMatch",
            Code::MissingField,
            "payeeMatch is \"name\", but no payees were given to match the names against",
            "pass the payees, or set payeeMatch to \"id\"",
        ));
    }
    Ok(Payees::new(payees, m.by_name))
}
