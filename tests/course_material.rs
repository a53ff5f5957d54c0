//! The built-in course material (issues 5 and 18): every pack in `drills/` loads through the
//! same path as `kuaida pack check`; together they hold a term's worth of material for the six
//! work tasks of the course; one code book runs through all of them (a code is one text, a
//! placeholder one meaning); the judging is fair (every fitting reply accepted, the same
//! message judged the same way everywhere); every line is honest, lawful, drawable and typed
//! with full-width punctuation; and the timed tests are as long as their pass line asks.
//!
//! `cargo test --test course_material -- --nocapture` prints the figures.
//! `KUAIDA_COURSE_DIR=DIR cargo test --test course_material` runs the same checks over the
//! packs in DIR instead of the built-in ones (e.g. an older edition, to see a check fail).

use kuaida::pack::emoticon::EMOTICONS;
use kuaida::pack::{self, Drill, DrillBody, Pack, Scenario, Template};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

/// The six stages of the course standard, as tags.
const STAGES: [&str; 6] = ["客服认知", "岗前准备", "售前", "售中", "售后", "客户关系"];
const AFTER_SALE: &str = "售后";

fn drill_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("drills");
    toml_files(&dir)
}

fn toml_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the drills folder is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// The built-in packs, or the packs in `KUAIDA_COURSE_DIR` when it is set.
fn packs() -> Vec<Pack> {
    let Some(dir) = std::env::var_os("KUAIDA_COURSE_DIR") else {
        return pack::builtin();
    };
    toml_files(std::path::Path::new(&dir))
        .into_iter()
        .map(|path| {
            let source = pack::PackSource::File { path: path.clone() };
            pack::load_file(&path, source).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
        })
        .collect()
}

/// The pass line of a typing drill: (字/分, accuracy).
fn typing_pass(d: &Drill) -> Option<(f64, f64)> {
    match d.pass? {
        pack::Pass::Typing { cpm, accuracy } => Some((cpm, accuracy)),
        _ => None,
    }
}

fn scenarios(d: &Drill) -> &[Scenario] {
    match &*d.body {
        DrillBody::QuickReply { scenarios, .. } => scenarios,
        _ => &[],
    }
}

fn all_scenarios(packs: &[Pack]) -> Vec<(&Pack, &Drill, &Scenario)> {
    packs
        .iter()
        .flat_map(|p| p.drills.iter().map(move |d| (p, d)))
        .flat_map(|(p, d)| scenarios(d).iter().map(move |s| (p, d, s)))
        .collect()
}

fn at(p: &Pack, d: &Drill, s: &Scenario) -> String {
    format!("{}/{} {:?}", p.id, d.id, s.customer)
}

// ---------------------------------------------------------------- loading

#[test]
fn every_file_in_drills_loads_without_problems() {
    let files = drill_files();
    assert!(files.len() >= 9, "at least nine built-in packs");
    let mut problems = Vec::new();
    for path in &files {
        let source = pack::PackSource::File { path: path.clone() };
        match pack::load_file(path, source) {
            Ok(_) => {}
            Err(pack::LoadError::Invalid(list)) => {
                if list.is_empty() {
                    problems.push(format!("{}: rejected without a message", path.display()));
                }
                problems.extend(list.iter().map(|p| p.to_string()));
            }
            Err(pack::LoadError::Io(e)) => problems.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(
        problems.is_empty(),
        "pack problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn builtin_holds_every_file_once() {
    let files = drill_files();
    let packs = pack::builtin();
    assert_eq!(
        packs.len(),
        files.len(),
        "builtin() must hold one pack per drills/*.toml (a pack that fails to load is missing)"
    );
    let ids: HashSet<&str> = packs.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), packs.len(), "pack ids are unique");
    for id in [
        "service-basics",
        "typing-basics",
        "prep",
        "presale",
        "in-sale",
        "after-sale",
        "customer-care",
        "timed-tests",
    ] {
        assert!(
            ids.contains(id),
            "pack {id} keeps its id (histories refer to it)"
        );
    }
}

// ---------------------------------------------------------------- quantities

fn is_after_sale(pack: &Pack, drill: &Drill) -> bool {
    pack.tags.iter().any(|t| t == AFTER_SALE) || drill.tags.iter().any(|t| t == AFTER_SALE)
}

#[derive(Debug, Default)]
struct Figures {
    phrases: usize,
    qin: usize,
    nin: usize,
    templates: usize,
    templates_with_slots: usize,
    scenarios: usize,
    after_sale: usize,
    texts: usize,
}

fn figures(packs: &[Pack]) -> Figures {
    let mut f = Figures::default();
    let mut phrases: BTreeSet<&str> = BTreeSet::new();
    for p in packs {
        f.templates += p.templates.len();
        f.templates_with_slots += p
            .templates
            .iter()
            .filter(|t| !t.placeholders().is_empty())
            .count();
        for d in &p.drills {
            match &*d.body {
                DrillBody::Phrases { phrases: list, .. } => {
                    phrases.extend(list.iter().map(String::as_str));
                }
                DrillBody::Text { .. } => f.texts += 1,
                DrillBody::QuickReply { scenarios, .. } => {
                    f.scenarios += scenarios.len();
                    if is_after_sale(p, d) {
                        f.after_sale += scenarios.len();
                    }
                }
                DrillBody::Recall { .. } | DrillBody::Recite { .. } | DrillBody::Shift(_) => {}
            }
        }
    }
    f.phrases = phrases.len();
    f.qin = phrases.iter().filter(|s| s.contains('亲')).count();
    f.nin = phrases.iter().filter(|s| s.contains('您')).count();
    f
}

#[test]
fn quantities_meet_the_issue() {
    let packs = packs();
    let f = figures(&packs);
    println!("{f:?}");
    assert!(f.phrases >= 400, "distinct phrases: {}", f.phrases);
    assert!(f.qin >= 50, "phrases with 亲: {}", f.qin);
    assert!(f.nin >= 50, "phrases with 您: {}", f.nin);
    assert!(
        f.templates_with_slots >= 80,
        "templates with placeholders: {}",
        f.templates_with_slots
    );
    assert!(f.scenarios >= 120, "quick-reply scenarios: {}", f.scenarios);
    assert!(f.texts >= 12, "text drills: {}", f.texts);
    let share = f.after_sale as f64 / f.scenarios.max(1) as f64;
    println!(
        "售后 share: {}/{} = {:.1} %",
        f.after_sale,
        f.scenarios,
        share * 100.0
    );
    assert!(share >= 0.30, "售后 share {:.3} < 0.30", share);
}

#[test]
fn tags_cover_the_six_stages() {
    let packs = packs();
    for stage in STAGES {
        let drills = packs
            .iter()
            .flat_map(|p| p.drills.iter().map(move |d| (p, d)))
            .filter(|(p, d)| p.tags.iter().chain(&d.tags).any(|t| t == stage))
            .count();
        assert!(drills >= 2, "stage {stage}: {drills} drills tagged");
    }
}

#[test]
fn every_drill_has_a_one_line_description() {
    let mut bad = Vec::new();
    for p in packs() {
        for d in &p.drills {
            match d.description.as_deref().map(str::trim) {
                None | Some("") => bad.push(format!("{}/{}: no description", p.id, d.id)),
                Some(s) if s.contains('\n') => bad.push(format!(
                    "{}/{}: description of more than one line",
                    p.id, d.id
                )),
                Some(_) => {}
            }
        }
    }
    assert!(bad.is_empty(), "{} drills:\n{}", bad.len(), bad.join("\n"));
}

/// Each work task's pack says when the task is mastered: a typing drill with a pass line.
#[test]
fn every_pack_has_a_typing_drill_with_a_pass_line() {
    let mut bad = Vec::new();
    for p in packs() {
        let found = p.drills.iter().any(|d| {
            matches!(*d.body, DrillBody::Text { .. } | DrillBody::Phrases { .. })
                && typing_pass(d).is_some()
        });
        if !found {
            bad.push(p.id.clone());
        }
    }
    assert!(bad.is_empty(), "packs without a pass line: {bad:?}");
}

// ---------------------------------------------------------------- what is typed

/// The names of the 旺旺 faces kuaida knows.
fn wangwang_names() -> BTreeSet<&'static str> {
    EMOTICONS.iter().map(|(_, name)| *name).collect()
}

/// What a buyer's message may hold in brackets besides a 旺旺 face: what 千牛 shows for a
/// picture, a product link, a voice message or a video.
const MESSAGE_MARKERS: [&str; 4] = ["图片", "商品链接", "语音", "视频"];

/// Every `[…]` token in a line.
fn tokens(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find('[') {
        let here = &rest[i + 1..];
        match here.find(['[', ']']) {
            Some(end) if here[end..].starts_with(']') => {
                out.push(&here[..end]);
                rest = &here[end + 1..];
            }
            _ => rest = here,
        }
    }
    out
}

/// What the student types of a text or phrase: a line's leading speaker label (`顾客：`,
/// `客服：`) and 旺旺 face tokens are shown and not typed (PRODUCT.md).
fn typed(text: &str) -> String {
    let names = wangwang_names();
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let line = line
            .strip_prefix("顾客：")
            .or_else(|| line.strip_prefix("客服："))
            .unwrap_or(line);
        let mut out = line.to_string();
        for name in tokens(line) {
            if names.contains(name) {
                out = out.replacen(&format!("[{name}]"), "", 1);
            }
        }
        lines.push(out);
    }
    lines.join("\n")
}

fn typed_len(text: &str) -> usize {
    typed(text).chars().count()
}

#[test]
fn typed_leaves_out_labels_and_faces_only() {
    assert_eq!(
        typed("顾客：在吗？\n客服：亲，在的[微笑]"),
        "在吗？\n亲，在的"
    );
    assert_eq!(typed("备注：顾客：x"), "备注：顾客：x");
    assert_eq!(typed("亲[图片][抱拳]"), "亲[图片][抱拳]");
    assert_eq!(typed_len("客服：好的\n顾客：嗯"), 4);
}

/// The length band of a timed drill: at its pass rate a student types from 10/9 to 4/3 of it
/// in the time — long enough to fill the time, short enough to finish (3 minutes at 60 字/分:
/// 200 to 240 字). Line breaks are typed (Enter) and count.
fn band(cpm: f64, seconds: u32) -> (usize, usize) {
    let at_pass = cpm * f64::from(seconds) / 60.0;
    (
        (at_pass * 10.0 / 9.0).ceil() as usize,
        (at_pass * 4.0 / 3.0).floor() as usize,
    )
}

#[test]
fn timed_tests_fit_their_time() {
    assert_eq!(band(60.0, 180), (200, 240));
    let mut bad = Vec::new();
    let mut three_minute = 0;
    for p in packs() {
        for d in &p.drills {
            let (Some(seconds), Some((cpm, accuracy))) = (d.time_limit, typing_pass(d)) else {
                continue;
            };
            let (lo, hi) = band(cpm, seconds);
            let len = match &*d.body {
                DrillBody::Text { text } => typed_len(text),
                DrillBody::Phrases { phrases, count, .. } => {
                    let total: usize = phrases.iter().map(|s| typed_len(s)).sum();
                    let n = count.unwrap_or(phrases.len()).min(phrases.len()).max(1);
                    total * n / phrases.len().max(1)
                }
                _ => continue,
            };
            println!("{}/{}: {len} 字 typed, band {lo}–{hi}", p.id, d.id);
            if len < lo || len > hi {
                bad.push(format!(
                    "{}/{}: {len} 字 typed, wants {lo} to {hi} ({cpm} 字/分 for {seconds} s)",
                    p.id, d.id
                ));
            }
            if matches!(*d.body, DrillBody::Text { .. })
                && seconds == 180
                && cpm == 60.0
                && accuracy == 95.0
            {
                three_minute += 1;
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(
        three_minute >= 4,
        "3-minute tests (text, 180 s, 60 字/分 at 95 %): {three_minute}"
    );
}

// ---------------------------------------------------------------- one code book

#[test]
fn a_code_has_one_text_in_every_pack() {
    let mut seen: BTreeMap<&str, Vec<(&str, &Template)>> = BTreeMap::new();
    let packs = packs();
    for p in &packs {
        for t in &p.templates {
            seen.entry(t.code.as_str())
                .or_default()
                .push((p.id.as_str(), t));
        }
    }
    let mut bad = Vec::new();
    for (code, uses) in &seen {
        let (first_pack, first) = uses[0];
        for (pack_id, t) in &uses[1..] {
            if t.text != first.text || t.group != first.group {
                bad.push(format!(
                    "/{code}: {first_pack} [{}] {:?}\n       {pack_id} [{}] {:?}",
                    first.group, first.text, t.group, t.text
                ));
            }
        }
    }
    let shared = seen.values().filter(|u| u.len() > 1).count();
    println!("{} codes, {shared} shared by several packs", seen.len());
    assert!(bad.is_empty(), "{} codes:\n{}", bad.len(), bad.join("\n"));
}

/// Placeholder names that do not say which thing they stand for.
const VAGUE_NAMES: [&str; 3] = ["时间", "订单号", "取件码"];
/// Placeholders that hold a time or a date.
const TIMES: [&str; 11] = [
    "发货时间",
    "补货时间",
    "回复时间",
    "截单时间",
    "关闭时间",
    "尾款时间",
    "尾款截止",
    "活动截止",
    "活动时间",
    "退款时间",
    "签收时间",
];
/// Placeholders that hold an amount of money, written with ¥.
const MONEY: [&str; 5] = ["金额", "差额", "包邮门槛", "运费差价", "运费"];
const CARRIERS: [&str; 9] = [
    "中通",
    "圆通",
    "申通",
    "韵达",
    "顺丰",
    "极兔",
    "京东物流",
    "邮政EMS",
    "德邦",
];

fn is_order_number(v: &str) -> bool {
    (16..=19).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit())
}

fn is_tracking_number(v: &str) -> bool {
    let letters = v.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = &v[letters..];
    (letters == 0 || (2..=4).contains(&letters))
        && (10..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// What is wrong with a value for a placeholder (or a card field) of that name.
fn wrong_value(name: &str, value: &str) -> Option<&'static str> {
    if VAGUE_NAMES.contains(&name) {
        return Some("a vague name: say which time or number it is");
    }
    if name == "单号" && !is_order_number(value) {
        return Some("单号 is an order number (16 to 19 digits)");
    }
    if name.ends_with("运单号") && !is_tracking_number(value) {
        return Some("运单号 is a tracking number (10 to 15 digits, or 2 to 4 letters and digits)");
    }
    if MONEY.contains(&name) && !value.starts_with('¥') {
        return Some("an amount of money, written with ¥");
    }
    if TIMES.contains(&name) && !value.bytes().any(|b| b.is_ascii_digit()) {
        return Some("a time or date, with its figures");
    }
    if name == "快递" && !CARRIERS.contains(&value) {
        return Some("a carrier's name");
    }
    None
}

#[test]
fn value_rules_tell_numbers_apart() {
    assert!(wrong_value("单号", "3905162748830125567").is_none());
    assert!(wrong_value("单号", "78512349860231").is_some());
    assert!(wrong_value("运单号", "78512349860231").is_none());
    assert!(wrong_value("运单号", "SF1428763095140").is_none());
    assert!(wrong_value("运单号", "3905162748830125567").is_some());
    assert!(wrong_value("金额", "12").is_some());
    assert!(wrong_value("时间", "今天17:00").is_some());
    assert!(wrong_value("快递", "中通").is_none());
}

#[test]
fn a_placeholder_has_one_meaning() {
    let packs = packs();
    let mut bad = Vec::new();
    for p in &packs {
        for t in &p.templates {
            for name in t.placeholders() {
                if VAGUE_NAMES.contains(&name) {
                    bad.push(format!("{} /{}: placeholder {{{name}}}", p.id, t.code));
                }
            }
        }
    }
    for (p, d, s) in all_scenarios(&packs) {
        let at = at(p, d, s);
        for (name, value) in s.slots.iter().chain(&s.card) {
            if let Some(why) = wrong_value(name, value) {
                bad.push(format!("{at}: {name} = {value:?}: {why}"));
            }
        }
        for (name, value) in &s.slots {
            if let Some((_, on_card)) = s.card.iter().find(|(k, _)| k == name)
                && on_card != value
            {
                bad.push(format!(
                    "{at}: slot {name} = {value:?} but the card's {name} is {on_card:?}"
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn no_drill_names_a_missing_code_or_group() {
    let mut bad = Vec::new();
    for p in packs() {
        let groups: BTreeSet<&str> = p.templates.iter().map(|t| t.group.as_str()).collect();
        for d in &p.drills {
            match &*d.body {
                DrillBody::QuickReply { scenarios, .. } => {
                    for s in scenarios {
                        for code in &s.expect {
                            if p.template(code).is_none() {
                                bad.push(format!("{}/{}: no template /{code}", p.id, d.id));
                            }
                        }
                    }
                }
                DrillBody::Recall { group, .. } | DrillBody::Recite { group, .. } => {
                    if p.templates.is_empty() {
                        bad.push(format!("{}/{}: the pack has no templates", p.id, d.id));
                    }
                    if let Some(g) = group
                        && !groups.contains(g.as_str())
                    {
                        bad.push(format!("{}/{}: no template in group {g}", p.id, d.id));
                    }
                }
                DrillBody::Shift(shift) => {
                    for b in &shift.buyers {
                        for code in b.turns.iter().flat_map(|t| &t.message.expect) {
                            if p.template(code).is_none() {
                                bad.push(format!("{}/{}: no template /{code}", p.id, d.id));
                            }
                        }
                    }
                }
                DrillBody::Text { .. } | DrillBody::Phrases { .. } => {}
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

// ---------------------------------------------------------------- fair judging

#[test]
fn scenarios_name_templates_slots_and_cards_that_fit() {
    let mut bad = Vec::new();
    let packs = packs();
    for (p, d, s) in all_scenarios(&packs) {
        let at = at(p, d, s);
        if s.customer.is_empty() || s.customer.iter().any(|m| m.trim().is_empty()) {
            bad.push(format!("{at}: empty customer message"));
        }
        if s.expect.is_empty() {
            bad.push(format!("{at}: expect is empty"));
        }
        let slot_names: BTreeSet<&str> = s.slots.iter().map(|(k, _)| k.as_str()).collect();
        if slot_names.len() != s.slots.len() {
            bad.push(format!("{at}: a slot is named twice"));
        }
        // `slots` covers the union of the accepted templates' placeholders, and no more.
        let mut union: BTreeSet<&str> = BTreeSet::new();
        for code in &s.expect {
            match p.template(code) {
                Some(t) => union.extend(t.placeholders()),
                None => bad.push(format!(
                    "{at}: expect names no template of the pack: {code}"
                )),
            }
        }
        if union != slot_names {
            bad.push(format!(
                "{at}: /{} have placeholders {union:?}, slots {slot_names:?}",
                s.expect.join(" /")
            ));
        }
        for (name, value) in &s.slots {
            let on_card = s.card.iter().any(|(_, v)| v.contains(value.as_str()));
            let in_context = s
                .context
                .as_deref()
                .is_some_and(|c| c.contains(value.as_str()));
            if value.trim().is_empty() {
                bad.push(format!("{at}: slot {name} is empty"));
            } else if !on_card && !in_context {
                bad.push(format!(
                    "{at}: slot {name} = {value:?} is neither on the card nor in the context"
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn many_messages_accept_more_than_one_reply() {
    let packs = packs();
    let several = all_scenarios(&packs)
        .into_iter()
        .filter(|(_, _, s)| s.expect.len() > 1)
        .count();
    println!("scenarios accepting more than one code: {several}");
    assert!(
        several >= 25,
        "only {several} scenarios accept more than one code"
    );
}

#[test]
fn the_same_message_expects_the_same_codes_everywhere() {
    let packs = packs();
    let mut seen: BTreeMap<Vec<&str>, Vec<(String, BTreeSet<&str>)>> = BTreeMap::new();
    for (p, d, s) in all_scenarios(&packs) {
        let message: Vec<&str> = s.customer.iter().map(|m| m.trim()).collect();
        let codes: BTreeSet<&str> = s.expect.iter().map(String::as_str).collect();
        seen.entry(message)
            .or_default()
            .push((format!("{}/{}", p.id, d.id), codes));
    }
    let mut bad = Vec::new();
    for (message, uses) in &seen {
        if uses.iter().any(|(_, codes)| *codes != uses[0].1) {
            bad.push(format!("{message:?}: {uses:?}"));
        }
    }
    assert!(
        bad.is_empty(),
        "{} messages:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

// ---------------------------------------------------------------- work the course asks for

/// Agent-initiated care: templates of group 主动关怀, practised on order events (a message
/// that starts with （订单事件）) until shift drills let the agent open a conversation.
#[test]
fn outbound_care_is_there() {
    let packs = packs();
    let outbound: BTreeSet<&str> = packs
        .iter()
        .flat_map(|p| &p.templates)
        .filter(|t| t.group == "主动关怀")
        .map(|t| t.code.as_str())
        .collect();
    let events: Vec<&Scenario> = all_scenarios(&packs)
        .into_iter()
        .map(|(_, _, s)| s)
        .filter(|s| s.customer[0].starts_with("（订单事件）"))
        .collect();
    let practised: BTreeSet<&str> = events
        .iter()
        .flat_map(|s| &s.expect)
        .map(String::as_str)
        .filter(|c| outbound.contains(c))
        .collect();
    println!(
        "outbound care: {} templates, {} order events, {} practised",
        outbound.len(),
        events.len(),
        practised.len()
    );
    assert!(
        outbound.len() >= 12,
        "主动关怀 templates: {}",
        outbound.len()
    );
    assert!(
        events.len() >= 12,
        "order-event scenarios: {}",
        events.len()
    );
    assert!(
        practised.len() >= 12,
        "主动关怀 codes practised on events: {practised:?}"
    );
}

/// An SMS: 【店铺名】 first, 退订回T last, and 70 字 or fewer with every placeholder filled
/// with the longest value it takes in any scenario.
#[test]
fn sms_templates_fit_in_seventy_characters() {
    let packs = packs();
    let mut longest: BTreeMap<&str, &str> = BTreeMap::new();
    for (_, _, s) in all_scenarios(&packs) {
        for (name, value) in &s.slots {
            let entry = longest.entry(name.as_str()).or_insert(value.as_str());
            if value.chars().count() > entry.chars().count() {
                *entry = value.as_str();
            }
        }
    }
    let mut bad = Vec::new();
    let mut sms = BTreeSet::new();
    for p in &packs {
        for t in p.templates.iter().filter(|t| t.group == "短信") {
            sms.insert(t.code.as_str());
            if !t.text.starts_with("【{店铺}】") || !t.text.ends_with("退订回T") {
                bad.push(format!(
                    "/{}: 【{{店铺}}】 first and 退订回T last: {}",
                    t.code, t.text
                ));
            }
            let mut text = t.text.clone();
            for name in t.placeholders() {
                match longest.get(name) {
                    Some(v) => text = text.replace(&format!("{{{name}}}"), v),
                    None => bad.push(format!("/{}: no scenario fills {{{name}}}", t.code)),
                }
            }
            let n = text.chars().count();
            if n > 70 {
                bad.push(format!("/{}: {n} 字: {text}", t.code));
            }
        }
    }
    println!("SMS templates: {}", sms.len());
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(sms.len() >= 6, "SMS templates: {}", sms.len());
}

#[test]
fn sms_phrases_fit_in_seventy_characters() {
    let mut bad = Vec::new();
    for p in packs() {
        let sms = p
            .drills
            .iter()
            .filter_map(|d| match &*d.body {
                DrillBody::Phrases { phrases, .. } => Some(phrases),
                _ => None,
            })
            .flatten()
            .filter(|s| s.starts_with('【') && s.contains("退订"));
        for s in sms {
            let n = s.chars().count();
            if n > 70 {
                bad.push(format!("{}: {n} 字: {s}", p.id));
            }
        }
    }
    assert!(bad.is_empty(), "SMS over 70 字:\n{}", bad.join("\n"));
}

/// The 店小蜜 knowledge base: at least 20 intents (templates of group 知识库), each asked in
/// 4 to 6 ways (the scenarios that accept it).
#[test]
fn the_knowledge_base_has_twenty_intents_with_similar_phrasings() {
    let mut intents = 0;
    let mut bad = Vec::new();
    for p in packs() {
        for t in p.templates.iter().filter(|t| t.group == "知识库") {
            intents += 1;
            let ways = p
                .drills
                .iter()
                .flat_map(scenarios)
                .filter(|s| s.expect.contains(&t.code))
                .count();
            if !(4..=6).contains(&ways) {
                bad.push(format!("{} /{}: {ways} phrasings", p.id, t.code));
            }
        }
    }
    println!("knowledge-base intents: {intents}");
    assert!(intents >= 20, "knowledge-base intents: {intents}");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Buyers write as buyers do: pictures, links, voice, emoji, pinyin and typos.
#[test]
fn buyers_write_as_buyers_do() {
    let packs = packs();
    let messages: Vec<&str> = all_scenarios(&packs)
        .into_iter()
        .flat_map(|(_, _, s)| s.customer.iter().map(String::as_str))
        .collect();
    let has = |what: &str| messages.iter().filter(|m| m.contains(what)).count();
    for marker in ["[图片]", "[商品链接]", "[语音]", "在么", "木有"] {
        assert!(has(marker) >= 1, "no buyer message with {marker}");
    }
    let emoji = messages
        .iter()
        .filter(|m| m.chars().any(|c| c as u32 >= 0x1F300))
        .count();
    assert!(emoji >= 3, "buyer messages with emoji: {emoji}");
    let pinyin = messages
        .iter()
        .filter(|m| m.chars().all(|c| c.is_ascii_lowercase() || c == ' '))
        .count();
    assert!(pinyin >= 5, "buyer messages in pinyin: {pinyin}");
}

// ---------------------------------------------------------------- every string

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// What the shop says or the course teaches: templates, phrases, texts, titles.
    Agent,
    /// What a buyer says: customer messages and the 顾客： lines of a text.
    Buyer,
    /// What the agent is shown: order cards and notes.
    Notes,
    /// Titles and descriptions: they name a topic, they do not state it.
    Topic,
}

/// Every piece of text a student or a buyer sees, with where it comes from and who says it.
fn strings(p: &Pack) -> Vec<(String, String, Side)> {
    use Side::*;
    let mut out = vec![(format!("{} title", p.id), p.title.clone(), Topic)];
    if let Some(d) = &p.description {
        out.push((format!("{} description", p.id), d.clone(), Topic));
    }
    for t in &p.templates {
        out.push((format!("{} /{}", p.id, t.code), t.text.clone(), Agent));
    }
    for d in &p.drills {
        let at = format!("{}/{}", p.id, d.id);
        out.push((format!("{at} title"), d.title.clone(), Topic));
        if let Some(s) = &d.description {
            out.push((format!("{at} description"), s.clone(), Topic));
        }
        match &*d.body {
            DrillBody::Text { text } => {
                for line in text.lines() {
                    let side = if line.starts_with("顾客：") {
                        Buyer
                    } else {
                        Agent
                    };
                    out.push((at.clone(), line.to_string(), side));
                }
            }
            DrillBody::Phrases { phrases, .. } => {
                out.extend(phrases.iter().map(|s| (at.clone(), s.clone(), Agent)));
            }
            DrillBody::QuickReply { scenarios, .. } => {
                for s in scenarios {
                    out.extend(
                        s.customer
                            .iter()
                            .map(|m| (format!("{at} customer"), m.clone(), Buyer)),
                    );
                    for (k, v) in s.card.iter().chain(&s.slots) {
                        out.push((format!("{at} card"), format!("{k}：{v}"), Notes));
                    }
                    if let Some(c) = &s.context {
                        out.push((format!("{at} context"), c.clone(), Notes));
                    }
                }
            }
            DrillBody::Shift(shift) => {
                for b in &shift.buyers {
                    let turns = b.turns.iter();
                    for m in turns.flat_map(|t| t.message.customer.iter().chain(&t.nudges)) {
                        out.push((format!("{at} {}", b.name), m.clone(), Buyer));
                    }
                    for t in &b.turns {
                        for (k, v) in &t.message.slots {
                            out.push((format!("{at} slots"), format!("{k}：{v}"), Notes));
                        }
                    }
                    for (k, v) in &b.card {
                        out.push((format!("{at} card"), format!("{k}：{v}"), Notes));
                    }
                    if let Some(c) = &b.context {
                        out.push((format!("{at} context"), c.clone(), Notes));
                    }
                }
            }
            DrillBody::Recall { .. } | DrillBody::Recite { .. } => {}
        }
    }
    out
}

/// The shop's side: what an agent says and is told.
fn shop_strings(p: &Pack) -> Vec<(String, String)> {
    strings(p)
        .into_iter()
        .filter(|(_, _, side)| matches!(side, Side::Agent | Side::Notes))
        .map(|(at, s, _)| (at, s))
        .collect()
}

/// Absolute claims the advertising law bans (广告法第九条 and the like).
const CLAIMS: &[&str] = &[
    "最好",
    "最佳",
    "最优",
    "最强",
    "最低价",
    "最便宜",
    "最高级",
    "最先进",
    "最正宗",
    "史上最",
    "第一",
    "国家级",
    "世界级",
    "顶级",
    "极品",
    "全网最低",
    "100%",
    "百分百",
    "百分之百",
    "绝无仅有",
    "独一无二",
    "万能",
    "首选",
    "无副作用",
    "根治",
    "永不褪色",
    "永不起球",
];

/// Ordinary phrases that hold a banned word without claiming anything.
const ORDINARY: &[&str] = &[
    "第一时间",
    "第一次",
    "第一步",
    "第一天",
    "第一件",
    "第一个",
    "第一位",
    "第一条",
    "第一遍",
    "第一泡",
    "第一单",
    "第一眼",
    "第一批",
    "第一包",
    "第一句",
    "100%棉",
];

/// Words about reviews, and what must never be offered for one.
const REVIEW: &[&str] = &[
    "好评",
    "差评",
    "中评",
    "评价",
    "追评",
    "追加评",
    "晒图",
    "五星",
    "评分",
];
const REWARD: &[&str] = &[
    "返现",
    "红包",
    "优惠券",
    "券",
    "现金",
    "奖励",
    "礼品",
    "礼物",
    "赠品",
    "补偿",
    "返还",
    "返给",
    "送您",
    "送你",
    "立减",
    "积分",
];

/// What is wrong with one line: banned claims and review inducements.
fn unlawful(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut scrubbed = line.to_string();
    for ok in ORDINARY {
        scrubbed = scrubbed.replace(ok, "□");
    }
    for claim in CLAIMS {
        if scrubbed.contains(claim) {
            found.push(format!("claim {claim}"));
        }
    }
    for sentence in line.split(['。', '！', '？', '；', '\n']) {
        let review = REVIEW.iter().find(|w| sentence.contains(**w));
        let reward = REWARD.iter().find(|w| sentence.contains(**w));
        if let (Some(review), Some(reward)) = (review, reward) {
            found.push(format!("review inducement {review}…{reward}"));
        }
    }
    for direct in [
        "好评返",
        "好评送",
        "好评有礼",
        "改好评",
        "删差评",
        "删评",
        "撤销差评",
    ] {
        if line.contains(direct) {
            found.push(format!("review inducement {direct}"));
        }
    }
    found
}

#[test]
fn scanner_catches_claims_and_inducements_and_spares_ordinary_lines() {
    let bad = [
        "亲，好评返现5元哦～",
        "五星好评晒图，联系客服领红包。",
        "亲，改成好评就给您补偿10元。",
        "删差评送您一张优惠券。",
        "追评满30字送小礼物哦～",
        "本店面膜全网最低价！",
        "国家级品质，100%纯棉。",
        "这款是行业第一品牌，放心买。",
        "亲，这是最好的选择。",
    ];
    for line in bad {
        assert!(!unlawful(line).is_empty(), "should be caught: {line}");
    }
    let good = [
        "有进展我第一时间通知您。",
        "亲，深色衣服第一次洗会有点浮色。",
        "评价是您的权利，我们完全尊重。",
        "亲，满199减20的优惠券下单时自动抵扣哦～",
        "感谢您的认可，期待再次为您服务。",
        "如果愿意，可以按真实体验追加评价。",
        "亲，拿好处换评价是平台禁止的，我们不能这样做。",
    ];
    for line in good {
        assert!(
            unlawful(line).is_empty(),
            "should pass: {line} {:?}",
            unlawful(line)
        );
    }
}

#[test]
fn no_banned_claims_or_review_inducements() {
    let mut bad = Vec::new();
    for p in packs() {
        for (at, s) in shop_strings(&p) {
            for what in unlawful(&s) {
                bad.push(format!("{at}: {what}: {s}"));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Rules stated wrongly or promised too much, per sentence of what the shop says: what is wrong
/// with it, if anything.
fn wrong_rule(sentence: &str) -> Option<&'static str> {
    let has = |w: &str| sentence.contains(w);
    let any = |ws: &[&str]| ws.iter().any(|w| sentence.contains(w));
    if has("无理由退换") || (any(&["七天无理由", "7天无理由"]) && has("退换货")) {
        return Some("七天无理由 is 退货 (换货 is the shop's own service)");
    }
    if any(&["不影响二次销售"]) {
        return Some(
            "七天无理由 asks for goods that are 完好 (opening to inspect does not void it)",
        );
    }
    if any(&["由保险赔付", "不用担心运费", "赔付运费", "会赔付运费"]) {
        return Some("运费险 pays by the insurer's rules");
    }
    if any(&["一定负责", "损失我们", "保证送到", "一定能到"]) {
        return Some("a promise an agent may not make");
    }
    if has("叠加") && !has("结算页") && !has("不能叠加") {
        return Some("whether discounts stack: 以结算页为准");
    }
    if any(&["取件码是", "取件码："]) {
        return Some("no 取件码 in chat");
    }
    if has("驳回") && any(&["运单号", "单号"]) {
        return Some("a refund without a return tracking number closes; the buyer applies again");
    }
    if has("充电宝") && has("飞机") && !has("3C") {
        return Some("power banks on planes: 3C");
    }
    if any(&["变质", "漏气", "受潮"])
        && has("食")
        && !any(&["不要食用", "请勿食用", "别吃", "不要饮用"])
    {
        return Some("food that may be spoiled: 请勿食用");
    }
    if any(&["红疹", "过敏", "皮肤不适"]) && !has("停用") {
        return Some("skin that reacts: 停用并就医");
    }
    if any(&["24小时后会自动关闭", "72小时后会自动关闭", "小时后自动关闭"]) {
        return Some("when an order closes: 以订单页倒计时为准");
    }
    if has("Ctrl") && any(&["全角", "半角"]) {
        return Some("Ctrl+. switches 中/英文标点; Shift+Space is 全角/半角");
    }
    if has("选")
        && any(&["拍错", "不想要"])
        && any(&["缺货", "延迟", "没按时", "未按约定"])
        && !any(&["不让", "不要让"])
    {
        return Some("a refund reason that blames the buyer when the cause is the shop's");
    }
    None
}

#[test]
fn wrong_rule_catches_the_old_mistakes() {
    for line in [
        "亲，本店支持七天无理由退换货，收到后不影响二次销售都可以申请",
        "您这单还带运费险，退货时运费会由保险赔付",
        "给您造成的损失，我们一定负责",
        "店铺券和跨店满减可以叠加使用",
        "亲，包裹已经放在驿站了，取件码是6-2-3018",
        "退款被驳回是因为退货申请里还没有填写运单号",
        "亲，这款充电宝是10000mAh的，可以带上飞机",
        "收到的酱牛肉袋子漏气了，食品按破损处理",
        "爽肤水用完起红疹了，我们一定负责处理",
        "亲，订单还没付款哦，未付款订单24小时后会自动关闭",
        "全角半角标点切换：Ctrl+句点键",
        "缺货的话，您退款时选“拍错了”就行",
    ] {
        assert!(wrong_rule(line).is_some(), "should be caught: {line}");
    }
    for line in [
        "亲，这款支持七天无理由退货，商品完好就可以申请",
        "店铺券能不能和平台满减一起用，实际价格以结算页为准",
        "这款充电宝有3C认证标识，可以随身带上飞机",
        "中英文标点切换：Ctrl+句点键",
        "缺货是店铺原因，不让顾客选“拍错了”",
    ] {
        assert!(wrong_rule(line).is_none(), "should pass: {line}");
    }
}

#[test]
fn rules_are_stated_rightly() {
    let mut bad = Vec::new();
    for p in packs() {
        for (at, s) in shop_strings(&p) {
            if let Some(why) = wrong_rule(&s) {
                bad.push(format!("{at}: {why}: {s}"));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn emoticon_tokens_are_wangwang_faces() {
    let names = wangwang_names();
    let mut bad = Vec::new();
    for p in packs() {
        for (at, s, side) in strings(&p) {
            for name in tokens(&s) {
                let ok = names.contains(name)
                    || (side == Side::Buyer && MESSAGE_MARKERS.contains(&name));
                if !ok {
                    bad.push(format!("{at}: [{name}] in {s}"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{} tokens:\n{}", bad.len(), bad.join("\n"));
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF // Han
        | 0x3000..=0x303F // CJK marks: 、。「」【】
        | 0xFF00..=0xFFEF) // full-width forms: ，！（）：；？～￥
}

/// Half-width marks that touch a Chinese character: `亲,在的` or `好的.`. Decimals (¥15.90),
/// times (10:30), URLs, e-mail addresses, codes and Latin words have no Chinese neighbour.
fn halfwidth_next_to_cjk(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if !",.?!:;()~".contains(c) {
            continue;
        }
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        if prev.is_some_and(is_cjk) || next.is_some_and(is_cjk) {
            let from = i.saturating_sub(6);
            let to = (i + 7).min(chars.len());
            found.push(format!(
                "{c:?} in …{}…",
                chars[from..to].iter().collect::<String>()
            ));
        }
    }
    found
}

#[test]
fn halfwidth_checker_catches_marks_next_to_chinese_only() {
    let bad = [
        "亲,在的",
        "好的.",
        "在吗?",
        "您好!请问",
        "注意:易碎",
        "好的;谢谢",
        "（电话接通)喂",
        "尺码(S码)偏小",
        "亲~",
    ];
    for line in bad {
        assert!(
            !halfwidth_next_to_cjk(line).is_empty(),
            "should be caught: {line}"
        );
    }
    let good = [
        "实付¥15.90，已退回。",
        "今天10:30前发出。",
        "尺码XL，38码，2026-11-25到货。",
        "详见 www.example.com 说明。",
        "发到邮箱li.na@example.com，请查收。",
        "Hi, Tom! Your order is on its way.",
        "亲，在的～（电话接通）",
        "v1.2版本",
    ];
    for line in good {
        let found = halfwidth_next_to_cjk(line);
        assert!(found.is_empty(), "should pass: {line} {found:?}");
    }
}

#[test]
fn chinese_text_uses_fullwidth_punctuation() {
    let mut bad = Vec::new();
    for p in packs() {
        for (at, s, _) in strings(&p) {
            for what in halfwidth_next_to_cjk(&s) {
                bad.push(format!("{at}: {what}"));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Characters a console may fail to draw: emoji and pictographs, variation selectors and
/// joiners, private use, anything outside the Basic Multilingual Plane, control characters.
fn undrawable(c: char) -> bool {
    let u = c as u32;
    u > 0xFFFF
        || (c.is_control() && c != '\n')
        || matches!(u,
            0x2600..=0x27BF // miscellaneous symbols, dingbats (☀ ✨ ❤)
            | 0x2B00..=0x2BFF // arrows and stars drawn as emoji (⭐ ⬆)
            | 0x200B..=0x200F | 0x2060..=0x206F // zero-width and joiners
            | 0xFE00..=0xFE0F // variation selectors
            | 0xE000..=0xF8FF // private use
            | 0xFFF0..=0xFFFF)
}

/// A buyer may send a plain emoji (one code point, drawn two cells wide): it is shown, never
/// typed. No joiner sequences, skin tones, flags or variation selectors.
fn plain_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1F5FF | 0x1F600..=0x1F64F | 0x1F900..=0x1F9FF)
        && !matches!(c as u32, 0x1F3FB..=0x1F3FF)
}

#[test]
fn undrawable_catches_emoji_and_spares_tokens() {
    for line in [
        "亲😊",
        "好的👍",
        "✨上新",
        "❤谢谢",
        "亲\u{200d}",
        "⭐好评",
        "\u{1b}[31m",
    ] {
        assert!(line.chars().any(undrawable), "should be caught: {line:?}");
    }
    for line in [
        "亲[微笑]",
        "¥99",
        "→",
        "……——～",
        "「」【】“”",
        "38码 XL ×2 · 10:30",
    ] {
        assert!(!line.chars().any(undrawable), "should pass: {line}");
    }
    assert!(plain_emoji('😂') && plain_emoji('👍') && !plain_emoji('\u{1F3FB}'));
}

#[test]
fn no_emoji_or_characters_a_console_cannot_draw() {
    let mut bad = Vec::new();
    for p in packs() {
        for (at, s, side) in strings(&p) {
            for c in s.chars().filter(|&c| undrawable(c)) {
                if side == Side::Buyer && at.ends_with("customer") && plain_emoji(c) {
                    continue;
                }
                bad.push(format!("{at}: U+{:04X} in {s}", c as u32));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

// ---------------------------------------------------------------- the course map

/// The README's course map names drills as `pack/drill`, then `drill` for more of the same pack.
#[test]
fn course_map_names_real_drills_and_every_drill() {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .expect("README.md");
    let start = readme
        .find("## Course map")
        .expect("README has a course map");
    let map = &readme[start..];
    let map = &map[..map[3..].find("\n## ").map_or(map.len(), |end| end + 3)];
    let packs = packs();
    let mut named: HashSet<(String, String)> = HashSet::new();
    let mut bad = Vec::new();
    for line in map.lines().filter(|l| l.starts_with('|')) {
        let mut pack_id = String::new();
        for (i, token) in line.split('`').enumerate() {
            if i % 2 == 0 {
                continue;
            }
            let drill_id = match token.split_once('/') {
                Some((p, d)) => {
                    pack_id = p.to_string();
                    d
                }
                None => token,
            };
            let exists = packs
                .iter()
                .find(|p| p.id == pack_id)
                .is_some_and(|p| p.drill(drill_id).is_some());
            if exists {
                named.insert((pack_id.clone(), drill_id.to_string()));
            } else {
                bad.push(format!("no drill {pack_id}/{drill_id}"));
            }
        }
    }
    for p in &packs {
        for d in &p.drills {
            if !named.contains(&(p.id.clone(), d.id.clone())) {
                bad.push(format!("{}/{} is not in the course map", p.id, d.id));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
