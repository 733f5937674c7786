"""argparse speaking Chinese: 用法、位置参数、选项、错误, through argparse's own hooks (no fork of argparse).

argparse builds its texts with gettext and offers no Chinese catalogue; its section titles, usage prefix,
help option and error() are hooks a subclass may override. Error messages are translated here from the
few sentences argparse makes, with long values (a 5000-digit number) shortened.
"""
from __future__ import annotations

import argparse
import re
import sys

from model.text_clean import clip

# argparse's error sentences (Python 3.11) -> Chinese. Groups keep the argument names and values.
_ERRORS: list[tuple[re.Pattern, str]] = [(re.compile(p, re.S), t) for p, t in [
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1。"),
    (r"unrecognized arguments: (.*)", r"不认识的参数：\1。"),
    (r"argument (.+?): invalid choice: (.*?) \(choose from (.*)\)", r"参数 \1 的值 \2 无效，可选：\3。"),
    (r"argument (.+?): invalid \w+ value: (.*)", r"参数 \1 的值 \2 无效。"),
    (r"argument (.+?): expected one argument", r"参数 \1 后面需要一个值。"),
    (r"argument (.+?): expected at least one argument", r"参数 \1 后面至少需要一个值。"),
    (r"argument (.+?): expected (\d+) arguments?", r"参数 \1 后面需要 \2 个值。"),
    (r"argument (.+?): not allowed with argument (.*)", r"参数 \1 不能与 \2 同时使用。"),
    (r"argument (.+?): ignored explicit argument (.*)", r"参数 \1 不带值（多了 \2）。"),
    (r"one of the arguments (.*) is required", r"参数 \1 中必须给出一个。"),
    (r"ambiguous option: (.+?) could match (.*)", r"选项 \1 有歧义，可能是：\2。"),
    (r"argument (.+?): (.*)", r"参数 \1：\2"),  # our own type functions' messages, already Chinese
]]


def translate(message: str) -> str:
    """argparse's English error sentence in Chinese; values longer than 40 characters shortened."""
    message = re.sub(r"'([^']{41,})'", lambda m: f"'{clip(m.group(1))}'", message)
    message = re.sub(r"\S{61,}", lambda m: clip(m.group(0), 60), message)
    for pattern, text in _ERRORS:
        m = pattern.fullmatch(message)
        if m:
            return m.expand(text)
    return message


class ChineseHelpFormatter(argparse.HelpFormatter):
    """The usage line begins with 用法：."""

    def _format_usage(self, usage, actions, groups, prefix):
        return super()._format_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose every text, its own included, is Chinese; subparsers are of this class too."""

    def __init__(self, *args, **kw):
        kw.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kw.pop("add_help", True)
        super().__init__(*args, add_help=False, **kw)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示此帮助并退出")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{translate(message)}\n")


def year_type(text: str) -> int:
    """--year: a whole number written with at most a few digits (a 5000-digit one is not even converted)."""
    from model.limits import MAX_YEAR, MIN_YEAR

    s = text.strip()
    if not re.fullmatch(r"-?\d{1,6}", s):
        raise argparse.ArgumentTypeError(f"年度「{clip(s, 12)}」不是年份：应为 {MIN_YEAR} 到 {MAX_YEAR} 之间的数，例如 2024。")
    return int(s)
