//! 旺旺/千牛 emoticon codes (`/:^_^` 微笑 …) and the 表情 tokens (`[微笑]`) kuaida shows
//! for them. The codes are the classic 旺旺 smiley set (98 faces); where two codes mean the
//! same face the first one listed is the one written back.

/// (code, meaning), in the order 旺旺 lists them.
pub const EMOTICONS: &[(&str, &str)] = &[
    ("/:^_^", "微笑"),
    ("/:^$^", "害羞"),
    ("/:Q", "吐舌头"),
    ("/:815", "偷笑"),
    ("/:809", "爱慕"),
    ("/:^O^", "大笑"),
    ("/:081", "跳舞"),
    ("/:087", "飞吻"),
    ("/:086", "安慰"),
    ("/:H", "抱抱"),
    ("/:012", "加油"),
    ("/:806", "胜利"),
    ("/:b", "强"),
    ("/:^x^", "亲亲"),
    ("/:814", "花痴"),
    ("/:^W^", "露齿笑"),
    ("/:080", "查找"),
    ("/:066", "呼叫"),
    ("/:807", "算账"),
    ("/:805", "财迷"),
    ("/:071", "好主意"),
    ("/:072", "鬼脸"),
    ("/:065", "天使"),
    ("/:804", "再见"),
    ("/:813", "流口水"),
    ("/:818", "享受"),
    ("/:015", "色情狂"),
    ("/:084", "呆若木鸡"),
    ("/:801", "思考"),
    ("/:811", "迷惑"),
    ("/:?", "疑问"),
    ("/:077", "没钱了"),
    ("/:083", "无聊"),
    ("/:817", "怀疑"),
    ("/:!", "嘘"),
    ("/:068", "小样"),
    ("/:079", "摇头"),
    ("/:028", "感冒"),
    ("/:026", "尴尬"),
    ("/:007", "傻笑"),
    ("/:816", "不会吧"),
    ("/:'\"\"", "无奈"),
    ("/:802", "流汗"),
    ("/:027", "凄凉"),
    ("/:(Zz...)", "困了"),
    ("/:*&*", "晕"),
    ("/:810", "忧伤"),
    ("/:>_<", "委屈"),
    ("/:018", "悲泣"),
    ("/:>O<", "大哭"),
    ("/:020", "痛哭"),
    ("/:044", "I服了U"),
    ("/:819", "对不起"),
    ("/:085", "再见"),
    ("/:812", "皱眉"),
    ("/:\"", "好累"),
    ("/:>M<", "生病"),
    ("/:>@<", "吐"),
    ("/:076", "背"),
    ("/:069", "惊讶"),
    ("/:O", "惊愕"),
    ("/:067", "闭嘴"),
    ("/:043", "欠扁"),
    ("/:P", "鄙视你"),
    ("/:808", "大怒"),
    ("/:>W<", "生气"),
    ("/:073", "财神"),
    ("/:008", "学习雷锋"),
    ("/:803", "恭喜发财"),
    ("/:074", "小二"),
    ("/:O=O", "老大"),
    ("/:036", "邪恶"),
    ("/:039", "单挑"),
    ("/:045", "CS"),
    ("/:046", "隐形人"),
    ("/:048", "炸弹"),
    ("/:047", "惊声尖叫"),
    ("/:girl", "漂亮MM"),
    ("/:man", "帅哥"),
    ("/:052", "招财猫"),
    ("/:(OK)", "成交"),
    ("/:8*8", "鼓掌"),
    ("/:)-(", "握手"),
    ("/:lip", "红唇"),
    ("/:-F", "玫瑰"),
    ("/:-W", "残花"),
    ("/:Y", "爱心"),
    ("/:qp", "心碎"),
    ("/:$", "钱"),
    ("/:%", "购物"),
    ("/:(&)", "礼物"),
    ("/:@", "收邮件"),
    ("/:~B", "电话"),
    ("/:U*U", "举杯庆祝"),
    ("/:clock", "时钟"),
    ("/:R", "等待"),
    ("/:C", "很晚了"),
    ("/:plane", "飞机"),
    ("/:075", "支付宝"),
];

/// Replace every emoticon code with its token (`/:^_^` → `[微笑]`), the longest code first
/// where several start at the same place (`/:O=O` before `/:O`). Returns the text and how
/// many codes were replaced.
pub fn codes_to_tokens(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut replaced = 0;
    while let Some(i) = rest.find("/:") {
        out.push_str(&rest[..i]);
        let here = &rest[i..];
        let best = EMOTICONS
            .iter()
            .filter(|(code, _)| here.starts_with(code))
            .max_by_key(|(code, _)| code.len());
        match best {
            Some((code, meaning)) => {
                out.push('[');
                out.push_str(meaning);
                out.push(']');
                rest = &here[code.len()..];
                replaced += 1;
            }
            None => {
                out.push_str("/:");
                rest = &here[2..];
            }
        }
    }
    out.push_str(rest);
    (out, replaced)
}

/// Replace every token with its code (`[微笑]` → `/:^_^`), for writing back to 千牛.
pub fn tokens_to_codes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let here = &rest[i..];
        let found = here.find(']').and_then(|end| {
            let name = &here[1..end];
            EMOTICONS
                .iter()
                .find(|(_, meaning)| *meaning == name)
                .map(|(code, _)| (*code, end + 1))
        });
        match found {
            Some((code, len)) => {
                out.push_str(code);
                rest = &here[len..];
            }
            None => {
                out.push('[');
                rest = &here[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Remove every token (`[微笑]`), for drills where the text is typed: a 表情 is never typed.
pub fn strip_tokens(text: &str) -> String {
    let with_codes = tokens_to_codes(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = with_codes.as_str();
    while let Some(i) = rest.find("/:") {
        out.push_str(&rest[..i]);
        let here = &rest[i..];
        let best = EMOTICONS
            .iter()
            .filter(|(code, _)| here.starts_with(code))
            .map(|(code, _)| code.len())
            .max();
        match best {
            Some(len) => rest = &here[len..],
            None => {
                out.push_str("/:");
                rest = &here[2..];
            }
        }
    }
    out.push_str(rest);
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_become_tokens() {
        assert_eq!(
            codes_to_tokens("亲，在的/:^_^有什么可以帮您/:Q"),
            ("亲，在的[微笑]有什么可以帮您[吐舌头]".to_owned(), 2)
        );
        assert_eq!(codes_to_tokens("/:O=O老大").0, "[老大]老大");
        assert_eq!(codes_to_tokens("/:O好").0, "[惊愕]好");
        assert_eq!(codes_to_tokens("网址 a/:zz 不变").0, "网址 a/:zz 不变");
        assert_eq!(codes_to_tokens("结尾/:").0, "结尾/:");
    }

    #[test]
    fn tokens_go_back_to_codes() {
        assert_eq!(tokens_to_codes("亲[微笑][再见]"), "亲/:^_^/:804");
        assert_eq!(tokens_to_codes("[未知][x"), "[未知][x");
        for (code, meaning) in EMOTICONS {
            let (tok, n) = codes_to_tokens(code);
            assert_eq!(n, 1, "{code}");
            assert_eq!(tok, format!("[{meaning}]"));
            let back = tokens_to_codes(&tok);
            assert_eq!(codes_to_tokens(&back).0, tok, "{code}");
        }
    }

    #[test]
    fn tokens_are_stripped_for_typing() {
        assert_eq!(strip_tokens("亲，在的[微笑]"), "亲，在的");
        assert_eq!(strip_tokens("[微笑]"), "");
        assert_eq!(strip_tokens("[尺码]表"), "[尺码]表");
    }
}
