//! The class roster a report is checked against: who should have handed in.

use super::clean;
use crate::tr;

/// One line of a roster (学号,姓名).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    pub id: String,
    pub name: String,
}

/// Read a roster CSV: a header with 学号 and 姓名 (any order, other columns ignored);
/// UTF-8 with or without BOM, or GBK.
pub fn parse_roster(bytes: &[u8]) -> Result<Vec<RosterEntry>, String> {
    let text = crate::pack::decode(bytes).map_err(|_| {
        tr!(
            "名单不是 UTF-8 或 GBK 编码的文本（或太大）",
            "the roster is not UTF-8 or GBK text (or too large)"
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| e.to_string())?.clone();
    let col = |want: &str| header.iter().position(|h| h.trim() == want);
    let (Some(id_col), Some(name_col)) = (col("学号"), col("姓名")) else {
        return Err(tr!(
            "名单第一行应为表头：学号,姓名",
            "the roster's first line must be the header 学号,姓名"
        ));
    };
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let id = clean(record.get(id_col).unwrap_or("").trim());
        let name = clean(record.get(name_col).unwrap_or("").trim());
        if id.is_empty() && name.is_empty() {
            continue;
        }
        out.push(RosterEntry { id, name });
    }
    Ok(out)
}
