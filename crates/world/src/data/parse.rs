//! A small typed reader over CSV text whose every error names dataset, row, field and what is valid.

use super::DataError;
use std::collections::HashMap;

/// Reads the rows of one dataset, resolving required columns by name once.
pub(super) struct Reader<'a> {
    dataset: &'static str,
    records: csv::StringRecordsIntoIter<&'a [u8]>,
    columns: HashMap<String, usize>,
    row: usize,
}

impl<'a> Reader<'a> {
    /// Opens `text` and checks that every `required` column is in the header.
    pub(super) fn new(
        dataset: &'static str,
        text: &'a str,
        required: &[&str],
    ) -> Result<Reader<'a>, DataError> {
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let header = reader.headers().map_err(|e| DataError::Dataset {
            dataset: dataset.into(),
            message: format!("unreadable header ({e}); a comma-separated header row is required"),
        })?;
        let columns: HashMap<String, usize> =
            header.iter().enumerate().map(|(i, name)| (name.trim().to_string(), i)).collect();
        for field in required {
            if !columns.contains_key(*field) {
                return Err(DataError::MissingColumn {
                    dataset: dataset.into(),
                    field: (*field).into(),
                    expected: required.join(", "),
                });
            }
        }
        Ok(Reader { dataset, records: reader.into_records(), columns, row: 0 })
    }

    /// The next data row, or `None` at the end.
    pub(super) fn next_row(&mut self) -> Result<Option<RowCtx<'_>>, DataError> {
        match self.records.next() {
            None => Ok(None),
            Some(Err(e)) => Err(DataError::Dataset {
                dataset: self.dataset.into(),
                message: format!("row {}: malformed CSV ({e})", self.row + 1),
            }),
            Some(Ok(record)) => {
                self.row += 1;
                Ok(Some(RowCtx { dataset: self.dataset, row: self.row, record, columns: &self.columns }))
            }
        }
    }
}

/// One data row with typed field accessors.
pub(super) struct RowCtx<'a> {
    dataset: &'static str,
    /// 1-based data row.
    pub(super) row: usize,
    record: csv::StringRecord,
    columns: &'a HashMap<String, usize>,
}

impl RowCtx<'_> {
    /// An error about `field` of this row.
    pub(super) fn error(&self, field: &str, message: String) -> DataError {
        DataError::Field { dataset: self.dataset.into(), row: self.row, field: field.into(), message }
    }

    /// The trimmed text of a field (empty when the row is short).
    pub(super) fn text(&self, field: &str) -> Result<&str, DataError> {
        let idx = self.columns[field];
        Ok(self.record.get(idx).map(str::trim).unwrap_or(""))
    }

    pub(super) fn nonempty(&self, field: &str) -> Result<&str, DataError> {
        let t = self.text(field)?;
        if t.is_empty() { Err(self.error(field, "empty; a value is required".into())) } else { Ok(t) }
    }

    /// A three-letter upper-case code.
    pub(super) fn iso3(&self, field: &str) -> Result<String, DataError> {
        let t = self.text(field)?;
        if t.len() == 3 && t.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(t.to_string())
        } else {
            Err(self
                .error(field, format!("`{t}` is not an ISO 3166-1 alpha-3 code (three upper-case letters)")))
        }
    }

    pub(super) fn opt_f64(&self, field: &str) -> Result<Option<f64>, DataError> {
        let t = self.text(field)?;
        if t.is_empty() {
            return Ok(None);
        }
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => {
                Err(self
                    .error(field, format!("`{t}` is not a finite number; give a number or leave it empty")))
            }
        }
    }

    pub(super) fn f64(&self, field: &str) -> Result<f64, DataError> {
        self.opt_f64(field)?.ok_or_else(|| self.error(field, "empty; a finite number is required".into()))
    }

    pub(super) fn opt_in(&self, field: &str, lo: f64, hi: f64) -> Result<Option<f64>, DataError> {
        match self.opt_f64(field)? {
            Some(v) if !(lo..=hi).contains(&v) => {
                Err(self.error(field, format!("{v} is out of range; valid values lie in [{lo}, {hi}]")))
            }
            other => Ok(other),
        }
    }

    pub(super) fn f64_in(&self, field: &str, lo: f64, hi: f64) -> Result<f64, DataError> {
        self.opt_in(field, lo, hi)?
            .ok_or_else(|| self.error(field, format!("empty; a number in [{lo}, {hi}] is required")))
    }

    pub(super) fn opt_positive(&self, field: &str) -> Result<Option<f64>, DataError> {
        match self.opt_f64(field)? {
            Some(v) if v <= 0.0 => Err(self.error(field, format!("{v} is not positive; give a number > 0"))),
            other => Ok(other),
        }
    }

    pub(super) fn positive(&self, field: &str) -> Result<f64, DataError> {
        self.opt_positive(field)?.ok_or_else(|| self.error(field, "empty; a number > 0 is required".into()))
    }

    pub(super) fn opt_nonneg(&self, field: &str) -> Result<Option<f64>, DataError> {
        match self.opt_f64(field)? {
            Some(v) if v < 0.0 => Err(self.error(field, format!("{v} is negative; give a number ≥ 0"))),
            other => Ok(other),
        }
    }

    pub(super) fn nonneg(&self, field: &str) -> Result<f64, DataError> {
        self.opt_nonneg(field)?.ok_or_else(|| self.error(field, "empty; a number ≥ 0 is required".into()))
    }

    pub(super) fn year(&self, field: &str) -> Result<i32, DataError> {
        let t = self.text(field)?;
        t.parse::<i32>()
            .ok()
            .filter(|y| (1000..=3000).contains(y))
            .ok_or_else(|| self.error(field, format!("`{t}` is not a year; give a four-digit year")))
    }

    pub(super) fn boolean(&self, field: &str) -> Result<bool, DataError> {
        match self.text(field)? {
            "True" | "true" | "1" => Ok(true),
            "False" | "false" | "0" => Ok(false),
            t => Err(self.error(field, format!("`{t}` is not a boolean; give True or False"))),
        }
    }
}
