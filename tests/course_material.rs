//! The built-in course material (issue 5): every pack in `drills/` loads through the same
//! path as `kuaida pack check`, together they hold a term's worth of material for the six
//! stages of the course, and every line is honest, lawful, drawable and typed with
//! full-width punctuation.
//!
//! `cargo test --test course_material -- --nocapture` prints the figures.

use kuaida::pack::{self, DrillBody, Pack};
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

/// The six stages of the course standard, as tags.
const STAGES: [&str; 6] = ["客服认知", "岗前准备", "售前", "售中", "售后", "客户关系"];
const AFTER_SALE: &str = "售后";

fn drill_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("drills");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("drills/ is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

fn packs() -> Vec<Pack> {
    pack::builtin()
}

// ---------------------------------------------------------------- loading

#[test]
fn every_file_in_drills_loads_without_problems() {
    let files = drill_files();
    assert!(files.len() >= 8, "at least eight built-in packs");
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
    let packs = packs();
    assert_eq!(
        packs.len(),
        files.len(),
        "builtin() must hold one pack per drills/*.toml (a pack that fails to load is missing)"
    );
    let ids: HashSet<&str> = packs.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), packs.len(), "pack ids are unique");
}

// ---------------------------------------------------------------- quantities

fn is_after_sale(pack: &Pack, drill: &pack::Drill) -> bool {
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
            match &d.body {
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
                DrillBody::Recall { .. } | DrillBody::Recite { .. } => {}
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
fn there_is_a_three_minute_test_like_employers() {
    let packs = packs();
    let found = packs.iter().flat_map(|p| &p.drills).any(|d| {
        matches!(d.body, DrillBody::Text { .. })
            && d.time_limit == Some(180)
            && d.pass
                == Some(kuaida::pack::Pass::Typing {
                    cpm: 60.0,
                    accuracy: 95.0,
                })
    });
    assert!(
        found,
        "a text drill with time_limit = 180 and pass = {{ cpm = 60, accuracy = 95.0 }}"
    );
    let shorter = packs
        .iter()
        .flat_map(|p| &p.drills)
        .filter(|d| d.time_limit.is_some_and(|t| t < 180))
        .count();
    assert!(shorter >= 2, "shorter timed tests: {shorter}");
}

// ---------------------------------------------------------------- scenarios

#[test]
fn scenarios_name_templates_slots_and_cards_that_fit() {
    let mut bad = Vec::new();
    for p in packs() {
        for d in &p.drills {
            let DrillBody::QuickReply { scenarios, .. } = &d.body else {
                continue;
            };
            for (i, s) in scenarios.iter().enumerate() {
                let at = format!("{}/{} scenario {} {:?}", p.id, d.id, i + 1, s.customer);
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
                for code in &s.expect {
                    let Some(t) = p.template(code) else {
                        bad.push(format!(
                            "{at}: expect names no template of the pack: {code}"
                        ));
                        continue;
                    };
                    let names: BTreeSet<&str> = t.placeholders().into_iter().collect();
                    if names != slot_names {
                        bad.push(format!(
                            "{at}: /{code} has placeholders {names:?}, slots {slot_names:?}"
                        ));
                    }
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
        }
    }
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

// ---------------------------------------------------------------- every string

/// Every piece of text a student or a buyer sees, with where it comes from.
fn strings(p: &Pack) -> Vec<(String, String)> {
    let mut out = vec![(format!("{} title", p.id), p.title.clone())];
    if let Some(d) = &p.description {
        out.push((format!("{} description", p.id), d.clone()));
    }
    for t in &p.templates {
        out.push((format!("{} /{}", p.id, t.code), t.text.clone()));
    }
    for d in &p.drills {
        let at = format!("{}/{}", p.id, d.id);
        out.push((format!("{at} title"), d.title.clone()));
        match &d.body {
            DrillBody::Text { text } => out.push((at.clone(), text.clone())),
            DrillBody::Phrases { phrases, .. } => {
                out.extend(phrases.iter().map(|s| (at.clone(), s.clone())));
            }
            DrillBody::QuickReply { scenarios, .. } => {
                for s in scenarios {
                    out.extend(
                        s.customer
                            .iter()
                            .map(|m| (format!("{at} customer"), m.clone())),
                    );
                    for (k, v) in s.card.iter().chain(&s.slots) {
                        out.push((format!("{at} card"), format!("{k}：{v}")));
                    }
                    if let Some(c) = &s.context {
                        out.push((format!("{at} context"), c.clone()));
                    }
                }
            }
            DrillBody::Recall { .. } | DrillBody::Recite { .. } => {}
        }
    }
    out
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
        "亲，满199减20的优惠券可以和平台满减叠加使用哦～",
        "感谢您的认可，期待再次为您服务。",
        "如果愿意，可以按真实体验追加评价。",
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
        for (at, s) in strings(&p) {
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
        for (at, s) in strings(&p) {
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
}

#[test]
fn no_emoji_or_characters_a_console_cannot_draw() {
    let mut bad = Vec::new();
    for p in packs() {
        for (at, s) in strings(&p) {
            for c in s.chars().filter(|&c| undrawable(c)) {
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

// ---------------------------------------------------------------- SMS and the course map

#[test]
fn sms_reminders_fit_in_seventy_characters() {
    let mut bad = Vec::new();
    for p in packs() {
        let sms = p
            .drills
            .iter()
            .filter_map(|d| match &d.body {
                DrillBody::Phrases { phrases, .. } => Some(phrases),
                _ => None,
            })
            .flatten()
            .chain(p.templates.iter().map(|t| &t.text))
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
