//! Building SQL whose shape depends on the request (filters, batches of rows)
//! without ever putting a value into the text: values become `$n` placeholders,
//! which both SQLite and PostgreSQL understand.

use sqlx::{AssertSqlSafe, SqlSafeStr, SqlStr};

use super::backend::Value;

#[derive(Debug, Default)]
pub(crate) struct SqlBuilder {
    sql: String,
    values: Vec<Value>,
}

impl SqlBuilder {
    pub(crate) fn new(start: &'static str) -> Self {
        Self {
            sql: start.to_string(),
            values: Vec::new(),
        }
    }

    /// Appends SQL text. Only constants go here, never input.
    pub(crate) fn push(&mut self, sql: &'static str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// Appends a placeholder for `value`.
    pub(crate) fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        self.sql.push('$');
        self.sql.push_str(&self.values.len().to_string());
        self
    }

    /// Appends `(${n}, ${n+1}, ...)` for a list of values.
    pub(crate) fn bind_list(&mut self, values: impl IntoIterator<Item = Value>) -> &mut Self {
        self.push("(");
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(value);
        }
        self.push(")")
    }

    pub(crate) fn finish(self) -> (SqlStr, Vec<Value>) {
        // The text holds only constants pushed above and placeholder numbers.
        (AssertSqlSafe(self.sql).into_sql_str(), self.values)
    }
}
