//! The results document on disk (`history --json`, `export`): read back by `history
//! import`, `verify` and `report` — untrusted, so its size is capped before reading and
//! its parsed size estimated before parsing, and every error is one line safe for the
//! terminal.

use super::{RESULTS_FORMAT, RESULTS_VERSION, ResultsDoc};
use crate::{Error, Result, tr};
use std::path::Path;

/// Results files larger than this are refused before reading.
pub const MAX_RESULTS_BYTES: u64 = 64 * 1024 * 1024;

/// A document whose parsed form would take more than this (estimated from its bytes
/// before parsing: see [`parsed_estimate`]) is refused; e.g. an entry of 60 MiB that
/// is mostly `[]` parses to about 9 times its size.
pub const MAX_PARSED_BYTES: u64 = 384 * 1024 * 1024;

/// An upper estimate of the memory a JSON document takes once parsed: its bytes (the
/// strings) plus 32 for every value (a number, a `[` or `{`, a `,`): a parsed value —
/// an empty list, a keystroke, a number field — takes no more than that beside its
/// text. One pass over the bytes, outside strings.
pub fn parsed_estimate(bytes: &[u8]) -> u64 {
    let (mut values, mut in_string, mut escaped) = (0u64, false, false);
    for &b in bytes {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' | b',' => values += 1,
            _ => {}
        }
    }
    (bytes.len() as u64).saturating_add(values.saturating_mul(32))
}

/// Read and check a results document written by `history --json` or `export`.
pub fn read(path: &Path) -> Result<ResultsDoc> {
    let shown = crate::safe_text::clean(&path.display().to_string(), '?');
    let too_big = || {
        let mib = MAX_RESULTS_BYTES / (1024 * 1024);
        Error::Usage(tr!(
            "{shown}：文件超过 {mib} MiB，不是成绩文件",
            "{shown}: larger than {mib} MiB; not a results file"
        ))
    };
    let bytes = match crate::read_safe::read_regular(path, MAX_RESULTS_BYTES) {
        Ok(bytes) => bytes,
        Err(crate::read_safe::ReadFail::TooLarge(_)) => return Err(too_big()),
        Err(e) => return Err(Error::io(path, e.into_io())),
    };
    parse(&bytes).map_err(|why| Error::Usage(format!("{shown}: {why}")))
}

/// Parse a results document; the error is one line, safe for the terminal.
pub fn parse(bytes: &[u8]) -> std::result::Result<ResultsDoc, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Memory by parsed size, not bytes: refused before parsing.
    let estimate = parsed_estimate(bytes);
    if estimate > MAX_PARSED_BYTES {
        let (mib, cap) = (estimate >> 20, MAX_PARSED_BYTES >> 20);
        return Err(tr!(
            "读入需要约 {mib} MiB 内存，超过每个文件 {cap} MiB 的上限（值太多，不像成绩文件）",
            "would take about {mib} MiB once read, more than the {cap} MiB allowed a file (far too many values for a results file)"
        ));
    }
    let not_results = || {
        tr!(
            "不是 kuaida 成绩文件（应为 \"format\": \"{RESULTS_FORMAT}\"）",
            "not a kuaida results file (expected \"format\": \"{RESULTS_FORMAT}\")"
        )
    };
    // First the header alone, for a clear message on a wrong or newer file.
    #[derive(serde::Deserialize)]
    struct Header {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    let header: Header = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => not_results(),
        _ => {
            let e = crate::safe_text::clean(&e.to_string(), '?');
            tr!("不是有效的 JSON：{e}", "not valid JSON: {e}")
        }
    })?;
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(RESULTS_FORMAT) {
        return Err(not_results());
    }
    let version = header.version.as_ref().and_then(|v| v.as_u64());
    match version {
        Some(v) if v == u64::from(RESULTS_VERSION) => {}
        Some(v) if v > u64::from(RESULTS_VERSION) => {
            return Err(tr!(
                "成绩文件版本 {v} 来自更新版本的 kuaida（本程序支持版本 {RESULTS_VERSION}），请升级 kuaida",
                "results file version {v} comes from a newer kuaida (this one reads version {RESULTS_VERSION}); please upgrade kuaida"
            ));
        }
        _ => {
            return Err(tr!(
                "成绩文件版本无法识别（应为 {RESULTS_VERSION}）",
                "unknown results file version (expected {RESULTS_VERSION})"
            ));
        }
    }
    let doc: ResultsDoc = serde_json::from_slice(bytes).map_err(|e| {
        let e = crate::safe_text::clean(&e.to_string(), '?');
        tr!("成绩文件内容有误：{e}", "the results file is invalid: {e}")
    })?;
    if let Some(i) = doc.sessions.iter().position(|s| s.id.trim().is_empty()) {
        let n = i + 1;
        return Err(tr!(
            "成绩文件内容有误：第 {n} 条记录没有 id",
            "the results file is invalid: session {n} has no id"
        ));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_files_give_one_line_and_no_panic() {
        for bytes in [
            &b""[..],
            b"garbage\x1b[31m",
            b"[1,2,3]",
            b"{\"format\": \"other\"}",
            b"{\"format\": \"kuaida-results\", \"version\": 9}",
            b"{\"format\": \"kuaida-results\", \"version\": 1}",
            b"{\"format\": \"kuaida-results\", \"version\": 1, \"student\": {}, \"exported_at\": \"x\", \"sessions\": []}",
            b"\xff\xfe\x00",
        ] {
            let why = parse(bytes).unwrap_err();
            assert!(!why.contains('\n'), "{why}");
            assert!(!why.chars().any(char::is_control), "{why:?}");
        }
    }

    #[test]
    fn an_empty_document_parses() {
        let doc = parse(
            b"\xEF\xBB\xBF{\"format\": \"kuaida-results\", \"version\": 1, \"student\": {\"name\": null, \"id\": null}, \"exported_at\": \"2026-11-25T09:00:00+08:00\", \"sessions\": []}",
        )
        .unwrap();
        assert!(doc.sessions.is_empty());
    }
}
