"""The repetition measure (文字重复) on texts of known overlap, and its cost."""
import random
import time

from model.repetition import MIN_PASSAGE, _compact, measure

PARAS = ["我局坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，主动公开政府信息一百二十条。",
         "依申请公开方面，严格按照条例规定的期限答复申请人，做到件件有回音，全年未发生因答复超期引发的复议诉讼。",
         "政府信息管理方面，建立健全公开前保密审查机制，对拟公开的信息逐条审核，确保不泄露国家秘密和个人隐私。",
         "平台建设方面，持续优化门户网站政府信息公开专栏，及时更新机构职能、政策文件、财政资金等栏目的内容。"]


def test_identical_texts_repeat_entirely_with_one_passage():
    text = "\n".join(PARAS)
    m = measure(text, text)
    assert m.share == 1.0 and m.repeated == m.total
    assert m.passages == ((0, len(text) - 1),)  # the final 。 is not compared


def test_reordered_paragraphs_still_repeat_entirely():
    text = "\n".join(reversed(PARAS))
    m = measure(text, "\n".join(PARAS))
    assert m.share == 1.0 and sum(b - a for a, b in m.passages) >= len(text) - 2


def test_punctuation_and_spacing_do_not_hide_repetition():
    m = measure(PARAS[0].replace("，", " ").replace("、", ""), PARAS[0])
    assert m.share == 1.0


def test_light_edits_repeat_mostly_not_entirely():
    text = "\n".join(PARAS)
    edited = text.replace("一百二十", "一百五十").replace("复议诉讼", "行政争议").replace("个人隐私", "商业秘密")
    m = measure(edited, text)
    assert 0.75 < m.share < 1.0
    assert len(m.passages) >= 3  # broken around each edit


def test_unrelated_texts_do_not_repeat():
    other = "本年度无收费情况。全市开展营商环境优化专项行动，新增市场主体三千余户，企业开办时间压缩到一个工作日以内。"
    m = measure("\n".join(PARAS), other)
    assert m.share < 0.05 and m.passages == ()


def test_half_repeated_is_half():
    text = PARAS[0] + PARAS[1]
    m = measure(text, PARAS[0] + "与此无关的另一段话，讲的是完全不同的事情。")
    assert abs(m.share - len(_compact(PARAS[0])[0]) / m.total) < 0.05
    a, b = m.passages[0]
    assert b - a >= MIN_PASSAGE and text[a:b].startswith("我局坚持")


def test_short_and_empty_texts():
    assert measure("", "任何内容").share == 0.0
    assert measure("无", "无").total == 1 and measure("无", "无").repeated == 0  # one word is not a passage


def _report(seed: int) -> str:
    rnd = random.Random(seed)
    chars = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
    return "".join(rnd.choice(chars) + ("。" if rnd.random() < 0.05 else "") for _ in range(5000))


def test_cost_on_two_5000_character_reports():
    last, now = _report(1), _report(1)[:2500] + _report(2)[:2500]
    start = time.perf_counter()
    m = measure(now, last)
    first = time.perf_counter() - start
    assert 0.4 < m.share < 0.6
    assert first < 0.05, f"{first * 1000:.1f} ms"
    start = time.perf_counter()
    measure(now, last)
    assert time.perf_counter() - start < 0.001  # cached by text: a keystroke in a table redoes nothing
