//! Where the JSON text of a JS value holds `null`, what the value holds there. `JSON.stringify`
//! writes `null` for `null` itself, for `NaN` and `±Infinity`, and in arrays for `undefined`, a
//! function or a Symbol; so the text is scanned for its nulls (serde, no tree built) and each
//! is looked up in the value along its path, a few crossings of the boundary per null instead
//! of several per value for a walk of everything. What the lookup finds is judged by
//! `walk::leaf_problem`.

// The element and generator builds use part of the binding's checks; the app build uses all.
#![cfg_attr(not(feature = "app"), allow(dead_code))]

use crate::walk::{leaf_problem, Problem, Step};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use wasm_bindgen::prelude::*;

/// The problems behind the nulls of `text` (the JSON text of `root`), at most `max`. Text the
/// scan cannot read (nesting past serde_json's limit) is left to the parser that follows.
pub(crate) fn check(text: &str, root: &JsValue, max: usize) -> Vec<Problem> {
    let mut problems = Vec::new();
    // Keys as JS strings, made once each (the same few keys recur in every record).
    let mut keys: HashMap<String, JsValue> = HashMap::new();
    let mut on_null = |path: &[Seg<'_>]| {
        // Most nulls are nulls: one lookup settles them. Anything else is a problem unless an
        // object on the way has its own JSON form (then the text is not its members).
        if let Some(v) = lookup(root, path, false, &mut keys).filter(|v| !v.is_null()) {
            let in_array = matches!(path.last(), Some(Seg::Index(_)));
            if let Some((code, message, hint)) = leaf_problem(&v, in_array) {
                if lookup(root, path, true, &mut keys).is_some() {
                    let steps = path.iter().map(Seg::step).collect();
                    problems.push(Problem { steps, code, message, hint, cycle: None });
                }
            }
        }
        problems.len() < max
    };
    let mut path = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    // An error here is the scan stopping (enough problems) or text it cannot read; either way
    // the problems found so far are the answer.
    let _ = Scan { path: &mut path, on_null: &mut on_null }.deserialize(&mut de);
    problems
}

/// The value at `path` below `root`, or `None` where the path cannot be followed in the value;
/// with `strict`, also where an object on the way has its own JSON form (`toJSON`), so that
/// the text there is not its members.
fn lookup(root: &JsValue, path: &[Seg<'_>], strict: bool, keys: &mut HashMap<String, JsValue>) -> Option<JsValue> {
    let mut at = root.clone();
    for seg in path {
        if strict && js_sys::Reflect::get(&at, &JsValue::from_str("toJSON")).ok()?.is_function() {
            return None;
        }
        at = match seg {
            Seg::Index(i) => js_sys::Reflect::get_u32(&at, *i).ok()?,
            Seg::Key(k) => {
                let key = match keys.get(k.as_ref()) {
                    Some(key) => key,
                    None => keys.entry(k.to_string()).or_insert_with(|| JsValue::from_str(k)),
                };
                js_sys::Reflect::get(&at, key).ok()?
            }
        };
    }
    Some(at)
}

/// One step of a path in the text: keys borrowed from it where they have no escapes.
enum Seg<'de> {
    Index(u32),
    Key(Cow<'de, str>),
}

impl Seg<'_> {
    fn step(&self) -> Step {
        match self {
            Seg::Index(i) => Step::Index(*i),
            Seg::Key(k) => Step::Key(k.to_string()),
        }
    }
}

/// An object key, borrowed from the text when it can be.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_string()))
    }
}

/// A serde visitor that reads any JSON value, keeping the path, and calls `on_null` with the
/// path of each null; `on_null` returns false to stop.
struct Scan<'a, 'de, F: FnMut(&[Seg<'de>]) -> bool> {
    path: &'a mut Vec<Seg<'de>>,
    on_null: &'a mut F,
}

impl<'de, F: FnMut(&[Seg<'de>]) -> bool> DeserializeSeed<'de> for Scan<'_, 'de, F> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F: FnMut(&[Seg<'de>]) -> bool> Visitor<'de> for Scan<'_, 'de, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        if (self.on_null)(self.path) {
            Ok(())
        } else {
            Err(E::custom("enough problems"))
        }
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0u32;
        loop {
            self.path.push(Seg::Index(i));
            let item = seq.next_element_seed(Scan { path: &mut *self.path, on_null: &mut *self.on_null });
            self.path.pop();
            if item?.is_none() {
                return Ok(());
            }
            i = i.saturating_add(1);
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(Key)? {
            self.path.push(Seg::Key(key));
            let value = map.next_value_seed(Scan { path: &mut *self.path, on_null: &mut *self.on_null });
            self.path.pop();
            value?;
        }
        Ok(())
    }
}
