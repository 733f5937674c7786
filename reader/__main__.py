"""`python3 -m reader FILE`: the blocks a published report became, then what was read from them."""
import sys

from . import ReadError, file_blocks, read_report
from .blocks import dump


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("用法：python3 -m reader 年报文件（.docx、.html、.mht）", file=sys.stderr)
        return 2
    try:
        kind, items, _page = file_blocks(argv[0])
        print(f"# {kind}: {len(items)} 块")
        print(dump(items))
        print("#")
        print(read_report(argv[0]).summary())
    except ReadError as e:
        print(e, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
