//! Conversions between domain values and database columns, both directions.
//!
//! Writing: timestamps become unix microseconds, dates `YYYY-MM-DD`, enums
//! their names, and text that is matched case-insensitively gets a folded copy.
//! Reading: every column is checked, and anything that does not fit the domain
//! is reported as [`StoreError::Corrupt`] naming the table and column, rather
//! than guessed at.

use retrospect_domain::{Date, DomainError, EnumName, LocalId, Timestamp, parse_enum};

use super::backend::Backend;
use crate::StoreError;

/// Unix microseconds: the precision the store keeps for every instant.
pub(crate) fn micros(at: Timestamp) -> i64 {
    at.as_microsecond()
}

/// The instant as the store gives it back: truncated to whole microseconds.
pub(crate) fn to_stored_precision(at: Timestamp) -> Timestamp {
    Timestamp::from_microsecond(at.as_microsecond()).unwrap_or(at)
}

pub(crate) fn date_text(date: Date) -> String {
    date.to_string()
}

/// The form used for case-insensitive matching (names, owners, titles).
/// Folding happens here, not in SQL, because SQLite's `lower()` only folds ASCII.
pub(crate) fn fold(text: &str) -> String {
    text.trim().to_lowercase()
}

pub(crate) fn fold_opt(text: Option<&String>) -> Option<String> {
    text.map(|t| fold(t))
}

/// Sizes and counts are u64 in the domain but BIGINT in the database.
pub(crate) fn count_value(what: &'static str, value: u64) -> Result<i64, StoreError> {
    i64::try_from(value).map_err(|_| {
        StoreError::Invalid(DomainError::Invalid {
            what,
            value: value.to_string(),
            hint: format!("the largest {what} that can be stored is {}", i64::MAX),
        })
    })
}

/// Reads the columns of one row of `table`, checking each value.
pub(crate) struct Cells<'r, DB: Backend> {
    row: &'r DB::Row,
    table: &'static str,
}

impl<'r, DB: Backend> Cells<'r, DB> {
    pub(crate) fn new(table: &'static str, row: &'r DB::Row) -> Self {
        Self { row, table }
    }

    fn corrupt(&self, column: &str, problem: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt(format!("{}.{column}: {problem}", self.table))
    }

    fn required<T>(&self, column: &str, value: Option<T>) -> Result<T, StoreError> {
        value.ok_or_else(|| self.corrupt(column, "is empty (NULL) but must have a value"))
    }

    pub(crate) fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError> {
        DB::int(self.row, column).map_err(|e| self.corrupt(column, e))
    }

    pub(crate) fn int(&self, column: &str) -> Result<i64, StoreError> {
        let value = self.opt_int(column)?;
        self.required(column, value)
    }

    pub(crate) fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError> {
        DB::text(self.row, column).map_err(|e| self.corrupt(column, e))
    }

    pub(crate) fn text(&self, column: &str) -> Result<String, StoreError> {
        let value = self.opt_text(column)?;
        self.required(column, value)
    }

    pub(crate) fn flag(&self, column: &str) -> Result<bool, StoreError> {
        DB::flag(self.row, column).map_err(|e| self.corrupt(column, e))
    }

    pub(crate) fn opt_timestamp(&self, column: &str) -> Result<Option<Timestamp>, StoreError> {
        self.opt_int(column)?
            .map(|us| {
                Timestamp::from_microsecond(us)
                    .map_err(|e| self.corrupt(column, format!("{us} is not a valid instant: {e}")))
            })
            .transpose()
    }

    pub(crate) fn timestamp(&self, column: &str) -> Result<Timestamp, StoreError> {
        let value = self.opt_timestamp(column)?;
        self.required(column, value)
    }

    pub(crate) fn opt_date(&self, column: &str) -> Result<Option<Date>, StoreError> {
        self.opt_text(column)?
            .map(|text| {
                text.parse::<Date>()
                    .map_err(|e| self.corrupt(column, format!("'{text}' is not a date: {e}")))
            })
            .transpose()
    }

    pub(crate) fn local_id(&self, column: &str) -> Result<LocalId, StoreError> {
        let value = self.int(column)?;
        LocalId::try_from(value)
            .map_err(|_| self.corrupt(column, format!("{value} is not a local id")))
    }

    pub(crate) fn opt_local_id(&self, column: &str) -> Result<Option<LocalId>, StoreError> {
        match self.opt_int(column)? {
            None => Ok(None),
            Some(_) => self.local_id(column).map(Some),
        }
    }

    pub(crate) fn count(&self, column: &str) -> Result<u64, StoreError> {
        let value = self.int(column)?;
        u64::try_from(value).map_err(|_| self.corrupt(column, format!("{value} is negative")))
    }

    pub(crate) fn small(&self, column: &str) -> Result<u32, StoreError> {
        let value = self.int(column)?;
        u32::try_from(value).map_err(|_| self.corrupt(column, format!("{value} is out of range")))
    }

    pub(crate) fn named<T: EnumName>(&self, column: &str) -> Result<T, StoreError> {
        let text = self.text(column)?;
        parse_enum(&text).map_err(|e| self.corrupt(column, e))
    }

    pub(crate) fn opt_named<T: EnumName>(&self, column: &str) -> Result<Option<T>, StoreError> {
        match self.opt_text(column)? {
            None => Ok(None),
            Some(text) => parse_enum(&text)
                .map(Some)
                .map_err(|e| self.corrupt(column, e)),
        }
    }

    /// Parses a column with `FromStr` (severities, part references).
    pub(crate) fn opt_parsed<T>(&self, column: &str) -> Result<Option<T>, StoreError>
    where
        T: std::str::FromStr,
        T::Err: std::fmt::Display,
    {
        self.opt_text(column)?
            .map(|text| text.parse().map_err(|e| self.corrupt(column, e)))
            .transpose()
    }
}
