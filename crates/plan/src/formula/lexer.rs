//! The formula lexer: source text to tokens with 1-based character columns.
//!
//! It enforces the source-length limit before looking at anything else, and turns the
//! spellings people bring from other languages (`&&`, `||`, `!`, `=`, single quotes) into
//! errors that say which word to write instead.

use super::error::{limit, syntax, Fallible, FormulaError};
use super::MAX_SOURCE_BYTES;
use rust_decimal::Decimal;

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok {
    Number(Decimal),
    Text(String),
    Ident(String),
    And,
    Or,
    Not,
    True,
    False,
    LParen,
    RParen,
    Comma,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Eof,
}

impl Tok {
    /// The token as an error message names it.
    pub(super) fn describe(&self) -> String {
        let op = match self {
            Tok::Number(d) => return format!("the number {d}"),
            Tok::Text(s) => return format!("the string {s:?}"),
            Tok::Ident(s) => return format!("the name '{s}'"),
            Tok::Eof => return "the end of the formula".to_string(),
            Tok::And => "and",
            Tok::Or => "or",
            Tok::Not => "not",
            Tok::True => "true",
            Tok::False => "false",
            Tok::LParen => "(",
            Tok::RParen => ")",
            Tok::Comma => ",",
            Tok::Plus => "+",
            Tok::Minus => "-",
            Tok::Star => "*",
            Tok::Slash => "/",
            Tok::Percent => "%",
            Tok::Eq => "==",
            Tok::Ne => "!=",
            Tok::Lt => "<",
            Tok::Le => "<=",
            Tok::Gt => ">",
            Tok::Ge => ">=",
        };
        format!("'{op}'")
    }
}

/// A token and the column of its first character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) column: usize,
}

/// Splits `src` into tokens, ending with `Tok::Eof` at the column after the last character.
pub(super) fn lex(src: &str) -> Fallible<Vec<Token>> {
    if src.len() > MAX_SOURCE_BYTES {
        // Point at the first character past the limit, so an editor can highlight the excess.
        let column = src.char_indices().take_while(|(i, _)| *i < MAX_SOURCE_BYTES).count() + 1;
        return Err(limit(
            column,
            format!("the formula is {} bytes long; the limit is {MAX_SOURCE_BYTES}", src.len()),
            "split the calculation into several measures",
        ));
    }
    let chars: Vec<char> = src.chars().collect();
    let mut lexer = Lexer { chars: &chars, pos: 0, tokens: Vec::new() };
    lexer.run()?;
    Ok(lexer.tokens)
}

struct Lexer<'a> {
    chars: &'a [char],
    pos: usize,
    tokens: Vec<Token>,
}

impl Lexer<'_> {
    fn at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn push(&mut self, tok: Tok, column: usize, len: usize) {
        self.tokens.push(Token { tok, column });
        self.pos += len;
    }

    fn run(&mut self) -> Fallible<()> {
        while let Some(c) = self.at(0) {
            let column = self.pos + 1;
            let next = self.at(1);
            match c {
                c if c.is_whitespace() => self.pos += 1,
                '0'..='9' => self.number()?,
                '"' => self.string()?,
                c if c.is_ascii_alphabetic() || c == '_' => self.word(),
                '(' => self.push(Tok::LParen, column, 1),
                ')' => self.push(Tok::RParen, column, 1),
                ',' => self.push(Tok::Comma, column, 1),
                '+' => self.push(Tok::Plus, column, 1),
                '-' => self.push(Tok::Minus, column, 1),
                '*' => self.push(Tok::Star, column, 1),
                '/' => self.push(Tok::Slash, column, 1),
                '%' => self.push(Tok::Percent, column, 1),
                '=' if next == Some('=') => self.push(Tok::Eq, column, 2),
                '!' if next == Some('=') => self.push(Tok::Ne, column, 2),
                '<' if next == Some('=') => self.push(Tok::Le, column, 2),
                '>' if next == Some('=') => self.push(Tok::Ge, column, 2),
                '<' => self.push(Tok::Lt, column, 1),
                '>' => self.push(Tok::Gt, column, 1),
                _ => return Err(unexpected_char(c, next, column)),
            }
        }
        self.tokens.push(Token { tok: Tok::Eof, column: self.chars.len() + 1 });
        Ok(())
    }

    /// `digits ( "." digits )?`, parsed exactly: a literal that a decimal cannot hold exactly
    /// is an error rather than a silently rounded number.
    fn number(&mut self) -> Fallible<()> {
        let column = self.pos + 1;
        let mut text = String::new();
        self.digits(&mut text);
        if self.at(0) == Some('.') {
            if !self.at(1).is_some_and(|c| c.is_ascii_digit()) {
                return Err(syntax(
                    self.pos + 2,
                    "expected a digit after the decimal point",
                    format!("write {text}.0 or {text}"),
                ));
            }
            text.push('.');
            self.pos += 1;
            self.digits(&mut text);
        }
        if let Some(c) = self.at(0) {
            if c == '.' {
                return Err(syntax(self.pos + 1, "a number has at most one decimal point", "remove the extra '.'"));
            }
            if c.is_ascii_alphanumeric() || c == '_' {
                return Err(syntax(
                    self.pos + 1,
                    format!("the number {text} is directly followed by '{c}'"),
                    format!("put an operator between them, as in {text} * {c}"),
                ));
            }
        }
        let value = Decimal::from_str_exact(&text).map_err(|_| {
            syntax(column, format!("the number {text} does not fit in a decimal"), "use at most 28 significant digits")
        })?;
        self.tokens.push(Token { tok: Tok::Number(value), column });
        Ok(())
    }

    fn digits(&mut self, text: &mut String) {
        while let Some(c) = self.at(0).filter(char::is_ascii_digit) {
            text.push(c);
            self.pos += 1;
        }
    }

    /// A double-quoted string with `\"` and `\\` escapes; the error for an unclosed string
    /// points at its opening quote, since that is where the fix usually goes.
    fn string(&mut self) -> Fallible<()> {
        let column = self.pos + 1;
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.at(0) {
                None => return Err(syntax(column, "this string is never closed", "add a closing '\"'")),
                Some('"') => break,
                Some('\\') => match self.at(1) {
                    Some(c @ ('"' | '\\')) => {
                        text.push(c);
                        self.pos += 2;
                    }
                    other => {
                        let shown = other.map(String::from).unwrap_or_default();
                        return Err(syntax(
                            self.pos + 1,
                            format!("unknown escape '\\{shown}' in a string"),
                            "only \\\" and \\\\ may follow a backslash",
                        ));
                    }
                },
                Some(c) => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        self.pos += 1;
        self.tokens.push(Token { tok: Tok::Text(text), column });
        Ok(())
    }

    /// A name `[A-Za-z_][A-Za-z0-9_.]*` or one of the keywords.
    fn word(&mut self) {
        let column = self.pos + 1;
        let mut text = String::new();
        while let Some(c) = self.at(0).filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.') {
            text.push(c);
            self.pos += 1;
        }
        let tok = match text.as_str() {
            "and" => Tok::And,
            "or" => Tok::Or,
            "not" => Tok::Not,
            "true" => Tok::True,
            "false" => Tok::False,
            _ => Tok::Ident(text),
        };
        self.tokens.push(Token { tok, column });
    }
}

/// The error for a character that starts no token, suggesting what was probably meant.
fn unexpected_char(c: char, next: Option<char>, column: usize) -> Box<FormulaError> {
    let (message, hint) = match (c, next) {
        ('&', Some('&')) => ("'&&' is not an operator here", "write 'and'"),
        ('|', Some('|')) => ("'||' is not an operator here", "write 'or'"),
        ('&', _) => ("'&' is not an operator here", "write 'and'"),
        ('|', _) => ("'|' is not an operator here", "write 'or'"),
        ('!', _) => ("'!' is not an operator here", "write 'not', or '!=' for not equal"),
        ('=', _) => ("'=' is not an operator here", "write '==' to compare"),
        ('\'', _) => ("strings use double quotes", "write \"text\""),
        ('.', _) => ("a number must start with a digit", "write 0.5 rather than .5"),
        _ => return syntax(column, format!("unexpected character '{c}'"), ""),
    };
    syntax(column, message, hint)
}
